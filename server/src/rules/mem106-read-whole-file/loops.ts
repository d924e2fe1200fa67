// The loops MEM106 looks at: the loop that iterates an expression, and a
// value bound once and read once, by a loop that runs once per binding.
import type { Node } from 'web-tree-sitter';
import type { BindingSite } from '../../semantics/bindings';
import type { DocumentFacts } from '../../semantics/facts';
import type { Scope } from '../../semantics/scopes';
import { COMPREHENSION_TYPES } from '../../semantics/syntax';
import { runningScope, usesOfName } from '../../semantics/uses';

export interface Loop {
  /** The `for` statement or the comprehension. */
  readonly node: Node;
  /** The `for` statement or the comprehension's `for … in` clause. */
  readonly clause: Node;
}

/** The loop whose iterable `expression` is (not `async for`). */
export function loopIterating(expression: Node): Loop | undefined {
  let value = expression;
  while (value.parent?.type === 'parenthesized_expression') value = value.parent;
  const clause = value.parent;
  if (!clause || (clause.type !== 'for_statement' && clause.type !== 'for_in_clause')) return undefined;
  if (clause.childForFieldName('right')?.id !== value.id || clause.children.some((child) => child?.type === 'async'))
    return undefined;
  const node = clause.type === 'for_statement' ? clause : clause.parent;
  return node ? { node, clause } : undefined;
}

export interface OnlyRead {
  readonly site: BindingSite;
  /** The one identifier that reads the name, after its binding and in its scope. */
  readonly read: Node;
  readonly scope: Scope;
}

/** The one read of `name` (an identifier it binds or reads), when the name is bound once and read once after that, in the same scope. */
export function onlyReadAfterBinding(name: Node, facts: DocumentFacts): OnlyRead | undefined {
  const uses = usesOfName(facts, name);
  if (uses?.sites.length !== 1 || uses.reads.length !== 1) return undefined;
  const site = uses.sites[0]!;
  const read = uses.reads[0]!;
  if (read.startIndex < site.node.endIndex || runningScope(facts, read) !== uses.scope) return undefined;
  return { site, read, scope: uses.scope };
}

/** Whether the loop runs at most once each time the binding does: every loop around it is around the binding too. */
export function runsOncePerBinding(loop: Node, binding: Node, scope: Scope): boolean {
  for (let outer = enclosingLoop(loop, scope); outer; outer = enclosingLoop(outer, scope)) {
    if (!contains(outer, binding)) return false;
  }
  return true;
}

/** The nearest `for`/`while` loop or comprehension around `node` inside the scope. */
export function enclosingLoop(node: Node, scope: Scope): Node | undefined {
  for (let current = node.parent; current && current.id !== scope.node.id; current = current.parent) {
    if (current.type === 'for_statement' || current.type === 'while_statement' || COMPREHENSION_TYPES.has(current.type))
      return current;
  }
  return undefined;
}

export function contains(outer: Node, inner: Node): boolean {
  return outer.startIndex <= inner.startIndex && inner.endIndex <= outer.endIndex;
}
