// A CSV sample cut into its header and data rows, the way pandas' C parser
// reads the file: quotes respected, blank lines skipped, skiprows records
// dropped before the header; with the byte offsets the row count is
// extrapolated from.
import { isUtf8 } from 'node:buffer';
import { CsvError, parse } from 'csv-parse/sync';

export interface CsvRows {
  /** The header's fields as written (before pandas names unnamed and repeated columns). */
  readonly header: readonly string[];
  /** The data rows complete in the sample, in file order. */
  readonly rows: readonly (readonly string[])[];
  /** Byte offset where the data rows start (after the header). */
  readonly dataStart: number;
  /** Byte offset just past the last complete data row. */
  readonly dataEnd: number;
}

export type CsvRowsResult =
  | { readonly csv: CsvRows; readonly reason?: undefined }
  | { readonly csv?: undefined; readonly reason: string };

// pandas reads a separator longer than one character (but '\s+') as a regular expression.
const REGEX_SPECIALS = /[.^$*+?{}[\]\\|()]/;
const WHITESPACE_SEPARATOR = '\\s+';

/** csv-parse's delimiters for a pandas sep, or why it is not followed. */
function delimitersFor(separator: string): { readonly delimiters: string[]; readonly whitespace: boolean } | string {
  if (separator === WHITESPACE_SEPARATOR) return { delimiters: [' ', '\t'], whitespace: true };
  if (separator.length === 0) return 'an empty separator';
  if (separator.length > 1 && REGEX_SPECIALS.test(separator))
    return `the separator ${JSON.stringify(separator)} is a regular expression`;
  return { delimiters: [separator], whitespace: false };
}

/** A blank line, which pandas skips (skip_blank_lines): nothing but spaces and tabs. */
function isBlank(record: readonly string[], whitespaceSeparated: boolean): boolean {
  // Split on whitespace, such a line is all empty fields.
  if (whitespaceSeparated) return record.every((field) => field === '');
  return record.length === 1 && /^[ \t]*$/.test(record[0]!);
}

/**
 * Where the sample's last line ends: a cut sample drops the line it cut. After
 * its last \n (a \r\n cut between the two would leave a \r in the last field),
 * else its last \r (old Mac line ends).
 */
function lastLineEnd(bytes: Buffer): number {
  const newline = bytes.lastIndexOf(0x0a);
  return (newline >= 0 ? newline : bytes.lastIndexOf(0x0d)) + 1;
}

const baseOptions = (delimiters: string[]) => ({
  delimiter: delimiters,
  bom: true,
  relax_quotes: true,
  relax_column_count: true,
  skip_empty_lines: false,
});

/**
 * The records of `text` and the byte offset where the last one ends, or
 * csv-parse's complaint. A cut sample may end inside a quoted field spanning
 * lines: the records before that field stand.
 */
function parseRecords(
  text: Buffer,
  delimiters: string[],
  truncated: boolean,
): { list: string[][]; end: number } | string {
  try {
    // No on_record callback here: csv-parse builds an info object per record for one, which triples the time.
    return { list: parse(text, baseOptions(delimiters)) as string[][], end: text.length };
  } catch (error) {
    const cutQuote = truncated && error instanceof CsvError && error.code === 'CSV_QUOTE_NOT_CLOSED';
    if (!cutQuote) return error instanceof Error ? error.message : String(error);
    const list: string[][] = [];
    let end = 0;
    parse(text, {
      ...baseOptions(delimiters),
      to: Number(error.records),
      on_record: (record: string[], info: { readonly bytes: number }) => {
        list.push(record);
        end = info.bytes;
        return null;
      },
    });
    return { list, end };
  }
}

/** The byte offset just past record `index` (csv-parse stops there). */
function recordEnd(text: Buffer, delimiters: string[], index: number): number {
  let end = 0;
  parse(text, {
    ...baseOptions(delimiters),
    to: index + 1,
    on_record: (_record: string[], info: { readonly bytes: number }) => {
      end = info.bytes;
      return null;
    },
  });
  return end;
}

/**
 * The header and data rows of the first `bytes` of a CSV file (`truncated`:
 * the file goes on). `skipRows` records are dropped before the header
 * (pandas' skiprows=int); `separator` is pandas' sep.
 */
export function csvRows(bytes: Buffer, truncated: boolean, separator: string, skipRows: number): CsvRowsResult {
  if (bytes.length === 0) return { reason: 'not estimated: the file is empty' };
  if (bytes.includes(0)) return { reason: 'not estimated: the file holds NUL bytes (binary, or UTF-16 text), not CSV' };
  const parsed = delimitersFor(separator);
  if (typeof parsed === 'string') return { reason: `not estimated: ${parsed}` };
  const end = truncated ? lastLineEnd(bytes) : bytes.length;
  if (end === 0) return { reason: `not estimated: the first ${bytes.length} bytes hold no complete line` };
  const text = bytes.subarray(0, end);
  if (!isUtf8(text))
    return { reason: 'not estimated: the file is not UTF-8 text (pandas reads UTF-8 unless told an encoding)' };

  const records = parseRecords(text, parsed.delimiters, truncated);
  if (typeof records === 'string') return { reason: `not estimated: not parseable as CSV (${records})` };
  let next = Math.min(skipRows, records.list.length);
  const skipped = next;
  const blank = (record: string[]) => isBlank(record, parsed.whitespace);
  while (next < records.list.length && blank(records.list[next]!)) next++;
  const headerIndex = next;
  const split = parsed.whitespace
    ? (fields: string[]) => fields.filter((field) => field !== '')
    : (fields: string[]) => fields;
  const header = headerIndex < records.list.length ? split(records.list[headerIndex]!) : undefined;
  const rows: string[][] = [];
  for (let index = headerIndex + 1; index < records.list.length; index++) {
    const record = records.list[index]!;
    if (!blank(record)) rows.push(split(record));
  }
  if (!header) {
    if (truncated)
      return { reason: `not estimated: the first ${bytes.length} bytes hold no header row after skiprows=${skipRows}` };
    return {
      reason:
        skipped > 0
          ? `not estimated: no header row after skiprows=${skipRows}`
          : 'not estimated: the file holds only blank lines',
    };
  }
  const dataStart = recordEnd(text, parsed.delimiters, headerIndex);
  return { csv: { header, rows, dataStart, dataEnd: rows.length > 0 ? records.end : dataStart } };
}
