// A CSV sample cut into its header and data rows, the way pandas' C parser
// reads the file: quotes respected, blank lines skipped, skiprows records
// dropped, the header (if any) taken; with the byte offsets the row count is
// extrapolated from.
import { isUtf8 } from 'node:buffer';
import { CsvError, parse } from 'csv-parse/sync';
import { asUtf8, type CsvEncoding } from './csvEncoding';

export interface CsvRows {
  /** The header's fields as written (before pandas names unnamed and repeated columns); undefined with header=None. */
  readonly header: readonly string[] | undefined;
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

/** How the file is laid out, as the read's options say. */
export interface CsvLayout {
  /** pandas' sep. */
  readonly separator: string;
  /** skiprows: records dropped from the start (a count), or the line numbers dropped anywhere. */
  readonly skipRows: number | readonly number[];
  /** The header's place among the non-blank records left; null (header=None): every record is data. */
  readonly header: number | null;
  readonly encoding: CsvEncoding;
}

const DEFAULT_CSV_LAYOUT: CsvLayout = { separator: ',', skipRows: 0, header: 0, encoding: 'utf-8' };

function describeSkip(skipRows: number | readonly number[]): string {
  return `skiprows=${typeof skipRows === 'number' ? skipRows : `[${skipRows.join(', ')}]`}`;
}

/** The sample as UTF-8 bytes for the parser, and the way back to file offsets; or why it is not text. */
function decoded(
  text: Buffer,
  encoding: CsvEncoding,
): { utf8: Buffer; fileOffset: (offset: number) => number } | string {
  if (encoding !== 'utf-8') return asUtf8(text, encoding);
  if (!isUtf8(text)) return 'the file is not UTF-8 text (pandas reads UTF-8 unless told an encoding)';
  return { utf8: text, fileOffset: (offset) => offset };
}

/**
 * The header and data rows of the first `bytes` of a CSV file (`truncated`:
 * the file goes on), laid out as `layout` says: skiprows records dropped, blank
 * lines skipped, the header row (if any) then the data rows.
 */
export function csvRows(bytes: Buffer, truncated: boolean, layout: CsvLayout = DEFAULT_CSV_LAYOUT): CsvRowsResult {
  if (bytes.length === 0) return { reason: 'not estimated: the file is empty' };
  if (bytes.includes(0)) return { reason: 'not estimated: the file holds NUL bytes (binary, or UTF-16 text), not CSV' };
  const parsed = delimitersFor(layout.separator);
  if (typeof parsed === 'string') return { reason: `not estimated: ${parsed}` };
  const end = truncated ? lastLineEnd(bytes) : bytes.length;
  if (end === 0) return { reason: `not estimated: the first ${bytes.length} bytes hold no complete line` };
  const sample = decoded(bytes.subarray(0, end), layout.encoding);
  if (typeof sample === 'string') return { reason: `not estimated: ${sample}` };
  const text = sample.utf8;

  const records = parseRecords(text, parsed.delimiters, truncated);
  if (typeof records === 'string') return { reason: `not estimated: not parseable as CSV (${records})` };
  const { skipRows } = layout;
  const skippedLines = typeof skipRows === 'number' ? undefined : new Set(skipRows);
  const skipped = (index: number) => (skippedLines ? skippedLines.has(index) : index < (skipRows as number));
  const blank = (record: string[]) => isBlank(record, parsed.whitespace);
  // The records pandas reads, by index: not skipped, not blank.
  const kept: number[] = [];
  records.list.forEach((record, index) => {
    if (!skipped(index) && !blank(record)) kept.push(index);
  });
  const split = parsed.whitespace
    ? (fields: string[]) => fields.filter((field) => field !== '')
    : (fields: string[]) => fields;
  const headerAt = layout.header ?? -1;
  const headerIndex = layout.header === null ? undefined : kept[layout.header];
  if (layout.header !== null && headerIndex === undefined) {
    const skip = describeSkip(skipRows);
    if (truncated) return { reason: `not estimated: the first ${bytes.length} bytes hold no header row after ${skip}` };
    return {
      reason:
        kept.length > 0 || records.list.some((_, index) => skipped(index))
          ? `not estimated: no header row after ${skip}${layout.header > 0 ? ` and header=${layout.header}` : ''}`
          : 'not estimated: the file holds only blank lines',
    };
  }
  const dataRecords = kept.slice(headerAt + 1);
  if (layout.header === null && dataRecords.length === 0 && !truncated)
    return { reason: 'not estimated: the file holds no data row' };
  const rows = dataRecords.map((index) => split(records.list[index]!));
  const header = headerIndex === undefined ? undefined : split(records.list[headerIndex]!);
  // Where the data starts: past the header, or (no header) past whatever precedes the first data record.
  const before = headerIndex ?? (dataRecords[0] ?? 0) - 1;
  const dataStart = before < 0 ? 0 : recordEnd(text, parsed.delimiters, before);
  const dataEnd = rows.length > 0 ? records.end : dataStart;
  return { csv: { header, rows, dataStart: sample.fileOffset(dataStart), dataEnd: sample.fileOffset(dataEnd) } };
}
