// One column of a text table (CSV) as pandas loads it, from its sampled fields:
// its dtype (asked for, a parse_dates column, or inferred) and the bytes
// memory_usage(deep=True) reports for it over all the rows read. What a row
// costs is averaged over the sample and scaled to the rows.
import type { CPythonLayout } from '../sizes/cpython';
import { intSize, strKind, strSize, strSizeOfKind } from '../sizes/objects';
import { codePointLength } from '../sizes/values';
import { categoryColumnBytes } from './categoryBytes';
import type { CategoryEstimate, DataColumn } from './dataEstimate';
import {
  DEFAULT_NA_VALUES,
  inferTextDtype,
  isMissing,
  type NaValues,
  type ObjectItems,
  withoutThousands,
} from './pandasTextDtypes';
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
  /** The strings read as missing (na_values, keep_default_na); pandas' defaults when absent. */
  readonly na?: NaValues;
  /** read_csv's thousands separator, which numbers may hold between their digits. */
  readonly thousands?: string;
}

/**
 * sys.getsizeof(pd.NA), which pandas' StringDtype puts where a value is
 * missing: 48 bytes on CPython 3.9 and 3.13 (56 on 3.11). Only that dtype
 * holds it.
 */
const PD_NA_BYTES = 48;

// Most fields are ASCII: their length and size need no walk over their
// characters (which, for a column of distinct free text, took half its time).
const NON_ASCII = /[\u0080-\uffff]/;
const ASCII = strKind('');

/** A field's length in characters (code points), as len() counts it. */
function fieldLength(field: string): number {
  return NON_ASCII.test(field) ? codePointLength(field) : field.length;
}

/** sys.getsizeof of a field's str. */
function fieldStrSize(layout: CPythonLayout, field: string): number {
  return NON_ASCII.test(field) ? strSize(layout, field) : strSizeOfKind(layout, ASCII, field.length);
}

/** A column's fields counted by value: text columns repeat, so each distinct field is measured once. */
interface Tally {
  /** The fields that are not missing, with how many rows have each, in order of first appearance. */
  readonly present: Map<string, number>;
  /** The NA strings among the fields (pandas' na_values), with how many rows have each. */
  readonly missing: Map<string, number>;
  /** Rows too short to have the field. */
  readonly absent: number;
  readonly presentRows: number;
  /** Mean length of the fields that are not missing, in characters. */
  readonly meanLength: number;
}

function tallyOf(values: readonly (string | undefined)[], na: NaValues = DEFAULT_NA_VALUES): Tally {
  const present = new Map<string, number>();
  const missing = new Map<string, number>();
  let absent = 0;
  for (const value of values) {
    if (value === undefined) absent++;
    else {
      const counts = isMissing(value, na) ? missing : present;
      counts.set(value, (counts.get(value) ?? 0) + 1);
    }
  }
  let presentRows = 0;
  let length = 0;
  for (const [value, count] of present) {
    presentRows += count;
    length += count * fieldLength(value);
  }
  return { present, missing, absent, presentRows, meanLength: presentRows === 0 ? 0 : length / presentRows };
}

/** Mean bytes a row takes in an object (or StringDtype) column: the pointer and the object it points to. */
function objectRowBytes(tally: Tally, rows: number, items: ObjectItems | 'string', layout: CPythonLayout): number {
  if (rows === 0) return layout.pointer;
  const missingBytes = items === 'string' ? PD_NA_BYTES : layout.float;
  let total = tally.absent * missingBytes;
  for (const [value, count] of tally.missing) {
    // Unfiltered, the NA strings stay str objects.
    total += count * (items === 'unfiltered' ? fieldStrSize(layout, value) : missingBytes);
  }
  for (const [value, count] of tally.present) {
    const bytes = items === 'bool' ? intSize(layout, /^true$/i.test(value) ? 1n : 0n) : fieldStrSize(layout, value);
    total += count * bytes;
  }
  return layout.pointer + total / rows;
}

/**
 * Distinct values over all `rows`, from the sample's: the bias-corrected Chao1
 * estimator, d + f1(f1 - 1) / 2(f2 + 1) with f1 and f2 the values seen once
 * and twice, which stays at d for a low-cardinality column (no value seen
 * only once or twice) and grows towards every row for a key column; at most
 * one per row, and exact when the sample is every row.
 */
function distinctOverRows(
  distinct: Map<string, number>,
  presentInSample: number,
  sampleRows: number,
  rows: number,
): number {
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

/** The column read as category: its categories are the distinct fields over all `rows`, estimated from the sample's. */
function asCategory(tally: Tally, sampleRows: number, rows: number, layout: CPythonLayout): CategoryEstimate {
  const categories = Math.round(distinctOverRows(tally.present, tally.presentRows, sampleRows, rows));
  let strBytes = 0;
  for (const value of tally.present.keys()) strBytes += fieldStrSize(layout, value);
  const meanStrBytes = tally.present.size === 0 ? 0 : strBytes / tally.present.size;
  return {
    bytes: Math.round(categoryColumnBytes(rows, categories, meanStrBytes, foundUnsorted(tally.present))),
    categories,
    stringBytes: Math.round(categories * meanStrBytes),
  };
}

function categoryColumn(column: SampledColumn, rows: number, layout: CPythonLayout): DataColumn {
  const tally = tallyOf(column.values, column.na);
  return {
    name: column.name,
    dtype: 'category',
    bytes: asCategory(tally, column.values.length, rows, layout).bytes,
    meanTextLength: tally.meanLength,
    distinctInSample: tally.present.size,
  };
}

function objectColumn(
  column: SampledColumn,
  dtype: 'object' | 'string',
  items: ObjectItems | 'string',
  rows: number,
  layout: CPythonLayout,
): DataColumn {
  const tally = tallyOf(column.values, column.na);
  const bytes = Math.round(rows * objectRowBytes(tally, column.values.length, items, layout));
  if (items === 'bool') return { name: column.name, dtype, bytes };
  const text = { meanTextLength: tally.meanLength, distinctInSample: tally.present.size };
  // Only str items make categories a category read would hold as they are.
  if (items !== 'text') return { name: column.name, dtype, bytes, ...text };
  return {
    name: column.name,
    dtype,
    bytes,
    ...text,
    asCategory: asCategory(tally, column.values.length, rows, layout),
  };
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
  const inferred = inferTextDtype(withoutThousands(column.values, column.thousands), column.na);
  if (inferred.dtype === 'object') return objectColumn(column, 'object', inferred.items, rows, layout);
  return fixedColumn(column.name, inferred.dtype, inferred.dtype === 'bool' ? 1 : 8, rows);
}
