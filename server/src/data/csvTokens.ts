// What pandas' C parser holds while it tokenizes a CSV file in one go, as it
// does with `low_memory=False`: for every field a pointer to its text and its
// offset (8 bytes each), for every line its start and its number of fields
// (8 bytes each), and the text itself, each separator made a NUL: about the
// file's size (pandas/_libs/src/parser/tokenizer.h, pandas 1.1 to 2.2). By
// default it tokenizes the file a chunk of rows at a time (lowMemoryChunkRows),
// and holds that much.
import type { DataEstimate, TableReadOptions } from './dataEstimate';

/** `words` (char *) and `word_starts` (int64_t) per field. */
const TOKEN_BYTES_PER_FIELD = 16;
/** `line_start` and `line_fields` (int64_t each) per line. */
const TOKEN_BYTES_PER_LINE = 16;

/** The bytes the parser's tokens of the whole file take: fields, lines and the text. */
export function csvTokenBytes(rows: number, columns: number, fileBytes: number): number {
  return rows * (columns * TOKEN_BYTES_PER_FIELD + TOKEN_BYTES_PER_LINE) + fileBytes;
}

/**
 * The tokens of a read's whole file, when the estimate shows every column of
 * it (with `usecols=` it shows only those kept, and the parser tokenizes
 * them all) and its rows; undefined otherwise.
 */
export function tokensOfRead(estimate: DataEstimate, options: TableReadOptions): number | undefined {
  const shape = wholeFileShape(estimate, options);
  return shape && csvTokenBytes(shape.rows, shape.columns, estimate.fileBytes);
}

/** The read's whole file is no more rows than the parser tokenizes at a time by default. */
export function tokenizedInOneChunk(estimate: DataEstimate, options: TableReadOptions): boolean {
  const shape = wholeFileShape(estimate, options);
  return shape !== undefined && shape.rows <= lowMemoryChunkRows(shape.columns);
}

/** The file's rows and every column the parser splits (the index among them), when the estimate shows them. */
function wholeFileShape(
  estimate: DataEstimate,
  options: TableReadOptions,
): { readonly rows: number; readonly columns: number } | undefined {
  if (estimate.format !== 'csv' || options.usecols || estimate.rows === undefined || !estimate.columns)
    return undefined;
  return { rows: estimate.rows, columns: estimate.columns.length + (estimate.index ? 1 : 0) };
}

/**
 * The rows pandas' C parser tokenizes at a time by default: the largest power
 * of two below 2^20 fields' worth of rows (`buffer_lines` in
 * pandas/_libs/parsers.pyx, pandas 1.1 to 2.2): 65,536 rows of 12 columns. A
 * file of no more rows is one chunk either way, and `low_memory=False` costs nothing.
 */
export function lowMemoryChunkRows(columns: number): number {
  const rowsOfAMillionFields = Math.floor(2 ** 20 / Math.max(columns, 1));
  let rows = 1;
  while (rows * 2 < rowsOfAMillionFields) rows *= 2;
  return rows;
}
