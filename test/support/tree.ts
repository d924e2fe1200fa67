// Parsed snippets for unit tests of the analysis: a tree, its facts, and a way
// to pick out a node by type and text.
import type { Node, Tree } from 'web-tree-sitter';
import { DocumentFacts } from '../../server/src/analysis/facts';
import { parse, pythonParser } from '../../server/src/parser';

export interface ParsedSnippet {
  readonly tree: Tree;
  readonly root: Node;
  readonly facts: DocumentFacts;
  /** The nth (0-based) node of `type` whose text is `text` (any text when omitted), in document order. */
  find(type: string, text?: string, nth?: number): Node;
}

/** Parses source, runs `use` on it and frees the tree afterwards. */
export async function withSnippet<T>(source: string, use: (snippet: ParsedSnippet) => T): Promise<T> {
  const tree = parse(await pythonParser(), source);
  try {
    const root = tree.rootNode;
    const find = (type: string, text?: string, nth = 0): Node => {
      const matches = root.descendantsOfType(type).filter((node): node is Node => node !== null && (text === undefined || node.text === text));
      const node = matches[nth];
      if (!node) throw new Error(`no ${type} node ${JSON.stringify(text)} #${nth} in:\n${source}`);
      return node;
    };
    return use({ tree, root, facts: new DocumentFacts(root), find });
  } finally {
    tree.delete();
  }
}
