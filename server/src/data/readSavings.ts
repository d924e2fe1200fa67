// What a read of a table could hold instead of what it will: only the columns
// the code uses (usecols=), and text columns of few distinct values read as
// category. The data hover lists them; MEM404 says them when a read would
// not fit in memory. Both count the same way, here.
import type { CPythonLayout } from '../sizes/cpython';
import { strSize } from '../sizes/objects';
import { isMaterialSaving } from '../sizes/saving';
import { categoriesBytes, categoryCodeBytes } from './categoryBytes';
import type { DataColumn, DataEstimate } from './dataEstimate';

/** A text column with at most this many distinct values in the sample is a category candidate. */
const CATEGORY_DISTINCT = 50;

/** The columns the code uses, when it uses some but not all of the file's and leaving the others out saves a material share. */
export function usedColumnsRead(
  estimate: DataEstimate,
  usedColumns: readonly string[] | undefined,
): { readonly columns: readonly DataColumn[]; readonly bytes: number } | undefined {
  const columns = estimate.columns;
  if (!columns || !usedColumns || usedColumns.length === 0) return undefined;
  const used = columns.filter((column) => usedColumns.includes(column.name));
  if (used.length === 0 || used.length === columns.length) return undefined;
  const bytes = columnBytes(used);
  return isMaterialSaving(estimate.bytes - bytes, estimate.bytes) ? { columns: used, bytes } : undefined;
}

/**
 * The text columns among `columns` (all the estimate's unless told) with few
 * distinct values, and what reading them as `category` saves: one small code
 * per row instead of a str object. Undefined when the saving is not a
 * material share of what the read holds (of `columns` only, when told).
 */
export function categorySaving(
  estimate: DataEstimate,
  layout: CPythonLayout,
  columns?: readonly DataColumn[],
): { readonly columns: readonly DataColumn[]; readonly saved: number } | undefined {
  const rows = estimate.rows;
  if (rows === undefined) return undefined;
  const savings = (columns ?? estimate.columns ?? [])
    .filter(
      (column) =>
        column.dtype === 'object' &&
        column.distinctInSample !== undefined &&
        column.distinctInSample <= CATEGORY_DISTINCT,
    )
    .map((column) => ({ column, saved: column.bytes - categoryBytes(column, rows, layout) }))
    .filter(({ saved }) => saved > 0);
  const saved = savings.reduce((total, { saved }) => total + saved, 0);
  if (savings.length === 0 || !isMaterialSaving(saved, columns ? columnBytes(columns) : estimate.bytes))
    return undefined;
  return { columns: savings.map(({ column }) => column), saved };
}

/** A category column holds one code per row, and each distinct str once with its pointer. */
function categoryBytes(column: DataColumn, rows: number, layout: CPythonLayout): number {
  const categories = column.distinctInSample ?? 0;
  const typical = strSize(layout, 'x'.repeat(Math.ceil(column.meanTextLength ?? 0)));
  return rows * categoryCodeBytes(categories) + categoriesBytes(categories, typical, false);
}

export function columnBytes(columns: readonly DataColumn[]): number {
  return columns.reduce((total, column) => total + column.bytes, 0);
}
