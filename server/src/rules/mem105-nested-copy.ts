import type { Node } from 'web-tree-sitter';
import type { DocumentFacts } from '../semantics/facts';
import { isSideEffectFreeComprehension } from '../semantics/purity';
import { expressionChildren, isAsyncComprehension, shortText, unparenthesized } from '../semantics/syntax';
import { holdsBuiltinContainer } from '../semantics/values';
import { DataScales } from '../scale/dataScale';
import { listHolds, setHolds } from '../scale/holds';
import { costLead } from '../scale/holdsText';
import { perCountSize } from '../sizes/size';
import { callAround, calleeAnchors, keywordAnchor } from './anchors';
import { tokenDeletion } from './token-layout';
import type { Finding, Fix, FixSafety, Rule, RuleContext, TextEdit } from './types';

export const mem105: Rule = {
  code: 'MEM105',
  name: 'nested-copy',
  defaultSeverity: 'information',
  fixAvailability: 'sometimes',
  summary: 'A list, tuple or set copied only to be copied again by the call around it',
  docs: {
    whatItDoes:
      'Flags a copy that the call around it copies again and throws away: `sorted(list(x))`, `sorted(tuple(x))`, `list(list(x))`, `list(tuple(x))`, `tuple(list(x))`, `tuple(tuple(x))`, `set(list(x))`, `set(tuple(x))`, `frozenset(list(x))`, `frozenset(tuple(x))`, `sorted(sorted(x))`, `set(sorted(x))` and `frozenset(sorted(x))`, and the sets copied into sets, `set(set(x))`, `set(frozenset(x))`, `frozenset(set(x))`, `frozenset(frozenset(x))` (each of these iterates its argument itself: the inner call goes); `list(sorted(x))` (`sorted` returns a new list already: the outer call goes); `set({e for …})` (the comprehension is a new set already: `set()` goes) and `frozenset({e for …})` (a generator gives the frozenset the same items). Every name must be the builtin (a local `list = …` is left alone); the inner call takes one positional argument and nothing else, but for a sort inside `set` or `frozenset`, whose `key=` and `reverse=` change nothing the set keeps (`set(sorted(x, key=len))`), and one sort inside another where neither has `key=` (`sorted(sorted(x, reverse=True), reverse=True)`: both sorts are stable, so equal items reach the outer one in the order they had, whichever way the inner one went; the inner `reverse=` must be a constant or a name). The copy may sit in parentheses. A list or tuple reversed by a slice is a copy too: `set(xs[::-1])`, `frozenset(xs[::-1])` and `sorted(xs[::-1], …)` walk it once, in the order `reversed(xs)` walks `xs` itself (so `sorted` keeps its order of equal items), and `reversed(xs[::-1])` walks it as `iter(xs)` walks `xs`; `xs` must be a name shown to hold a list or tuple made on the spot (a display, a comprehension, `list(…)`, `tuple(…)`, `sorted(…)`), since a numpy array’s slice is a view, not a copy. Not flagged: `sorted(sorted(x, key=…))` and `sorted(sorted(x), key=…)`, a sort by two keys; `sorted(sorted(x, key=k), key=k)`, where each sort holds an array of keys that the first one’s list does not top (measured: nothing saved at the peak, only the time of a sort); `list(set(x))`, `sorted(set(x))` and `tuple(sorted(x))`, where the inner call changes the items or their order and no single call does both; `reversed(…)` inside any of them, which makes no copy.',
    whyBadForMemory:
      'The inner call builds a whole list (or tuple) of pointers, 56 + 8·n bytes on CPython 3.11 (64-bit), only for the outer call to walk it and build its own: for a moment both exist, and the first is garbage as soon as the outer call returns. Measured under tracemalloc with 1,000,000 items on CPython 3.9, 3.11 and 3.13: `sorted(list(gen))` peaks at 16.4 MB against 8.4 MB for `sorted(gen)`, `tuple(list(gen))` at 16.4 MB against 8.7 MB, `list(sorted(s))` at 16.0 MB against 8.0 MB, and `set(list(gen))` of distinct ints 8 MB above `set(gen)`. The items themselves are not copied: the outer result keeps them either way, so what goes is the 8 bytes per item of the throw-away copy, and the time it takes to make. A set thrown away holds a hash table of 16-byte slots kept at most 3/5 full, at least 16 bytes per item and up to 53: `set(set(xs))` of 100,000 distinct ints peaks at 8.4 MB against 6.3 MB for `set(xs)` (21 bytes per item saved; 42 at 300,000 items and 17 at 1,000,000, where `set(xs)` itself peaks while it doubles its table, the old one alive beside the new), and `set({x * 3 for x in xs})` at 11.6 MB against 8.8 MB for the comprehension alone. A sort inside another frees its merge array (up to half a pointer per item) before the outer sort, which finds its input in order and needs none: `sorted(sorted(xs, reverse=True), reverse=True)` of shuffled ints saves 4 bytes per item at the peak, the copy less that array. A reversed slice is a list or tuple of pointers like any copy: `set(values[::-1])` of 100,000 ints peaks 800,000 bytes above `set(reversed(values))`, and `sorted(values[::-1], key=abs)` 800,000 above `sorted(reversed(values), key=abs)`.',
    example: 'ranked = sorted(list(scores))\nunique = set(list(word for word in words))\nnames = list(sorted(table))',
    useInstead: 'ranked = sorted(scores)\nunique = set(word for word in words)\nnames = sorted(table)',
    fixSafety:
      "Removes the inner call (or, for `list(sorted(…))`, the outer one), keeping comments. Safe where the result cannot differ: `sorted`, `list` and `tuple` around a list or tuple copy iterate the same items in the same order whether or not the copy is made, and `list(sorted(x))` is a copy of the list `sorted(x)` returns. `tuple(list(t))` of a tuple `t` gave a new tuple where `tuple(t)` returns `t` itself; tuples are immutable, so only `is` can tell. Unsafe for `set` and `frozenset` around a copy of anything but a name, attribute, subscript or a generator expression free of side effects: without the copy, the iteration runs interleaved with the hashing of each item, so a generator's calls and the items' `__hash__` and `__eq__` alternate, and an unhashable item stops the iteration half-way instead of after it. Unsafe for `set(sorted(x))` and `frozenset(sorted(x))`: `sorted` raises on items that do not compare and calls its `key=`, and a set filled in another order may iterate in another order. Unsafe for a set copied into a set and for `set({e for …})` and `frozenset({e for …})`: the same items, but a set filled from another set's table (or in the generator's order) may lay them out, and so iterate them, in another order. Safe for one sort inside another: the result is the same list. `xs[::-1]` → `reversed(xs)` inside `set`, `frozenset` and `sorted` is safe: the same items in the same order, from a local list or tuple nothing but the items’ own hashing and comparing could change meanwhile; `reversed(xs[::-1])` → `iter(xs)` is unsafe, as the iterator now sees what is done to `xs` while it is read. No fix where `reversed` or `iter` is a name of the program's own. An inner sort given `reverse=` is replaced by what it sorts; no fix when comments sit inside it. No fix when the inner call ends in a trailing comma, or when `list(sorted(…))` or `set({…})` ends in one (dropping `list` would leave a tuple).",
  },
  // From the inner call's name to the call around it: `sorted(list(x))` from `list`.
  anchors: [
    ...calleeAnchors(['list', 'tuple', 'sorted', 'set', 'frozenset'], callAround),
    // `set(xs[::-1])`: the call itself, given a reversed slice.
    ...calleeAnchors(['set', 'frozenset', 'sorted', 'reversed']),
    // `set({e for …})`: from the comprehension's `for` to the call around it.
    keywordAnchor('for', (forKeyword) => {
      const clause = forKeyword.parent;
      const comprehension = clause?.type === 'for_in_clause' ? clause.parent : null;
      return comprehension?.type === 'set_comprehension' ? callAround(comprehension) : undefined;
    }),
  ],
  check(outer, context) {
    const facts = context.facts;
    const pair = nestedCopy(outer, facts);
    if (!pair) return reversedSliceFinding(outer, context);
    const { inner, outerName, innerName, iterable } = pair;
    const drops = DROPS_OUTER.has(`${outerName} ${innerName}`) ? 'outer' : 'inner';
    const copy = drops === 'outer' ? outer : inner;
    const table = HASHED.has(innerName) ? setHolds(inner, facts) : undefined;
    const holds = table?.size ?? listHolds(copy, facts, 'pointers') ?? perCountSize(56, 8, countOf(iterable), true);
    const cost = table ? costLead(holds, 'hash table', table.atLeast) : costLead(holds, 'pointers');
    const safety = safetyOf(pair, facts);
    const fix =
      innerName === SET_COMPREHENSION && outerName === 'frozenset'
        ? bracesReplaced(outer, inner)
        : drops === 'outer'
          ? outerDropped(outer, inner, safety, context.source)
          : innerDropped(outer, pair, safety, context.source);
    return {
      code: mem105.code,
      message: `${cost} ${copyText(pair, drops)}`,
      severity: mem105.defaultSeverity,
      holds,
      scale: new DataScales(facts, context.dataReads).of(iterable),
      start: outer.startIndex,
      end: outer.endIndex,
      ...(fix ? { fix } : {}),
    };
  },
};

