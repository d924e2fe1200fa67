// What the code a rule flags holds that its fix would not, from the size
// model: a list's pointers, or its pointers and the items it made. When the
// model cannot size the items, the pointers still grow with the iterable:
// `56 + 8·n B, n = len(rows)`.
import type { Node } from 'web-tree-sitter';
import type { DocumentFacts } from '../analysis/facts';
import { unparenthesized } from '../analysis/syntax';
import { CPYTHON, DEFAULT_PYTHON_VERSION } from '../sizes/cpython';
import { SizeEstimator } from '../sizes/estimate';
import { perCountSize, type Size } from '../sizes/size';

/** `pointers`: only the list's own object; `items`: the items it made too (what a lazy form never holds at once). */
export type HeldPart = 'pointers' | 'items';

/** What a list comprehension or `list(…)` call holds, or undefined when neither its size nor its count shows. */
export function listHolds(list: Node, facts: DocumentFacts, part: HeldPart): Size | undefined {
  const estimate = new SizeEstimator({ facts }).estimate(list);
  if (estimate) return part === 'items' ? (estimate.deep ?? estimate.shallow) : estimate.shallow;
  const iterable = soleIterable(unparenthesized(list));
  if (!iterable) return undefined;
  const layout = CPYTHON[DEFAULT_PYTHON_VERSION];
  // The items' own size is unknown: at least the pointers, whichever part is asked for.
  return perCountSize(layout.list.header + layout.gcHeader, layout.pointer, `len(${iterable.text})`, true);
}

/**
 * The iterable whose length is the list's: the one `for … in` of a
 * comprehension without `if`, or the argument of `list(…)`.
 */
function soleIterable(list: Node): Node | undefined {
  const parts = list.namedChildren.filter((child): child is Node => child !== null && child.type !== 'comment');
  if (list.type === 'list_comprehension') {
    const clauses = parts.slice(1);
    return clauses.length === 1 && clauses[0]!.type === 'for_in_clause' ? (clauses[0]!.childForFieldName('right') ?? undefined) : undefined;
  }
  if (list.type === 'call') {
    const args = list.childForFieldName('arguments')?.namedChildren.filter((child): child is Node => child !== null && child.type !== 'comment') ?? [];
    return args.length === 1 && args[0]!.type !== 'keyword_argument' && args[0]!.type !== 'list_splat' ? args[0] : undefined;
  }
  return undefined;
}
