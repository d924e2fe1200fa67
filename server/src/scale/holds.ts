// What the code a rule flags holds that its fix would not, from the size
// model: a list's pointers, or its pointers and the items it made. When the
// model cannot size the items, the pointers still grow with the iterable:
// `56 + 8·n B, n = len(rows)`, or are bytes when its count shows (a display,
// a name bound once to one, `range()` of constants).
import type { Node } from 'web-tree-sitter';
import type { DocumentFacts } from '../semantics/facts';
import { expressionChildren, shortText, unparenthesized } from '../semantics/syntax';
import { CPYTHON, DEFAULT_PYTHON_VERSION } from '../sizes/cpython';
import { SizeEstimator } from '../estimates/estimate';
import { iteratedItems } from '../estimates/estimators/iterated-items';
import { capacityAfterAppends } from '../sizes/objects';
import { constantRangeLength } from '../semantics/rangeLength';
import { perCountSize, type Size } from '../sizes/size';
import { holdsDataFrame } from './dataSources';

/** `pointers`: only the list's own object; `items`: the items it made too (what a lazy form never holds at once). */
export type HeldPart = 'pointers' | 'items';

/** What a list comprehension or `list(…)` call holds, or undefined when neither its size nor its count shows. */
export function listHolds(list: Node, facts: DocumentFacts, part: HeldPart): Size | undefined {
  const estimate = new SizeEstimator({ facts }).estimate(list);
  if (estimate) return part === 'items' ? (estimate.deep ?? estimate.shallow) : estimate.shallow;
  const iterable = soleIterable(unparenthesized(list));
  if (!iterable) return undefined;
  const layout = CPYTHON[DEFAULT_PYTHON_VERSION];
  const header = layout.list.header + layout.gcHeader;
  // The items' own size is unknown: at least the pointers, whichever part is asked for.
  const known = constantCount(iterable, facts);
  if (known !== undefined) {
    // A comprehension appends item by item and over-allocates as it grows; so does list() of an iterator (what
    // the model has not sized), past a length-hint preallocation that only shows below 5 items.
    return { bytes: header + layout.pointer * capacityAfterAppends(layout, known), approximate: true };
  }
  // list(x) and tuple(x) make room for len(x) items before they iterate x: a DataFrame's rows, though they keep its column names.
  const madeRoomFor = iterable.parent?.type !== 'for_in_clause' && SIZED_SHAPES.has(unparenthesized(iterable).type);
  const count = madeRoomFor ? `len(${unparenthesized(iterable).text})` : countText(iterable, facts);
  return count ? perCountSize(header, layout.pointer, count, true) : undefined;
}

const SIZED_SHAPES: ReadonlySet<string> = new Set(['identifier', 'attribute', 'subscript']);

/** What a set holds, and whether that is a lower bound. */
export interface SetHolds {
  readonly size: Size;
  readonly atLeast: boolean;
}

/**
 * What a set made on the spot (`set(x)`, `frozenset(x)`, `{e for …}`) holds:
 * its size where the model gives it, else a 16-byte slot of hash table per
 * item, a lower bound (the table keeps at most 3/5 of its slots full, and
 * grows by doubling or more); undefined when neither shows.
 */
export function setHolds(set: Node, facts: DocumentFacts): SetHolds | undefined {
  const estimate = new SizeEstimator({ facts }).estimate(set);
  if (estimate) return { size: estimate.shallow, atLeast: false };
  const plain = unparenthesized(set);
  // A set comprehension counts as the generator of its items would.
  const iterable = plain.type === 'set_comprehension' ? firstIterable(plain) : soleIterable(plain);
  const count = iterable && countText(iterable, facts);
  const entry = CPYTHON[DEFAULT_PYTHON_VERSION].set.entry;
  return count ? { size: perCountSize(0, entry, count), atLeast: true } : undefined;
}

/**
 * The iterable whose length is the list's: the one `for … in` of a
 * comprehension without `if`, or the argument of `list(…)`; countText says
 * whether its length can be written.
 */
function soleIterable(list: Node): Node | undefined {
  if (list.type === 'list_comprehension' || list.type === 'generator_expression') return firstIterable(list);
  if (list.type === 'call') {
    const argumentList = list.childForFieldName('arguments');
    const args = argumentList ? expressionChildren(argumentList) : [];
    const only = args.length === 1 ? unparenthesized(args[0]!) : undefined;
    return only?.type === 'generator_expression' ? soleIterable(only) : only;
  }
  return undefined;
}