/**
 * `set(xs[::-1])`, `frozenset(…)`, `sorted(…)` of a list or tuple reversed by
 * a slice: the slice is a copy the call walks once, where `reversed(xs)`
 * walks `xs` itself in the same order (so even `sorted` keeps its order of
 * equal items); `reversed(xs[::-1])` walks the copy backwards, as `iter(xs)`
 * walks `xs`. A numpy array's slice is a view: `xs` must be shown to be a
 * list or tuple.
 */
function reversedSliceFinding(outer: Node, context: RuleContext): Finding | undefined {
  const { facts } = context;
  const reversal = reversedSlice(outer, facts);
  if (!reversal) return undefined;
  const { slice, sliced, outerName } = reversal;
  const holds = listHolds(slice, facts, 'pointers') ?? perCountSize(56, 8, `len(${sliced.text})`, true);
  const walker = outerName === 'reversed' ? 'iter' : 'reversed';
  const advice = outerName === 'reversed' ? 'walks it forwards' : 'walks it backwards';
  const fix = reversalFix(outer, slice, sliced, walker, facts);
  return {
    code: mem105.code,
    message: `${costLead(holds, 'pointers')} in a \`[::-1]\` copy \`${outerName}()\` walks once: \`${walker}(${shortText(sliced, 20)})\` ${advice}`,
    severity: mem105.defaultSeverity,
    holds,
    scale: new DataScales(facts, context.dataReads).of(sliced),
    start: outer.startIndex,
    end: outer.endIndex,
    ...(fix ? { fix } : {}),
  };
}

