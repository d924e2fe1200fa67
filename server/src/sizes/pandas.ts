// pandas Series and DataFrames as pandas accounts for them. sys.getsizeof
// calls PandasObject.__sizeof__ (pandas/core/base.py), which returns
// memory_usage(deep=True) summed: the values of each column (ndarray.nbytes;
// for object columns also the __sizeof__ of every item, row by row) and the
// index (RangeIndex.nbytes: the range object and its start, stop and step
// ints). Nothing else pandas allocates (the block manager, the column labels,
// caches) is counted, and data shared with another array is counted again.
import type { CPythonLayout } from './cpython';
import type { Dtype } from './ndarrays';
import { intSize, rangeSize } from './objects';

/** The pandas release whose accounting this follows; the tests check it against that release. */
export const PANDAS_VERSION = '1.5.3';

/** The item type of a column that holds pointers to Python objects. */
export const OBJECT_DTYPE: Dtype = { name: 'object', size: 8 };

export interface PandasColumn {
  /** The column label as written (`'a'`, `0`); undefined for a Series without a name. */
  readonly label: string | undefined;
  readonly dtype: Dtype;
  /**
   * For an object column: what lib.memory_usage_of_objects adds, the __sizeof__
   * of the item in each row (an object shared by many rows counts once per row);
   * undefined when the items' sizes are not known.
   */
  readonly objectBytes?: number | undefined;
}

export interface PandasFrame {
  readonly kind: 'Series' | 'DataFrame';
  readonly rows: number;
  readonly columns: readonly PandasColumn[];
}

export function isObjectColumn(column: PandasColumn): boolean {
  return column.dtype.name === 'object';
}

/** RangeIndex.nbytes: sys.getsizeof of the range and of its start, stop and step. */
export function rangeIndexBytes(layout: CPythonLayout, rows: number): number {
  return rangeSize(layout) + intSize(layout, 0n) + intSize(layout, BigInt(rows)) + intSize(layout, 1n);
}

/** ndarray.nbytes of a column's values. */
export function valuesBytes(frame: PandasFrame, column: PandasColumn): number {
  return frame.rows * column.dtype.size;
}

/** What memory_usage(deep=True) reports for one column; undefined when its objects are unknown. */
export function columnBytes(frame: PandasFrame, column: PandasColumn): number | undefined {
  if (!isObjectColumn(column)) return valuesBytes(frame, column);
  return column.objectBytes === undefined ? undefined : valuesBytes(frame, column) + column.objectBytes;
}

/** memory_usage(deep=True), summed over the index and the columns. */
export function memoryUsage(layout: CPythonLayout, frame: PandasFrame): number | undefined {
  let total = rangeIndexBytes(layout, frame.rows);
  for (const column of frame.columns) {
    const bytes = columnBytes(frame, column);
    if (bytes === undefined) return undefined;
    total += bytes;
  }
  return total;
}

/** What sys.getsizeof adds to __sizeof__ for an instance of a Python class (GC header, managed dict pointers). */
export function objectOverhead(layout: CPythonLayout): number {
  return layout.gcHeader + layout.instance.preHeader;
}

/** sys.getsizeof of the Series or DataFrame; undefined when an object column's items are unknown. */
export function pandasSize(layout: CPythonLayout, frame: PandasFrame): number | undefined {
  const usage = memoryUsage(layout, frame);
  return usage === undefined ? undefined : usage + objectOverhead(layout);
}

export interface Block {
  readonly dtype: Dtype;
  readonly columns: readonly PandasColumn[];
}

/**
 * The 2-D blocks a DataFrame keeps its columns in once consolidated (as
 * DataFrame(dict) and DataFrame(2-D array) leave it): one per dtype, in the
 * order each dtype first appears.
 */
export function blocksOf(frame: PandasFrame): Block[] {
  const blocks = new Map<string, { dtype: Dtype; columns: PandasColumn[] }>();
  for (const column of frame.columns) {
    const block = blocks.get(column.dtype.name);
    if (block) block.columns.push(column);
    else blocks.set(column.dtype.name, { dtype: column.dtype, columns: [column] });
  }
  return [...blocks.values()];
}
