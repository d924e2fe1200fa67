// Parsed Python for tests that ask questions about particular nodes.
import { DocumentFacts } from '../../server/src/semantics/facts';
import { parse, pythonParser, type Node, type Tree } from '../../server/src/document/parser';

export interface ParsedSource {
  readonly tree: Tree;
  readonly root: Node;
  readonly facts: DocumentFacts;
  /** The first named node, in document order, whose text is `text`. */
  expression(text: string): Node;
  /** The nth (0-based) node of `type` whose text is `text` (any text when omitted), in document order. */
  find(type: string, text?: string, nth?: number): Node;
  /** The smallest node whose text is exactly `snippet`, at its `occurrence`-th (0-based) place in the source. */
  node(snippet: string, occurrence?: number): Node;
  /**
   * The smallest named node spanning the `occurrence`-th (0-based) appearance
   * of `snippet`; with `type`, the nearest node of that type around the
   * snippet's first character.
   */
  at(snippet: string, occurrence?: number, type?: string): Node;
}

/** Parses source; the caller owns the tree (tests that parse many snippets use withSource). */
export async function parsed(source: string): Promise<ParsedSource> {
  const tree = parse(await pythonParser(), source);
  const facts = new DocumentFacts(tree.rootNode);
  const root = tree.rootNode;
  return {
    tree,
    root,
    facts,
    expression(text) {
      const found = firstNamedWithText(root, text);
      if (!found) throw new Error(`no node with text ${JSON.stringify(text)} in:\n${source}`);
      return found;
    },
    find(type, text, nth = 0) {
      const matches = root
        .descendantsOfType(type)
        .filter((node): node is Node => node !== null && (text === undefined || node.text === text));
      const node = matches[nth];
      if (!node) throw new Error(`no ${type} node ${JSON.stringify(text)} #${nth} in:\n${source}`);
      return node;
    },
    node: (snippet, occurrence = 0) => exactNode(tree.rootNode, source, snippet, occurrence),
    at(snippet, occurrence = 0, type) {
      const start = offsetOf(source, snippet, occurrence);
      let node = type
        ? tree.rootNode.namedDescendantForIndex(start, start)
        : tree.rootNode.namedDescendantForIndex(start, start + snippet.length);
      while (node && type && node.type !== type) node = node.parent;
      if (!node) throw new Error(`no ${type ?? 'node'} at "${snippet}"`);
      return node;
    },
  };
}

/** Parses source, hands it to use, and frees the tree afterwards. */
export async function withSource<T>(source: string, use: (parsed: ParsedSource) => T): Promise<T> {
  const parsedSource = await parsed(source);
  try {
    return use(parsedSource);
  } finally {
    parsedSource.tree.delete();
  }
}

function offsetOf(source: string, snippet: string, occurrence: number): number {
  let start = -1;
  for (let seen = 0; seen <= occurrence; seen++) {
    start = source.indexOf(snippet, start + 1);
    if (start < 0) throw new Error(`occurrence ${occurrence} of ${JSON.stringify(snippet)} not in source`);
  }
  return start;
}

function exactNode(root: Node, source: string, snippet: string, occurrence: number): Node {
  const start = offsetOf(source, snippet, occurrence);
  const end = start + snippet.length;
  // Descend through the nodes that contain the span, remembering the deepest exact match.
  let match: Node | undefined;
  for (let node: Node | undefined = root; node; ) {
    if (node.startIndex === start && node.endIndex === end) match = node;
    node = node.children.find(
      (child): child is Node => child !== null && child.startIndex <= start && child.endIndex >= end,
    );
  }
  if (!match) throw new Error(`no node spans exactly ${JSON.stringify(snippet)}`);
  return match;
}

function firstNamedWithText(node: Node, text: string): Node | undefined {
  if (node.isNamed && node.text === text) return node;
  for (const child of node.namedChildren) {
    const found = child && firstNamedWithText(child, text);
    if (found) return found;
  }
  return undefined;
}