interface ReversedSlice {
  /** `xs[::-1]`, out of any parentheses. */
  readonly slice: Node;
  /** `xs`. */
  readonly sliced: Node;
  readonly outerName: string;
}

const WALKS_REVERSED_SLICE: ReadonlySet<string> = new Set(['set', 'frozenset', 'sorted', 'reversed']);

function reversedSlice(outer: Node, facts: DocumentFacts): ReversedSlice | undefined {
  const [written, ...rest] = facts.callArguments(outer);
  const slice = written && unparenthesized(written);
  if (slice?.type !== 'subscript' || !passesOnlyKeywords(rest)) return undefined;
  const keys = slice.childrenForFieldName('subscript');
  if (keys.length !== 1 || keys[0]!.type !== 'slice' || keys[0]!.text.replace(/\s+/g, '') !== '::-1') return undefined;
  const outerName = builtinName(outer, facts);
  if (!outerName || !WALKS_REVERSED_SLICE.has(outerName) || (rest.length > 0 && outerName !== 'sorted'))
    return undefined;
  const sliced = slice.childForFieldName('value');
  return sliced && holdsBuiltinContainer(sliced, facts, 'list or tuple') ? { slice, sliced, outerName } : undefined;
}

/**
 * `xs[::-1]` → `reversed(xs)`: safe, as the same items come in the same
 * order, and nothing can change a local list between them but the items'
 * own hashing and comparing. `reversed(xs[::-1])` → `iter(xs)`: unsafe, as
 * the iterator now sees what is done to `xs` while it is read. None where
 * `reversed` or `iter` is a name of the program's own.
 */
function reversalFix(outer: Node, slice: Node, sliced: Node, walker: string, facts: DocumentFacts): Fix | undefined {
  if (facts.qualifiedNameOfName(walker, outer) !== `builtins.${walker}`) return undefined;
  if (slice.descendantsOfType('comment').length > 0) return undefined;
  const text = `${walker}(${sliced.text})`;
  if (walker === 'iter')
    return {
      title: 'Iterate it with iter()',
      safety: 'unsafe',
      edits: [{ start: outer.startIndex, end: outer.endIndex, text }],
    };
  return {
    title: 'Walk it with reversed()',
    safety: 'safe',
    edits: [{ start: slice.startIndex, end: slice.endIndex, text }],
  };
}

