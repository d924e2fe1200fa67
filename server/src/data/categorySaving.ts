// Which text columns of a table read are worth reading as `category`, and
// what that saves in the memory the process holds: one judgement for the
// hover of a read, MEM404's remedies and MEM405.
//
// pandas' CSV parser makes one str per distinct value (per chunk it parses)
// and points every row that spells it at that one, so a text column of few
// values holds a pointer per row and a few strs, far less than
// memory_usage(deep=True) counts (a str per row). Read as category, it holds a
// code per row and each str once: the saving is the pointer less the code.
import type { CategoryEstimate, DataColumn } from './dataEstimate';

/** A text column with at most this many distinct values in the sample is a category candidate. */
const CATEGORY_DISTINCT = 50;

/** The column read as category, when it is a text column of few distinct values; undefined for any other. */
export function categoryCandidate(column: DataColumn): CategoryEstimate | undefined {
  const distinct = column.distinctInSample;
  if (column.dtype !== 'object' || distinct === undefined || distinct > CATEGORY_DISTINCT) return undefined;
  return column.asCategory;
}

/** What a text column of `rows` rows holds as the parser leaves it: a pointer per row, and each distinct str once. */
export function heldAsText(category: CategoryEstimate, rows: number, pointer: number): number {
  return rows * pointer + category.stringBytes;
}
