// Callables, by qualified name, that return a lazy iterator: wrapping their
// result in list() materialises every item at once.
const ITERTOOLS = [
  'accumulate',
  'batched',
  'chain',
  'chain.from_iterable',
  'combinations',
  'combinations_with_replacement',
  'compress',
  'dropwhile',
  'filterfalse',
  'groupby',
  'islice',
  'pairwise',
  'permutations',
  'product',
  'starmap',
  'takewhile',
  'zip_longest',
];

export const ITERATOR_CALLS: ReadonlySet<string> = new Set([
  'builtins.map',
  'builtins.filter',
  'builtins.zip',
  'builtins.enumerate',
  'builtins.reversed',
  'builtins.iter',
  're.finditer',
  ...ITERTOOLS.map((name) => `itertools.${name}`),
]);