/** What the message says after the cost: which copy is thrown away, and what to do. */
function copyText({ outerName, innerName }: NestedCopy, drops: 'inner' | 'outer'): string {
  if (innerName === SET_COMPREHENSION)
    return outerName === 'set'
      ? 'in a set comprehension `set()` copies: use the comprehension itself'
      : 'in a set comprehension `frozenset()` copies: pass a generator';
  return drops === 'outer'
    ? 'in a `list()` of the new list `sorted()` returns: use that list as it is'
    : `in a \`${innerName}()\` copy \`${outerName}()\` throws away: pass the iterable itself`;
}

/** How many items a copy of `iterable` holds, where the size model does not say (a sort given keywords). */
function countOf(iterable: Node): string {
  const plain = unparenthesized(iterable);
  return PLAIN_VALUES.has(plain.type) ? `len(${plain.text})` : 'the items copied';
}

/** How the pairs name a set comprehension. */
const SET_COMPREHENSION = '{…}';

/** Outer and inner builtins whose inner copy can go: the outer call iterates whatever it is given. */
const DROPS_INNER: ReadonlySet<string> = new Set([
  'sorted list',
  'sorted tuple',
  'sorted sorted',
  'list list',
  'list tuple',
  'tuple list',
  'tuple tuple',
  'set list',
  'set tuple',
  'set sorted',
  'set set',
  'set frozenset',
  'frozenset list',
  'frozenset tuple',
  'frozenset sorted',
  'frozenset set',
  'frozenset frozenset',
  // `frozenset({e for …})`: the comprehension's items, given as a generator.
  `frozenset ${SET_COMPREHENSION}`,
]);

/** `list(sorted(x))`, `set({e for …})`: the outer copy goes, since what it copies is a new list or set already. */
const DROPS_OUTER: ReadonlySet<string> = new Set(['list sorted', `set ${SET_COMPREHENSION}`]);

/** Inner copies that are sets: what is thrown away is a hash table, not a list. */
const HASHED: ReadonlySet<string> = new Set(['set', 'frozenset', SET_COMPREHENSION]);

/** Sorts whose order the set around them ignores: their `key=` and `reverse=` go with them. */
const KEYWORDS_DROPPED: ReadonlySet<string> = new Set(['set sorted', 'frozenset sorted']);

const OUTER_NAMES: ReadonlySet<string> = new Set(['list', 'tuple', 'sorted', 'set', 'frozenset']);

/** Whether MEM105 flags the call: other rules leave it to MEM105, whose fix leaves the shape they read. */
export function isNestedCopy(call: Node, facts: DocumentFacts): boolean {
  return nestedCopy(call, facts) !== undefined;
}

interface NestedCopy {
  /** The inner call or set comprehension, out of any parentheses. */
  readonly inner: Node;
  readonly outerName: string;
  /** The inner builtin's name, or SET_COMPREHENSION. */
  readonly innerName: string;
  /** What the inner call iterates (the comprehension itself for SET_COMPREHENSION). */
  readonly iterable: Node;
}

/** `outer(inner(x))` where one of the two copies can go, with the builtins' names. */
function nestedCopy(outer: Node, facts: DocumentFacts): NestedCopy | undefined {
  const [written, ...rest] = facts.callArguments(outer);
  const first = written && unparenthesized(written);
  if ((first?.type !== 'call' && first?.type !== 'set_comprehension') || !passesOnlyKeywords(rest)) return undefined;
  const outerName = builtinName(outer, facts);
  if (!outerName || !OUTER_NAMES.has(outerName)) return undefined;
  // `sorted` alone takes keywords (`key=`, `reverse=`); the others take one argument.
  if (rest.length > 0 && outerName !== 'sorted') return undefined;
  const innerName = first.type === 'set_comprehension' ? SET_COMPREHENSION : builtinName(first, facts);
  const pair = `${outerName} ${innerName}`;
  if (!innerName || (!DROPS_INNER.has(pair) && !DROPS_OUTER.has(pair))) return undefined;
  if (innerName === SET_COMPREHENSION)
    return isAsyncComprehension(first) ? undefined : { inner: first, outerName, innerName, iterable: first };
  const iterable = iterableOf(pair, first, rest, facts);
  return iterable && { inner: first, outerName, innerName, iterable };
}

