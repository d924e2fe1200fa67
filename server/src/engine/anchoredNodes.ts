// The nodes rules check, found from their anchors' tokens (see Rule.anchors):
// a search of the text per token instead of a walk over every node.
import type { Node } from 'web-tree-sitter';
import type { Anchor, Rule } from '../rules/types';
import type { DocumentFacts } from '../semantics/facts';
import { insideOf } from '../semantics/syntax';
import type { TextSpan, TokenRequest, Within } from '../semantics/nameIndex';

export interface Visit {
  readonly rule: Rule;
  readonly node: Node;
}

/**
 * Each rule's nodes inside `top` (itself included), each once, in document
 * order, outer before inner. With `span` (a class's header, whose statement
 * runs on past it), those its tokens there reach that start there: the
 * statements of the class's body are chunks of their own.
 */
export function visitsIn(top: Node, rules: readonly Rule[], facts: DocumentFacts, span?: TextSpan): Visit[] {
  const visits: Visit[] = [];
  const within = span ?? top;
  facts.names.searchTokens(tokenRequests(rules), within);
  // What an anchor reaches may reach out of a statement, never out of the module. Each end read is a call into WASM.
  const inside = span ? startsIn(span) : facts.module.isRoot(top) ? () => true : insideOf(top);
  for (const rule of rules) {
    const seen = new Set<number>();
    for (const anchor of rule.anchors) {
      for (const token of tokensOf(anchor, within, facts)) {
        const node = anchor.reach(token);
        if (!node || seen.has(node.id) || !inside(node)) continue;
        seen.add(node.id);
        visits.push({ rule, node });
      }
    }
  }
  // Stable: on one node, the rules keep their order.
  return visits.sort((a, b) => a.node.startIndex - b.node.startIndex || b.node.endIndex - a.node.endIndex);
}

/** By rule list (one per settings): the tokens their anchors spell. */
const requestsByRules = new WeakMap<readonly Rule[], readonly TokenRequest[]>();

function tokenRequests(rules: readonly Rule[]): readonly TokenRequest[] {
  let requests = requestsByRules.get(rules);
  if (!requests) {
    const byKey = new Map<string, TokenRequest>();
    for (const anchor of rules.flatMap((rule) => rule.anchors)) {
      // A filtered token is searched for on its own, its hits tested one by one.
      if (anchor.hitFilter) continue;
      const type = anchor.isName ? 'identifier' : anchor.token;
      byKey.set(`${type} ${anchor.token}`, { text: anchor.token, type });
    }
    requests = [...byKey.values()];
    requestsByRules.set(rules, requests);
  }
  return requests;
}

function startsIn(span: TextSpan): (node: Node) => boolean {
  return (node) => span.startIndex <= node.startIndex && node.startIndex < span.endIndex;
}

function tokensOf(anchor: Anchor, top: Within, facts: DocumentFacts): readonly Node[] {
  if (!anchor.isName) return facts.names.tokens(anchor.token, anchor.token, top, anchor.hitFilter);
  const spelled = facts.names.tokens(anchor.token, 'identifier', top);
  const aliases = facts.names.aliasesOf(anchor.token);
  if (aliases.length === 0) return spelled;
  return [...spelled, ...aliases.flatMap((alias) => facts.names.tokens(alias, 'identifier', top))];
}

/**
 * Searches the whole module for every anchor's tokens, for an analysis of most
 * of its statements one by one (a document just opened): each statement's
 * search is then a look into these, where a search of each statement's text
 * has a cost of its own for every statement.
 */
export function findAnchorsInModule(rules: readonly Rule[], facts: DocumentFacts): void {
  const module = facts.module.main;
  facts.names.searchTokens(tokenRequests(rules), module);
  for (const anchor of rules.flatMap((rule) => rule.anchors)) tokensOf(anchor, module, facts);
}

/**
 * The aliases imports give the rules' anchor names, as one string: findings
 * made while it was another may have missed a call through an alias, or
 * followed one that went (see IncrementalAnalysis).
 */
export function anchorAliases(rules: readonly Rule[], facts: DocumentFacts): string {
  const names = new Set(
    rules.flatMap((rule) => rule.anchors.filter((anchor) => anchor.isName).map((anchor) => anchor.token)),
  );
  return [...names].flatMap((name) => facts.names.aliasesOf(name).map((alias) => `${name} as ${alias}`)).join(', ');
}
