// A parsed snippet with its facts, and a way to point at one of its nodes by text.
import { DocumentFacts } from '../../server/src/analysis/facts';
import { parse, pythonParser, type Node, type Tree } from '../../server/src/parser';

export interface ParsedSource {
  readonly tree: Tree;
  readonly facts: DocumentFacts;
  /**
   * The smallest named node spanning the `occurrence`-th (0-based) appearance
   * of `snippet`; with `type`, the nearest node of that type around the
   * snippet's first character.
   */
  at(snippet: string, occurrence?: number, type?: string): Node;
}

export async function parsed(source: string): Promise<ParsedSource> {
  const tree = parse(await pythonParser(), source);
  const facts = new DocumentFacts(tree.rootNode);
  return {
    tree,
    facts,
    at(snippet, occurrence = 0, type) {
      let start = -1;
      for (let i = 0; i <= occurrence; i++) {
        start = source.indexOf(snippet, start + 1);
        if (start < 0) throw new Error(`"${snippet}" #${occurrence} not in source`);
      }
      let node = type ? tree.rootNode.namedDescendantForIndex(start, start) : tree.rootNode.namedDescendantForIndex(start, start + snippet.length);
      while (node && type && node.type !== type) node = node.parent;
      if (!node) throw new Error(`no ${type ?? 'node'} at "${snippet}"`);
      return node;
    },
  };
}
