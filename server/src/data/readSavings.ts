// What a read of a table could hold instead of what it will: only the columns
// the code uses (usecols=), and text columns of few distinct values read as
// category. The data hover lists them; MEM404 says them when a read would
// not fit in memory. Both count the same way, here.
import type { CPythonLayout } from '../sizes/cpython';
import { isMaterialSaving } from '../sizes/saving';
import { categoryCandidate, heldAsText } from './categorySaving';
import type { DataColumn, DataEstimate } from './dataEstimate';

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
 * distinct values, and what reading them as `category` saves in what the
 * process holds (data/categorySaving.ts). Undefined when the saving is not a
 * material share of what those columns hold.
 */
export function categorySaving(
  estimate: DataEstimate,
  layout: CPythonLayout,
  columns?: readonly DataColumn[],
): CategorySaving | undefined {
  const rows = estimate.rows;
  if (rows === undefined) return undefined;
  const savings = (columns ?? estimate.columns ?? []).flatMap((column) => {
    const category = categoryCandidate(column);
    if (!category) return [];
    const held = heldAsText(category, rows, layout.pointer);
    return held > category.bytes
      ? [{ column, held, saved: held - category.bytes, counted: column.bytes - category.bytes }]
      : [];
  });
  const total = (key: 'held' | 'saved' | 'counted') => savings.reduce((sum, saving) => sum + saving[key], 0);
  if (savings.length === 0 || !isMaterialSaving(total('saved'), total('held'))) return undefined;
  return { columns: savings.map(({ column }) => column), saved: total('saved'), countedSaving: total('counted') };
}

export interface CategorySaving {
  readonly columns: readonly DataColumn[];
  /** What the process holds less. */
  readonly saved: number;
  /** What memory_usage(deep=True) counts less: far more, as it counts a str per row of a text column. */
  readonly countedSaving: number;
}

export function columnBytes(columns: readonly DataColumn[]): number {
  return columns.reduce((total, column) => total + column.bytes, 0);
}

/**
 * What `columns` hold in the process: a text column whose distinct values are
 * known holds a pointer per row and each distinct str once, where
 * memory_usage(deep=True) (the columns' bytes) counts a str per row.
 */
export function bytesInMemory(columns: readonly DataColumn[], rows: number, layout: CPythonLayout): number {
  return columns.reduce(
    (total, column) => total + (column.asCategory ? heldAsText(column.asCategory, rows, layout.pointer) : column.bytes),
    0,
  );
}
