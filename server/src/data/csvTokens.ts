// What pandas' C parser holds while it tokenizes a CSV file in one go, as it
// does with `low_memory=False`: for every field a pointer to its text and its
// offset (8 bytes each), for every line its start and its number of fields
// (8 bytes each), and the text itself, each separator made a NUL: about the
// file's size (pandas/_libs/src/parser/tokenizer.h, pandas 1.1 to 2.2). By
// default it tokenizes the file in chunks of about 256 KiB of text, one at a
// time, and holds that much.
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
  if (estimate.format !== 'csv' || options.usecols || estimate.rows === undefined || !estimate.columns)
    return undefined;
  const columns = estimate.columns.length + (estimate.index ? 1 : 0);
  return csvTokenBytes(estimate.rows, columns, estimate.fileBytes);
}
