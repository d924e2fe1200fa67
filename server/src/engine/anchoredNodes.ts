// The nodes rules check, found from their anchors' tokens (see Rule.anchors):
// a search of the text per token instead of a walk over every node.
import type { Node } from 'web-tree-sitter';
import type { Anchor, Rule } from '../rules/types';
import type { DocumentFacts } from '../semantics/facts';
import { insideOf } from '../semantics/syntax';
import { firstStartingAfter } from '../document/sortedSearch';
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
  // What an anchor reaches may reach out of a statement, never out of the module. Each end read is a call into WASM.
  const inside = span ? startsIn(span) : facts.module.isRoot(top) ? () => true : insideOf(top);
  const found = foundInModule.get(facts);
  // A module of one part: its root holds every token (tokens() answers so too).
  const whole = !span && facts.module.parts.length === 1 && facts.module.isRoot(top);
  if (found?.rules === rules) return found.visitsIn(span ?? top, inside, whole);
  const visits: Visit[] = [];
  const within = span ?? top;
  facts.names.searchTokens(tokenRequests(rules), within);
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
 * visits are then read from these, in order of where their tokens start, where
 * a search of each statement for each anchor (a few hundred) has a cost of its
 * own for every statement.
 */
export function findAnchorsInModule(rules: readonly Rule[], facts: DocumentFacts): void {
  const module = facts.module.main;
  facts.names.searchTokens(tokenRequests(rules), module);
  foundInModule.set(facts, new AnchorsInModule(rules, facts));
}

/** By the facts of an analysis: the anchors findAnchorsInModule found in its whole module. */
const foundInModule = new WeakMap<DocumentFacts, AnchorsInModule>();

/** An anchor's token found in the module, with what it reaches once asked. */
interface FoundToken {
  readonly start: number;
  readonly token: Node;
  readonly anchor: Anchor;
  /** The index of its rule. */
  readonly rule: number;
  /** The rank of its visit in visitsIn's loops (by rule, then anchor, then token): unique. */
  readonly rank: number;
  /** What it reaches: undefined until asked, null for nothing. */
  reached: Node | null | undefined;
}

/** Every rule's anchor tokens in the module, in the order of where they start. */
class AnchorsInModule {
  private readonly found: FoundToken[] = [];

  constructor(
    readonly rules: readonly Rule[],
    facts: DocumentFacts,
  ) {
    const tokensOfName = (name: string) => facts.names.moduleTokens(name, 'identifier');
    rules.forEach((rule, ruleIndex) => {
      for (const anchor of rule.anchors) {
        const spelled = facts.names.moduleTokens(
          anchor.token,
          anchor.isName ? 'identifier' : anchor.token,
          anchor.hitFilter,
        );
        // As tokensOf finds them: a name under the aliases imports give it too.
        const aliases = anchor.isName ? facts.names.aliasesOf(anchor.token) : [];
        const tokens = aliases.length === 0 ? spelled : [...spelled, ...aliases.flatMap(tokensOfName)];
        for (const token of tokens) {
          const rank = this.found.length;
          this.found.push({ start: token.startIndex, token, anchor, rule: ruleIndex, rank, reached: undefined });
        }
      }
    });
    this.found.sort((a, b) => a.start - b.start || a.rank - b.rank);
  }

  /** What visitsIn gives for `within` (the whole module with `whole`): the same visits, in the same order. */
  visitsIn(within: Within, inside: (node: Node) => boolean, whole: boolean): Visit[] {
    const end = whole ? Infinity : within.endIndex;
    const reached: { readonly node: Node; readonly rule: number; readonly rank: number }[] = [];
    for (
      let index = whole ? 0 : firstStartingAfter(this.found, within.startIndex - 1);
      index < this.found.length && this.found[index]!.start < end;
      index++
    ) {
      const found = this.found[index]!;
      if (found.reached === undefined) found.reached = found.anchor.reach(found.token) ?? null;
      const node = found.reached;
      if (node && inside(node)) reached.push({ node, rule: found.rule, rank: found.rank });
    }
    // In visitsIn's order: outer before inner, then by rank; a rule visits a node once, at its first rank.
    reached.sort(
      (a, b) => a.node.startIndex - b.node.startIndex || b.node.endIndex - a.node.endIndex || a.rank - b.rank,
    );
    const seen = new Set<string>();
    const visits: Visit[] = [];
    for (const { node, rule } of reached) {
      const key = `${rule} ${node.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      visits.push({ rule: this.rules[rule]!, node });
    }
    return visits;
  }
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
