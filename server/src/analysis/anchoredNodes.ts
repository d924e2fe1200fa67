// The nodes rules check, found from their anchors' tokens (see Rule.anchors):
// a search of the text per token instead of a walk over every node.
import type { Node } from 'web-tree-sitter';
import type { Anchor, Rule } from '../rules/types';
import type { DocumentFacts } from './facts';
import { contains } from './loops';

export interface Visit {
  readonly rule: Rule;
  readonly node: Node;
}

/** Each rule's nodes inside `top` (itself included), each once, in document order, outer before inner. */
export function visitsIn(top: Node, rules: readonly Rule[], facts: DocumentFacts): Visit[] {
  const visits: Visit[] = [];
  for (const rule of rules) {
    const seen = new Set<number>();
    for (const anchor of rule.anchors) {
      for (const token of tokensOf(anchor, top, facts)) {
        const node = anchor.reach(token);
        if (!node || seen.has(node.id) || !contains(top, node)) continue;
        seen.add(node.id);
        visits.push({ rule, node });
      }
    }
  }
  // Stable: on one node, the rules keep their order.
  return visits.sort((a, b) => a.node.startIndex - b.node.startIndex || b.node.endIndex - a.node.endIndex);
}

function tokensOf(anchor: Anchor, top: Node, facts: DocumentFacts): readonly Node[] {
  if (!anchor.isName) return facts.names.tokens(anchor.token, anchor.token, top);
  // Aliases come from module-level imports, which spell the imported name.
  facts.readsBindingsOf(anchor.token);
  const spelled = facts.names.tokens(anchor.token, 'identifier', top);
  const aliases = facts.names.aliasesOf(anchor.token);
  if (aliases.length === 0) return spelled;
  return [...spelled, ...aliases.flatMap((alias) => facts.names.tokens(alias, 'identifier', top))];
}
