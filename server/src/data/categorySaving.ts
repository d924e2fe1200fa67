// Which text columns of a table read are worth reading as `category`, and
// whether a saving is worth saying: one judgement for the hover of a read and
// for MEM405.
import type { CategoryEstimate, DataColumn } from './dataEstimate';

/** A text column with at most this many distinct values in the sample is a category candidate. */
const CATEGORY_DISTINCT = 50;

/** Savings smaller than this share of what they are taken from, or than 1 KiB, are not worth a line. */
const MATERIAL_SHARE = 0.1;
const MATERIAL_BYTES = 1024;

/** The column read as category, when it is a text column of few distinct values; undefined for any other. */
export function categoryCandidate(column: DataColumn): CategoryEstimate | undefined {
  const distinct = column.distinctInSample;
  if (column.dtype !== 'object' || distinct === undefined || distinct > CATEGORY_DISTINCT) return undefined;
  return column.asCategory;
}

/** Whether saving `saved` bytes of `total` is worth saying. */
export function isMaterial(saved: number, total: number): boolean {
  return saved >= MATERIAL_BYTES && saved >= total * MATERIAL_SHARE;
}
