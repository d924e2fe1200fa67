// What a pandas Categorical of text holds, as memory_usage(deep=True) counts
// it (Categorical.memory_usage): the codes, the categories Index (a pointer
// and a str per category) and, once built, that Index's hash table.

/** pandas/core/dtypes/cast.py coerce_indexer_dtype: the narrowest int type whose max exceeds the category count. */
function categoryCodeBytes(categories: number): 1 | 2 | 4 | 8 {
  if (categories < 127) return 1;
  if (categories < 32_767) return 2;
  if (categories < 2_147_483_647) return 4;
  return 8;
}

/** khash_python.h kh_needed_n_buckets, then kh_resize's floor of 4 buckets. */
function hashTableBuckets(elements: number): number {
  let candidate = 1;
  while (candidate < elements) candidate *= 2;
  const upperBound = Math.floor(candidate * 0.77 + 0.5);
  return Math.max(4, upperBound < elements ? 2 * candidate : candidate);
}

/**
 * PyObjectHashTable.sizeof (pandas/_libs/hashtable_class_helper.pxi.in) for
 * the engine of an Index of `elements` objects: 4 uint32 and 3 pointers, the
 * flags (a uint32 per 32 buckets) and a key and a value per bucket.
 */
function objectHashTableBytes(elements: number): number {
  const buckets = hashTableBuckets(elements);
  return 4 * 4 + 3 * 8 + Math.max(1, buckets >> 5) * 4 + buckets * (8 + 8);
}

/**
 * read_csv(dtype='category') sorts the categories it found
 * (Categorical._from_inferred_categories); when they were found in another
 * order, recoding the codes asks the sorted Index for an indexer, which builds
 * its hash table, and memory_usage(deep=True) counts it.
 */
function categoriesBytes(categories: number, meanStrBytes: number, foundUnsorted: boolean): number {
  const index = categories * (8 + meanStrBytes);
  return foundUnsorted ? index + objectHashTableBytes(categories) : index;
}

/** What a text column of `rows` rows holds read as category: a code per row, and its categories. */
export function categoryColumnBytes(
  rows: number,
  categories: number,
  meanStrBytes: number,
  foundUnsorted: boolean,
): number {
  return rows * categoryCodeBytes(categories) + categoriesBytes(categories, meanStrBytes, foundUnsorted);
}
