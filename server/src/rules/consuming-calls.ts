// Callables that only iterate an iterable argument once, by qualified name.
// `eager` consumers exhaust it inside the call (sum, sorted…); `lazy` ones
// return an iterator consumed later (zip, map…), so code that runs between
// items can observe the difference between a list and a generator. What each
// keeps of the items decides what a generator saves: measured under
// tracemalloc for 10^5 and 10^6 items on CPython 3.9, 3.11 and 3.13
// (test/rules/mem101-premise.slow.test.ts runs the same).
import type { Node } from 'web-tree-sitter';

/** Which positional arguments are iterated: indices, or 'every' positional. */
type IteratedArguments = readonly number[] | 'every';

/**
 * What the call (or its result) keeps of the items it is given:
 * - 'nothing': each is dropped once read (`sum`, `max`, `any`);
 * - 'few': only a bounded number (`heapq.nlargest` keeps n, `deque(…, maxlen=n)`);
 * - 'parts': parts of each, not the item (`dict` keeps a pair's key and value);
 * - 'items': every item (`sorted`, `tuple`, `deque`, `bytes` its bytes), so a
 *   generator saves only the list's pointers, 8 B per item;
 * - 'distinct': each distinct item once (`set`, `Counter`);
 * - 'later': the call returns an iterator (`zip`, `map`): whatever reads it decides.
 */
export type Keeps = 'nothing' | 'few' | 'parts' | 'items' | 'distinct' | 'later';

export interface ConsumingCall {
  readonly iterates: IteratedArguments;
  readonly consumes: 'eager' | 'lazy';
  readonly keeps: Keeps;
  /** An argument that, when given, bounds what is kept to 'few' (`deque`'s maxlen). */
  readonly boundedBy?: { readonly keyword: string; readonly position: number };
  /**
   * The call makes a list of an iterator it is given, so a generator saves nothing:
   * always (`statistics.harmonic_mean`), or on CPython before `before` (`statistics.mean` until 3.11).
   */
  readonly listsIterators?: 'always' | { readonly before: string };
  /** Only when the call has exactly this many positional arguments (min/max take `min(a, b)` too). */
  readonly positionalCount?: number;
  /** Evaluates fewer items when it can stop early, so laziness changes how many run. */
  readonly shortCircuits?: boolean;
}

const FIRST = [0] as const;
const SECOND = [1] as const;
const eager = (iterates: IteratedArguments, keeps: Keeps, extra: Partial<ConsumingCall> = {}): ConsumingCall => ({
  iterates,
  consumes: 'eager',
  keeps,
  ...extra,
});
const lazy = (iterates: IteratedArguments): ConsumingCall => ({ iterates, consumes: 'lazy', keeps: 'later' });

/** Before 3.11 (bpo-46257) these ran `data = list(data)` on an iterator before their two passes. */
const LISTED_BEFORE_3_11 = { listsIterators: { before: '3.11' } } as const;

/** What each statistics function keeps: median and quantiles sort a copy, mode counts with a Counter. */
const STATISTICS: readonly (readonly [string, Keeps, Partial<ConsumingCall>?])[] = [
  ['mean', 'nothing', LISTED_BEFORE_3_11],
  ['fmean', 'nothing'],
  ['geometric_mean', 'nothing'],
  // `if iter(data) is data: data = list(data)` on every version up to 3.13.
  ['harmonic_mean', 'nothing', { listsIterators: 'always' }],
  ['median', 'items'],
  ['median_low', 'items'],
  ['median_high', 'items'],
  ['median_grouped', 'items'],
  ['mode', 'distinct'],
  ['multimode', 'distinct'],
  ['pstdev', 'nothing', LISTED_BEFORE_3_11],
  ['pvariance', 'nothing', LISTED_BEFORE_3_11],
  ['stdev', 'nothing', LISTED_BEFORE_3_11],
  ['variance', 'nothing', LISTED_BEFORE_3_11],
  ['quantiles', 'items'],
];

export const CONSUMING_CALLS: ReadonlyMap<string, ConsumingCall> = new Map<string, ConsumingCall>([
  ['builtins.sum', eager(FIRST, 'nothing')],
  ['builtins.min', eager(FIRST, 'nothing', { positionalCount: 1 })],
  ['builtins.max', eager(FIRST, 'nothing', { positionalCount: 1 })],
  ['builtins.any', eager(FIRST, 'nothing', { shortCircuits: true })],
  ['builtins.all', eager(FIRST, 'nothing', { shortCircuits: true })],
  ['builtins.sorted', eager(FIRST, 'items')],
  ['builtins.set', eager(FIRST, 'distinct')],
  ['builtins.frozenset', eager(FIRST, 'distinct')],
  ['builtins.tuple', eager(FIRST, 'items')],
  ['builtins.dict', eager(FIRST, 'parts')],
  ['builtins.bytes', eager(FIRST, 'items')],
  ['builtins.bytearray', eager(FIRST, 'items')],
  ['builtins.enumerate', lazy(FIRST)],
  ['builtins.zip', lazy('every')],
  ['builtins.map', lazy([1, 2, 3, 4, 5, 6, 7, 8])],
  ['builtins.filter', lazy(SECOND)],
  ['collections.Counter', eager(FIRST, 'distinct')],
  ['collections.deque', eager(FIRST, 'items', { boundedBy: { keyword: 'maxlen', position: 1 } })],
  ['heapq.nlargest', eager(SECOND, 'few')],
  ['heapq.nsmallest', eager(SECOND, 'few')],
  ['heapq.merge', lazy('every')],
  ['itertools.chain', lazy('every')],
  ['itertools.chain.from_iterable', lazy(FIRST)],
  ['itertools.islice', lazy(FIRST)],
  ['itertools.accumulate', lazy(FIRST)],
  ['itertools.compress', lazy([0, 1])],
  ['itertools.dropwhile', lazy(SECOND)],
  ['itertools.takewhile', lazy(SECOND)],
  ['itertools.filterfalse', lazy(SECOND)],
  ['itertools.groupby', lazy(FIRST)],
  ['itertools.pairwise', lazy(FIRST)],
  ['itertools.starmap', lazy(SECOND)],
  ['itertools.zip_longest', lazy('every')],
  ['math.fsum', eager(FIRST, 'nothing')],
  ['math.prod', eager(FIRST, 'nothing')],
  ...STATISTICS.map(([name, keeps, extra]): [string, ConsumingCall] => [
    `statistics.${name}`,
    eager(FIRST, keeps, extra),
  ]),
]);

/** Whether the call iterates its positional argument number `index` (0-based). */
export function iteratesArgument(call: ConsumingCall, index: number): boolean {
  return call.iterates === 'every' || call.iterates.includes(index);
}

/** What this call keeps of its items: `deque(xs, maxlen=10)` keeps a few where `deque(xs)` keeps all. */
export function keptBy(consumer: ConsumingCall, args: readonly Node[]): Keeps {
  const bound = consumer.boundedBy;
  if (!bound) return consumer.keeps;
  const keyword = args.find(
    (arg) => arg.type === 'keyword_argument' && arg.childForFieldName('name')?.text === bound.keyword,
  );
  const value = keyword
    ? keyword.childForFieldName('value')
    : args.filter((arg) => arg.type !== 'keyword_argument')[bound.position];
  // `maxlen=None` is no bound, and a name may hold None: only a literal count is one.
  return value?.type === 'integer' ? 'few' : consumer.keeps;
}
