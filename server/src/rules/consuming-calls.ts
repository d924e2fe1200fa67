// Callables that only iterate an iterable argument once, by qualified name.
// `eager` consumers exhaust it inside the call (sum, sorted…); `lazy` ones
// return an iterator consumed later (zip, map…), so code that runs between
// items can observe the difference between a list and a generator.

/** Which positional arguments are iterated: indices, or 'every' positional. */
export type IteratedArguments = readonly number[] | 'every';

export interface ConsumingCall {
  readonly iterates: IteratedArguments;
  readonly consumes: 'eager' | 'lazy';
  /** Only when the call has exactly this many positional arguments (min/max take `min(a, b)` too). */
  readonly positionalCount?: number;
  /** Evaluates fewer items when it can stop early, so laziness changes how many run. */
  readonly shortCircuits?: boolean;
}

const FIRST = [0] as const;
const SECOND = [1] as const;
const eager = (iterates: IteratedArguments, extra: Partial<ConsumingCall> = {}): ConsumingCall => ({ iterates, consumes: 'eager', ...extra });
const lazy = (iterates: IteratedArguments): ConsumingCall => ({ iterates, consumes: 'lazy' });

const STATISTICS = [
  'mean', 'fmean', 'geometric_mean', 'harmonic_mean', 'median', 'median_low', 'median_high',
  'median_grouped', 'mode', 'multimode', 'pstdev', 'pvariance', 'stdev', 'variance', 'quantiles',
];

export const CONSUMING_CALLS: ReadonlyMap<string, ConsumingCall> = new Map<string, ConsumingCall>([
  ['builtins.sum', eager(FIRST)],
  ['builtins.min', eager(FIRST, { positionalCount: 1 })],
  ['builtins.max', eager(FIRST, { positionalCount: 1 })],
  ['builtins.any', eager(FIRST, { shortCircuits: true })],
  ['builtins.all', eager(FIRST, { shortCircuits: true })],
  ['builtins.sorted', eager(FIRST)],
  ['builtins.set', eager(FIRST)],
  ['builtins.frozenset', eager(FIRST)],
  ['builtins.tuple', eager(FIRST)],
  ['builtins.dict', eager(FIRST)],
  ['builtins.bytes', eager(FIRST)],
  ['builtins.bytearray', eager(FIRST)],
  ['builtins.enumerate', lazy(FIRST)],
  ['builtins.zip', lazy('every')],
  ['builtins.map', lazy([1, 2, 3, 4, 5, 6, 7, 8])],
  ['builtins.filter', lazy(SECOND)],
  ['collections.Counter', eager(FIRST)],
  ['collections.deque', eager(FIRST)],
  ['heapq.nlargest', eager(SECOND)],
  ['heapq.nsmallest', eager(SECOND)],
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
  ['math.fsum', eager(FIRST)],
  ['math.prod', eager(FIRST)],
  ...STATISTICS.map((name): [string, ConsumingCall] => [`statistics.${name}`, eager(FIRST)]),
]);

/** Whether the call iterates its positional argument number `index` (0-based). */
export function iteratesArgument(call: ConsumingCall, index: number): boolean {
  return call.iterates === 'every' || call.iterates.includes(index);
}