/**
 * What the inner call iterates, when a copy can go. A sort keeps its
 * keywords when the outer `list()` goes. An inner call that goes takes
 * nothing else, but for a sort whose order the set around it ignores
 * (`set(sorted(x, key=k))`), and one by no key inside another by no key
 * (`sorted(sorted(x, reverse=True))`): both sorts are stable, so equal items
 * reach the outer sort in the order they had, whichever way the inner one went.
 */
function iterableOf(pair: string, inner: Node, outerKeywords: readonly Node[], facts: DocumentFacts): Node | undefined {
  if (DROPS_OUTER.has(pair) || KEYWORDS_DROPPED.has(pair)) return firstPositional(inner, facts, SORT_KEYWORDS);
  if (pair !== 'sorted sorted') return soleArgument(inner);
  // A key on either sort makes a sort by two keys (both needed); two sorts by one key each hold
  // an array of keys at the peak, which the first one's list does not top.
  const innerKeywords = facts.callArguments(inner).slice(1);
  if (!reversesOnly(outerKeywords) || !reversesOnly(innerKeywords)) return undefined;
  // The inner `reverse=` goes with the inner sort: only a value whose reading runs no code.
  const flag = innerKeywords[0]?.childForFieldName('value');
  return !flag || PLAIN_FLAGS.has(flag.type) ? firstPositional(inner, facts, ['reverse']) : undefined;
}

const SORT_KEYWORDS: readonly string[] = ['key', 'reverse'];

/** No keyword but one `reverse=`, or none at all. */
function reversesOnly(keywords: readonly Node[]): boolean {
  const [only] = keywords;
  return (
    keywords.length === 0 ||
    (keywords.length === 1 && only!.type === 'keyword_argument' && only!.childForFieldName('name')?.text === 'reverse')
  );
}

/** Values of `reverse=` whose reading runs no code: constants and names. */
const PLAIN_FLAGS: ReadonlySet<string> = new Set(['true', 'false', 'integer', 'identifier']);

function passesOnlyKeywords(args: readonly Node[]): boolean {
  return args.every((arg) => arg.type === 'keyword_argument' || arg.type === 'dictionary_splat');
}

/** `list` for a call of the builtin list, undefined for any other callee (a local `list = …` too). */
function builtinName(call: Node, facts: DocumentFacts): string | undefined {
  const callee = call.childForFieldName('function');
  if (callee?.type !== 'identifier' && callee?.type !== 'attribute') return undefined;
  const name = facts.qualifiedName(callee);
  return name?.startsWith('builtins.') ? name.slice('builtins.'.length) : undefined;
}

/** The one positional argument of a call that has nothing else (no keyword, no unpacking), a bare generator included. */
function soleArgument(call: Node): Node | undefined {
  const args = call.childForFieldName('arguments');
  if (args?.type === 'generator_expression') return args;
  if (args?.type !== 'argument_list') return undefined;
  const parts = expressionChildren(args);
  const only = parts[0];
  if (parts.length !== 1 || !only || UNPACKED_OR_NAMED.has(only.type)) return undefined;
  return only;
}

const UNPACKED_OR_NAMED: ReadonlySet<string> = new Set(['keyword_argument', 'list_splat', 'dictionary_splat']);

/** `x` of `sorted(x, key=k)`, when the call passes nothing else but keywords of `allowed`, and no unpacking. */
function firstPositional(call: Node, facts: DocumentFacts, allowed: readonly string[]): Node | undefined {
  const args = call.childForFieldName('arguments');
  if (args?.type === 'generator_expression') return args;
  const [first, ...rest] = facts.callArguments(call);
  const isAllowed = (arg: Node) =>
    arg.type === 'keyword_argument' && allowed.includes(arg.childForFieldName('name')?.text ?? '');
  return first && !UNPACKED_OR_NAMED.has(first.type) && rest.every(isAllowed) ? first : undefined;
}

/**
 * Whether the fix can change what the code does: a set filled while its
 * items are made runs their hashing between the iterable's steps, `sorted`
 * raises where a set would not and calls its key, and a set filled from
 * another set's table, or in another order, may iterate in another order
 * (see the docs).
 */
