// Hover Markdown for a read of a data file in the workspace: what the program
// will hold once the read runs, first, in one line; then what the columns
// hold and what the code could read instead. Estimated from the file's
// metadata and a sample, so every figure but an array's is marked ≈.
import type { DataColumn, DataEstimate, DataEstimateResult } from '../data/dataEstimate';
import type { DataRead } from '../data/readCalls';
import { categoryCandidate, isMaterial } from '../data/categorySaving';
import { formatCount, shortBytes } from '../sizes/format';

export function dataReadMarkdown(read: DataRead, result: DataEstimateResult, usedColumns?: readonly string[]): string {
  if (!result.estimate) return `**${read.path}**: ${result.reason}`;
  const estimate = result.estimate;
  const lines = [`**${about(estimate)}${shortBytes(estimate.bytes)} as loaded**: ${shape(estimate)}`, ''];
  lines.push(`- ${source(read, estimate)}`);
  const text = (estimate.columns ?? []).filter((column) => column.dtype === 'object');
  if (text.length > 0)
    lines.push(
      `- ${text.length} text ${plural(text.length, 'column')} ${text.length === 1 ? 'holds' : 'hold'} ${about(estimate)}${shortBytes(sum(text))}`,
    );
  const narrower = usecolsLine(estimate, usedColumns);
  if (narrower) lines.push(`- ${narrower}`);
  const category = categoryLine(estimate);
  if (category) lines.push(`- ${category}`);
  return lines.join('\n');
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
  if (!isMaterial(estimate.bytes - kept, estimate.bytes)) return undefined;
  return `\`usecols\` for the ${used.length} ${plural(used.length, 'column')} used: ${about(estimate)}${shortBytes(kept)}`;
}

/** The text columns with few distinct values, read as `category`: one small code per row instead of a str object. */
function categoryLine(estimate: DataEstimate): string | undefined {
  const rows = estimate.rows;
  if (rows === undefined) return undefined;
  const savings = (estimate.columns ?? [])
    .map((column) => ({ column, saved: column.bytes - (categoryCandidate(column)?.bytes ?? column.bytes) }))
    .filter(({ saved }) => saved > 0);
  const saved = savings.reduce((total, { saved }) => total + saved, 0);
  if (savings.length === 0 || !isMaterial(saved, estimate.bytes)) return undefined;
  const spec = savings.map(({ column }) => `${JSON.stringify(column.name)}: "category"`).join(', ');
  return `\`dtype={${spec}}\`: −${shortBytes(saved)}`;
}

function sum(columns: readonly DataColumn[]): number {
  return columns.reduce((total, column) => total + column.bytes, 0);
}

function plural(count: number, word: string): string {
  return count === 1 ? word : `${word}s`;
}