/** The iterable of a comprehension's one `for … in`, without `if`. */
function firstIterable(comprehension: Node): Node | undefined {
  const clauses = expressionChildren(comprehension).slice(1);
  const only = clauses.length === 1 && clauses[0]!.type === 'for_in_clause' ? clauses[0]! : undefined;
  return only?.childForFieldName('right') ?? undefined;
}

/** The loops a node repeats in: `for` statements and comprehensions' `for … in` clauses, innermost first. */
export function enclosingIterations(node: Node): Node[] {
  const loops: Node[] = [];
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'for_statement' || current.type === 'while_statement') loops.push(current);
    else if (COMPREHENSIONS.has(current.type)) loops.push(...forClauses(current).reverse());
    else if (current.type === 'function_definition' || current.type === 'class_definition' || current.type === 'lambda')
      break;
  }
  return loops;
}

/** `perItem` bytes for each pass of a loop: exact when the count shows (`range()` of constants, a display), else per `len(iterable)`. */
export function perPassHolds(perItem: number, loop: Node, facts: DocumentFacts): Size | undefined {
  const iterable = loop.type === 'while_statement' ? null : loop.childForFieldName('right');
  if (!iterable) return undefined;
  const passes = constantCount(iterable, facts);
  if (passes !== undefined) return { bytes: perItem * passes, approximate: true };
  return perCountSize(0, perItem, countText(iterable, facts) ?? `passes of \`${shortText(iterable)}\``, true);
}

/** Builtins whose result has as many items as their first argument. */
const SAME_LENGTH: ReadonlySet<string> = new Set(
  ['enumerate', 'sorted', 'reversed', 'list', 'tuple', 'zip'].map((name) => `builtins.${name}`),
);

/**
 * `len(rows)` for an iterable that is (or has as many items as) a name, an
 * attribute or a subscript: what has a length. A DataFrame yields its column
 * names, not the rows its len() counts: `len(df.columns)`.
 */
export function countText(iterable: Node, facts: DocumentFacts): string | undefined {
  const node = unparenthesized(iterable);
  const sized = SIZED_SHAPES.has(node.type) ? node : sameLengthSource(node, facts);
  if (!sized || !SIZED_SHAPES.has(sized.type)) return undefined;
  return holdsDataFrame(sized, facts) ? `len(${sized.text}.columns)` : `len(${sized.text})`;
}

/**
 * The number of items of an iterable the code shows, where countText would
 * only write `len(…)`: `range()` of constants, a list, tuple, set or dict
 * display or a str constant, written there or bound once to a name nothing
 * changed since (`sizes = [1, 2, 3]`), or a call of SAME_LENGTH over one.
 */
function constantCount(iterable: Node, facts: DocumentFacts): number | undefined {
  const node = unparenthesized(iterable);
  const range = constantRangeLength(node, facts);
  if (range !== undefined) return Number(range);
  if (node.type !== 'call') return iteratedItems(node, new SizeEstimator({ facts }))?.count;
  const source = sameLengthSource(node, facts);
  // zip stops at its shortest argument: the first one's count is only a bound.
  const bounded = isZip(node, facts) && facts.callArguments(node).length > 1;
  return source && !bounded ? constantCount(source, facts) : undefined;
}

/** The argument a SAME_LENGTH call has as many items as: `rows` in `enumerate(rows)`, and in `map(f, rows)`. */
function sameLengthSource(node: Node, facts: DocumentFacts): Node | undefined {
  const callee = node.type === 'call' ? node.childForFieldName('function') : null;
  const name = callee ? facts.qualifiedName(callee) : undefined;
  if (name === undefined) return undefined;
  const args = facts.callArguments(node);
  // map stops at its shortest iterable: with one, it yields as many items.
  if (name === 'builtins.map') return args.length === 2 && args[1]!.type !== 'keyword_argument' ? args[1] : undefined;
  return SAME_LENGTH.has(name) ? args[0] : undefined;
}

function isZip(call: Node, facts: DocumentFacts): boolean {
  return facts.qualifiedName(call.childForFieldName('function')!) === 'builtins.zip';
}

const COMPREHENSIONS: ReadonlySet<string> = new Set([
  'list_comprehension',
  'set_comprehension',
  'dictionary_comprehension',
  'generator_expression',
]);

function forClauses(comprehension: Node): Node[] {
  return comprehension.namedChildren.filter((child): child is Node => child?.type === 'for_in_clause');
}
