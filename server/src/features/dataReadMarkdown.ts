// Hover Markdown for a read of a data file in the workspace: what the program
// will hold once the read runs, first, in one line; then what the columns
// hold and what the code could read instead. Estimated from the file's
// metadata and a sample, so every figure but an array's is marked ≈.
import { tokensOfRead } from '../data/csvTokens';
import type { DataEstimate, DataEstimateResult } from '../data/dataEstimate';
import type { DataRead } from '../data/readCalls';
import { bytesInMemory, categorySaving, columnBytes, usedColumnsRead } from '../data/readSavings';
import { isMaterialSaving } from '../sizes/saving';
import type { CPythonLayout } from '../sizes/cpython';
import { formatCount, shortBytes } from '../sizes/format';
import { approximateSize, exactSize } from '../sizes/size';
import { estimatedFor, headlineMarkdown, type Headline } from './sizeHeadline';

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
  const text = textLine(estimate, layout);
  if (text) lines.push(`- ${text}`);
  const narrower = usecolsLine(estimate, usedColumns);
  if (narrower) lines.push(`- ${narrower}`);
  const category = categoryLine(estimate, layout);
  if (category) lines.push(`- ${category}`);
  const tokens = read.options.lowMemory === false ? tokensLine(estimate, read) : undefined;
  if (tokens) lines.push(`- ${tokens}`);
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

/**
 * What the text columns hold as pandas counts them, and in memory when that
 * is materially less: rows that spell the same text share one str.
 */
function textLine(estimate: DataEstimate, layout: CPythonLayout): string | undefined {
  const text = (estimate.columns ?? []).filter((column) => column.dtype === 'object');
  if (text.length === 0) return undefined;
  const counted = columnBytes(text);
  const held = estimate.rows === undefined ? counted : bytesInMemory(text, estimate.rows, layout);
  const columns = `${text.length} text ${plural(text.length, 'column')} ${text.length === 1 ? 'holds' : 'hold'}`;
  if (!isMaterialSaving(counted - held, counted)) return `${columns} ${about(estimate)}${shortBytes(counted)}`;
  return `${columns} ${about(estimate)}${shortBytes(counted)} as pandas counts, ${about(estimate)}${shortBytes(held)} in memory: rows that spell the same text share one str`;
}

/** Reading only the columns the code uses, when it uses fewer than all. */
function usecolsLine(estimate: DataEstimate, usedColumns: readonly string[] | undefined): string | undefined {
  const used = usedColumnsRead(estimate, usedColumns);
  if (!used) return undefined;
  const count = used.columns.length;
  return `\`usecols\` for the ${count} ${plural(count, 'column')} used: ${about(estimate)}${shortBytes(used.bytes)}`;
}

/** The text columns with few distinct values, read as `category`: one small code per row instead of a str object. */
function categoryLine(estimate: DataEstimate, layout: CPythonLayout): string | undefined {
  const category = categorySaving(estimate, layout);
  if (!category) return undefined;
  const spec = category.columns.map((column) => `${JSON.stringify(column.name)}: "category"`).join(', ');
  const perRow = estimate.rows ? `, ${about(estimate)}${shortBytes(category.saved / estimate.rows)} a row` : '';
  return `\`dtype={${spec}}\`: saves ${about(estimate)}${shortBytes(category.saved)}${perRow} (the rows' pointers less a code each)`;
}

/** What `low_memory=False` makes the parser hold at once: every field's tokens and the text (MEM413). */
function tokensLine(estimate: DataEstimate, read: DataRead): string | undefined {
  const tokens = tokensOfRead(estimate, read.options);
  if (tokens === undefined || !estimate.rows) return undefined;
  return `\`low_memory=False\`: the parser holds ${about(estimate)}${shortBytes(tokens)} of tokens at once, ${about(estimate)}${shortBytes(tokens / estimate.rows)} a row (16 B a field + the text)`;
}

function plural(count: number, word: string): string {
  return count === 1 ? word : `${word}s`;
}
