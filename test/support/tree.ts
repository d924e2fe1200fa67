// Parsed Python for tests that look at single expressions.
import { DocumentFacts } from '../../server/src/analysis/facts';
import { parse, pythonParser, type Node, type Tree } from '../../server/src/parser';

export interface ParsedSource {
  readonly tree: Tree;
  readonly facts: DocumentFacts;
  /** The first expression node whose text is `text` (searching in document order). */
  expression(text: string): Node;
}

export async function parseSource(source: string): Promise<ParsedSource> {
  const tree = parse(await pythonParser(), source);
  const find = (node: Node, text: string): Node | undefined => {
    if (node.isNamed && node.text === text) return node;
    for (const child of node.namedChildren) {
      const found = child && find(child, text);
      if (found) return found;
    }
    return undefined;
  };
  return {
    tree,
    facts: new DocumentFacts(tree.rootNode),
    expression(text) {
      const found = find(tree.rootNode, text);
      if (!found) throw new Error(`no node with text ${JSON.stringify(text)} in:\n${source}`);
      return found;
    },
  };
}