function safetyOf({ outerName, innerName, iterable }: NestedCopy, facts: DocumentFacts): FixSafety {
  if (outerName !== 'set' && outerName !== 'frozenset') return 'safe';
  if (innerName === 'sorted' || HASHED.has(innerName)) return 'unsafe';
  const plain = unparenthesized(iterable);
  if (PLAIN_VALUES.has(plain.type)) return 'safe';
  return plain.type === 'generator_expression' && isSideEffectFreeComprehension(plain, facts) ? 'safe' : 'unsafe';
}

/** What iterating runs no code of the program's own to find: a name, an attribute read, an item. */
const PLAIN_VALUES: ReadonlySet<string> = new Set(['identifier', 'attribute', 'subscript']);

/**
 * Deletes the inner call's name and parentheses, keeping what is between them
 * (comments included). A bare generator keeps its parentheses when the outer
 * call has other arguments: `sorted((x for x in xs), key=k)`. An inner sort
 * given keywords is replaced by what it iterates, unless comments sit inside it.
 */
function innerDropped(
  outer: Node,
  { inner, iterable }: NestedCopy,
  safety: FixSafety,
  source: string,
): Fix | undefined {
  const args = inner.childForFieldName('arguments')!;
  const title = `Remove the inner \`${inner.childForFieldName('function')!.text}()\``;
  if (args.type === 'generator_expression') {
    const sole = outer.childForFieldName('arguments')?.children.length === 3;
    const edits: TextEdit[] = sole
      ? [
          { start: inner.startIndex, end: args.startIndex + 1, text: '' },
          { start: args.endIndex - 1, end: args.endIndex, text: '' },
        ]
      : [{ start: inner.startIndex, end: args.startIndex, text: '' }];
    return { title, safety, edits };
  }
  if (expressionChildren(args).length > 1) {
    if (inner.descendantsOfType('comment').length > 0) return undefined;
    const text = source.slice(iterable.startIndex, iterable.endIndex);
    return { title, safety, edits: [{ start: inner.startIndex, end: inner.endIndex, text }] };
  }
  // `list(x,)`: the comma would stay behind, before the outer call's other arguments.
  if (args.children.some((child) => child?.type === ',')) return undefined;
  return {
    title,
    safety,
    edits: [{ start: inner.startIndex, end: args.startIndex + 1, text: '' }, tokenDeletion(source, args.endIndex - 1)],
  };
}

/**
 * `list(sorted(x))` → `sorted(x)`, `set({e for …})` → `{e for …}`. With line
 * breaks or comments around the inner call, only the outer name goes,
 * leaving parentheses that keep them.
 */
function outerDropped(outer: Node, inner: Node, safety: FixSafety, source: string): Fix | undefined {
  const args = outer.childForFieldName('arguments')!;
  // `list(sorted(x),)` without `list` would be a tuple.
  if (args.children.some((child) => child?.type === ',')) return undefined;
  const before = source.slice(args.startIndex + 1, inner.startIndex);
  const after = source.slice(inner.endIndex, args.endIndex - 1);
  const inline = /^[ \t]*$/.test(before) && /^[ \t]*$/.test(after);
  const callee = outer.childForFieldName('function')!;
  return {
    title: `Remove the outer \`${callee.text}()\``,
    safety,
    edits: inline
      ? [
          { start: outer.startIndex, end: inner.startIndex, text: '' },
          { start: inner.endIndex, end: outer.endIndex, text: '' },
        ]
      : [{ start: callee.startIndex, end: callee.endIndex, text: '' }],
  };
}

/**
 * `frozenset({e for …})` → `frozenset(e for …)`: the braces go where the
 * comprehension is the call's only argument, else become parentheses. Always
 * unsafe: the frozenset is filled in the generator's order, not the set's.
 */
function bracesReplaced(outer: Node, comprehension: Node): Fix {
  const sole = outer.childForFieldName('arguments')?.children.length === 3;
  const open = comprehension.startIndex;
  const close = comprehension.endIndex - 1;
  return {
    title: 'Pass a generator expression',
    safety: 'unsafe',
    edits: [
      { start: open, end: open + 1, text: sole ? '' : '(' },
      { start: close, end: close + 1, text: sole ? '' : ')' },
    ],
  };
}
