// One column of a text table (CSV) as pandas loads it, from its sampled fields:
// its dtype (asked for, a parse_dates column, or inferred) and the bytes
// memory_usage(deep=True) reports for it over all the rows read. What a row
// costs is averaged over the sample and scaled to the rows.
import type { CPythonLayout } from '../sizes/cpython';
import { intSize, strSize } from '../sizes/objects';
import { codePointLength } from '../sizes/values';
import { categoriesBytes, categoryCodeBytes } from './categoryBytes';
import type { DataColumn } from './dataEstimate';
import { inferTextDtype, isMissing, type ObjectItems } from './pandasTextDtypes';
import type { Storage } from './requestedDtypes';

/** How the code reads the column. */
export type ColumnRead =
  | { readonly kind: 'requested'; readonly storage: Storage }
  /** Named in parse_dates: datetime64[ns], 8 bytes a row (NaT for the missing). */
  | { readonly kind: 'date' }
  | { readonly kind: 'inferred' };

export interface SampledColumn {
  readonly name: string;
  /** The column's field in each sampled row, in file order; undefined where the row is short. */
  readonly values: readonly (string | undefined)[];
}

/**
 * sys.getsizeof(pd.NA), which pandas' StringDtype puts where a value is
 * missing: 48 bytes on CPython 3.9 and 3.13 (56 on 3.11). Only that dtype
 * holds it.
 */
const PD_NA_BYTES = 48;

/** The str sizes of a column's fields, each distinct field measured once (text columns repeat). */
function strSizer(layout: CPythonLayout): (text: string) => number {
  const sizes = new Map<string, number>();
  return (text) => {
    let size = sizes.get(text);
    if (size === undefined) {
      size = strSize(layout, text);
      sizes.set(text, size);
    }
    return size;
  };
}

/** Mean bytes a row takes in an object (or StringDtype) column: the pointer and the object it points to. */
function objectRowBytes(values: readonly (string | undefined)[], items: ObjectItems | 'string', layout: CPythonLayout): number {
  if (values.length === 0) return layout.pointer;
  const sizeOf = strSizer(layout);
  const trueBytes = intSize(layout, 1n);
  const falseBytes = intSize(layout, 0n);
  let total = 0;
  for (const value of values) {
    if (items === 'unfiltered') total += value === undefined ? layout.float : sizeOf(value);
    else if (isMissing(value)) total += items === 'string' ? PD_NA_BYTES : layout.float;
    else if (items === 'bool') total += /^true$/i.test(value!) ? trueBytes : falseBytes;
    else total += sizeOf(value!);
  }
  return layout.pointer + total / values.length;
}

/** What the text fields say about the column: mean length and distinct values, for columns that keep text. */
function textFacts(values: readonly (string | undefined)[]): { present: string[]; distinct: Map<string, number>; meanLength: number } {
  const present: string[] = [];
  const distinct = new Map<string, number>();
  let length = 0;
  for (const value of values) {
    if (isMissing(value)) continue;
    present.push(value!);
    length += codePointLength(value!);
    distinct.set(value!, (distinct.get(value!) ?? 0) + 1);
  }
  return { present, distinct, meanLength: present.length === 0 ? 0 : length / present.length };
}

/**
 * Distinct values over all `rows`, from the sample's: the bias-corrected Chao1
 * estimator, d + f1(f1 - 1) / 2(f2 + 1) with f1 and f2 the values seen once
 * and twice, which stays at d for a low-cardinality column (no value seen
 * only once or twice) and grows towards every row for a key column; at most
 * one per row, and exact when the sample is every row.
 */
function distinctOverRows(distinct: Map<string, number>, presentInSample: number, sampleRows: number, rows: number): number {
  if (rows <= sampleRows || presentInSample === 0) return distinct.size;
  let once = 0;
  let twice = 0;
  for (const count of distinct.values()) {
    if (count === 1) once++;
    else if (count === 2) twice++;
  }
  const presentInRows = (rows * presentInSample) / sampleRows;
  return Math.min(presentInRows, distinct.size + (once * (once - 1)) / (2 * (twice + 1)));
}

/** Python orders str by code point, which UTF-16 order matches but for astral characters (rare in category data). */
function foundUnsorted(distinct: Map<string, number>): boolean {
  let previous: string | undefined;
  for (const value of distinct.keys()) {
    if (previous !== undefined && previous > value) return true;
    previous = value;
  }
  return false;
}

function categoryColumn(column: SampledColumn, rows: number, layout: CPythonLayout): DataColumn {
  const facts = textFacts(column.values);
  const categories = Math.round(distinctOverRows(facts.distinct, facts.present.length, column.values.length, rows));
  const sizeOf = strSizer(layout);
  let strBytes = 0;
  for (const value of facts.distinct.keys()) strBytes += sizeOf(value);
  const meanStrBytes = facts.distinct.size === 0 ? 0 : strBytes / facts.distinct.size;
  const bytes = rows * categoryCodeBytes(categories) + categoriesBytes(categories, meanStrBytes, foundUnsorted(facts.distinct));
  return { name: column.name, dtype: 'category', bytes: Math.round(bytes), meanTextLength: facts.meanLength, distinctInSample: facts.distinct.size };
}

function objectColumn(column: SampledColumn, dtype: 'object' | 'string', items: ObjectItems | 'string', rows: number, layout: CPythonLayout): DataColumn {
  const facts = textFacts(column.values);
  const bytes = Math.round(rows * objectRowBytes(column.values, items, layout));
  if (items === 'bool') return { name: column.name, dtype, bytes };
  return { name: column.name, dtype, bytes, meanTextLength: facts.meanLength, distinctInSample: facts.distinct.size };
}

function fixedColumn(name: string, dtype: string, rowBytes: number, rows: number): DataColumn {
  return { name, dtype, bytes: rows * rowBytes };
}

/** The column as loaded: `rows` rows of it, its fields sampled in `column.values`. */
export function textColumn(column: SampledColumn, read: ColumnRead, rows: number, layout: CPythonLayout): DataColumn {
  if (read.kind === 'date') return fixedColumn(column.name, 'datetime64[ns]', 8, rows);
  if (read.kind === 'requested') {
    const { storage } = read;
    switch (storage.kind) {
      case 'fixed':
        return fixedColumn(column.name, storage.dtype, storage.itemsize, rows);
      case 'masked':
        return fixedColumn(column.name, storage.dtype, storage.itemsize + 1, rows);
      case 'category':
        return categoryColumn(column, rows, layout);
      case 'text':
        return objectColumn(column, storage.dtype, storage.dtype === 'string' ? 'string' : 'text', rows, layout);
    }
  }
  const inferred = inferTextDtype(column.values);
  if (inferred.dtype === 'object') return objectColumn(column, 'object', inferred.items, rows, layout);
  return fixedColumn(column.name, inferred.dtype, inferred.dtype === 'bool' ? 1 : 8, rows);
}
