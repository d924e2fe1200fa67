// Hover Markdown for a read of a data file in the workspace: what the program
// will hold once the read runs, first, in one line; then what the columns
// hold and what the code could read instead. Estimated from the file's
// metadata and a sample, so every figure but an array's is marked ≈.
import type { DataColumn, DataEstimate, DataEstimateResult } from '../data/dataEstimate';
import type { DataRead } from '../data/readCalls';
import type { CPythonLayout } from '../sizes/cpython';
import { formatCount, shortBytes } from '../sizes/format';
import { strSize } from '../sizes/objects';
import { isMaterialSaving } from '../sizes/saving';
import { approximateSize, exactSize } from '../sizes/size';
import { estimatedFor, headlineMarkdown, type Headline } from './sizeHeadline';
/** A text column with at most this many distinct values in the sample is a category candidate. */
const CATEGORY_DISTINCT = 50;
/** The bytes one category code takes for this many categories (int8 up to 127…). */
const codeBytes = (categories: number): number => (categories < 128 ? 1 : categories < 32768 ? 2 : 4);

export function dataReadMarkdown(
  read: DataRead,
  result: DataEstimateResult,
  layout: CPythonLayout,
  usedColumns?: readonly string[],
): string {
  if (!result.estimate) return `**${read.path}**: ${result.reason}`;
  const estimate = result.estimate;
  const lines = [headlineMarkdown(dataReadHeadline(estimate), layout), ''];
  lines.push(`- ${source(read, estimate)}`);
  const text = (estimate.columns ?? []).filter((column) => column.dtype === 'object');
  if (text.length > 0)
    lines.push(
      `- ${text.length} text ${plural(text.length, 'column')} ${text.length === 1 ? 'holds' : 'hold'} ${about(estimate)}${shortBytes(sum(text))}`,
    );
  const narrower = usecolsLine(estimate, usedColumns);
  if (narrower) lines.push(`- ${narrower}`);
  const category = categoryLine(estimate, layout);
  if (category) lines.push(`- ${category}`);
  lines.push('', estimatedFor(layout));
  return lines.join('\n');
}

/** What the read will hold once it runs, as the hover's first line and the inlay hint say it. */
export function dataReadHeadline(estimate: DataEstimate): Headline {
  const size = estimate.bytesExact ? exactSize(estimate.bytes) : approximateSize(estimate.bytes);
  return { total: { size, atLeast: false }, qualifier: 'as loaded', what: shape(estimate) };
}

function about(estimate: DataEstimate): string {
  return estimate.bytesExact ? '' : '≈ ';
}

function shape(estimate: DataEstimate): string {
  if (estimate.shape)
    return `${estimate.dtype ?? 'array'} array of shape (${estimate.shape.join(', ')}${estimate.shape.length === 1 ? ',' : ''})`;
  const rows =
    estimate.rows === undefined ? 'unknown rows' : `${estimate.rowsExact ? '' : '~'}${rowsText(estimate.rows)} rows`;
  if (estimate.columns) return `${estimate.columns.length} ${plural(estimate.columns.length, 'column')} × ${rows}`;
  return estimate.rows === undefined ? `${estimate.format} data` : `${rows.replace(/rows$/, 'lines')}`;
}

function rowsText(rows: number): string {
  if (rows >= 1e6) return `${(rows / 1e6).toFixed(1).replace(/\.0$/, '')} M`;
  return formatCount(rows);
}

function source(read: DataRead, estimate: DataEstimate): string {
  return `from \`${read.path}\`, ${shortBytes(estimate.fileBytes)} on disk${estimate.rowsExact ? '' : ' (rows extrapolated from a sample)'}`;
}

/** Reading only the columns the code uses, when it uses fewer than all. */
function usecolsLine(estimate: DataEstimate, usedColumns: readonly string[] | undefined): string | undefined {
  const columns = estimate.columns;
  if (!columns || !usedColumns || usedColumns.length === 0) return undefined;
  const used = columns.filter((column) => usedColumns.includes(column.name));
  if (used.length === 0 || used.length === columns.length) return undefined;
  const kept = sum(used);
  if (!isMaterialSaving(estimate.bytes - kept, estimate.bytes)) return undefined;
  return `\`usecols\` for the ${used.length} ${plural(used.length, 'column')} used: ${about(estimate)}${shortBytes(kept)}`;
}

/** The text columns with few distinct values, read as `category`: one small code per row instead of a str object. */
function categoryLine(estimate: DataEstimate, layout: CPythonLayout): string | undefined {
  const rows = estimate.rows;
  if (rows === undefined) return undefined;
  const candidates = (estimate.columns ?? []).filter(
    (column) =>
      column.dtype === 'object' &&
      column.distinctInSample !== undefined &&
      column.distinctInSample <= CATEGORY_DISTINCT,
  );
  const savings = candidates
    .map((column) => ({ column, saved: column.bytes - categoryBytes(column, rows, layout) }))
    .filter(({ saved }) => saved > 0);
  const saved = savings.reduce((total, { saved }) => total + saved, 0);
  if (savings.length === 0 || !isMaterialSaving(saved, estimate.bytes)) return undefined;
  const spec = savings.map(({ column }) => `${JSON.stringify(column.name)}: "category"`).join(', ');
  return `\`dtype={${spec}}\`: −${shortBytes(saved)}`;
}

/** A category column holds one code per row, and each distinct str once with its pointer. */
function categoryBytes(column: DataColumn, rows: number, layout: CPythonLayout): number {
  const categories = column.distinctInSample ?? 0;
  const typical = 'x'.repeat(Math.ceil(column.meanTextLength ?? 0));
  return rows * codeBytes(categories) + categories * (layout.pointer + strSize(layout, typical));
}

function sum(columns: readonly DataColumn[]): number {
  return columns.reduce((total, column) => total + column.bytes, 0);
}

function plural(count: number, word: string): string {
  return count === 1 ? word : `${word}s`;
}
