// Parsed Python for tests that ask questions about particular nodes.
import type { Node, Tree } from 'web-tree-sitter';
import { DocumentFacts } from '../../server/src/analysis/facts';
import { parse, pythonParser } from '../../server/src/parser';

export interface ParsedSource {
  readonly tree: Tree;
  readonly facts: DocumentFacts;
  /** The smallest node whose text is exactly `snippet`, at its `occurrence`-th (0-based) place in the source. */
  node(snippet: string, occurrence?: number): Node;
}

/** Parses source, hands it to use, and frees the tree afterwards. */
export async function withSource<T>(source: string, use: (parsed: ParsedSource) => T): Promise<T> {
  const tree = parse(await pythonParser(), source);
  try {
    const facts = new DocumentFacts(tree.rootNode);
    return use({ tree, facts, node: (snippet, occurrence = 0) => nodeFor(tree.rootNode, source, snippet, occurrence) });
  } finally {
    tree.delete();
  }
}

function nodeFor(root: Node, source: string, snippet: string, occurrence: number): Node {
  let start = -1;
  for (let seen = 0; seen <= occurrence; seen++) {
    start = source.indexOf(snippet, start + 1);
    if (start < 0) throw new Error(`occurrence ${occurrence} of ${JSON.stringify(snippet)} not in source`);
  }
  const end = start + snippet.length;
  // Descend through the nodes that contain the span, remembering the deepest exact match.
  let match: Node | undefined;
  for (let node: Node | undefined = root; node; ) {
    if (node.startIndex === start && node.endIndex === end) match = node;
    node = node.children.find((child): child is Node => child !== null && child.startIndex <= start && child.endIndex >= end);
  }
  if (!match) throw new Error(`no node spans exactly ${JSON.stringify(snippet)}`);
  return match;
}
