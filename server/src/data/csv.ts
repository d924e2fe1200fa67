// What pd.read_csv / pd.read_table will hold, estimated from the file's size
// and a bounded sample of its start: the rows (counted when the whole file is
// in the sample, else extrapolated from the bytes a sampled row takes), each
// column's dtype as pandas infers it or as the code asks, and the bytes
// memory_usage(deep=True) would report for the DataFrame.
import type { CPythonLayout } from '../sizes/cpython';
import { rangeIndexBytes } from '../sizes/pandas';
import { CPYTHON, DEFAULT_PYTHON_VERSION } from '../sizes/versions';
import { columnLabels, indexPosition, keptColumns } from './csvColumns';
import { csvEncoding } from './csvEncoding';
import { type CsvRows, csvRows } from './csvSample';
import {
  type DataColumn,
  type DataEstimateResult,
  DEFAULT_SAMPLE_LIMITS,
  type SampleLimits,
  type TableReadOptions,
} from './dataEstimate';
import { type SampledFile, withSampledFile } from './regularFile';
import { type NaValues, readNaValues } from './pandasTextDtypes';
import { requestedStorage } from './requestedDtypes';
import { type ColumnRead, textColumn } from './textColumn';

interface RowCount {
  readonly rows: number;
  readonly exact: boolean;
}

/** Data rows in the file: counted when the sample is the whole file, else the sampled rows' bytes per row spread over the rest. */
function fileRows(csv: CsvRows, sampledBytes: number, fileBytes: number): RowCount | string {
  if (sampledBytes === fileBytes) return { rows: csv.rows.length, exact: true };
  if (csv.rows.length === 0) return `the first ${sampledBytes} bytes hold no complete data row`;
  const bytesPerRow = (csv.dataEnd - csv.dataStart) / csv.rows.length;
  return { rows: csv.rows.length + Math.round((fileBytes - csv.dataEnd) / bytesPerRow), exact: false };
}

/**
 * The rows a read holds at once. nrows stops the read (exact when the sample
 * has that many rows). With chunksize the program holds one chunk at a time,
 * so the estimate is of one full chunk: rows is the chunk's rows, not the
 * file's, so that rows and bytes describe the same DataFrame.
 */
function heldRows(file: RowCount, sampledRows: number, options: TableReadOptions): RowCount {
  let count = file;
  if (options.nrows !== undefined && options.nrows < count.rows) {
    count = { rows: options.nrows, exact: count.exact || options.nrows <= sampledRows };
  }
  if (options.chunksize !== undefined && options.chunksize < count.rows) {
    count = { rows: options.chunksize, exact: count.exact || options.chunksize <= sampledRows };
  }
  return count;
}

function countOption(
  options: TableReadOptions,
  key: 'nrows' | 'skiprows' | 'chunksize' | 'header',
  least: number,
): string | undefined {
  const value = options[key];
  const counts = Array.isArray(value) ? value : [value];
  if (value === undefined || value === null || counts.every((count) => Number.isInteger(count) && count >= least))
    return undefined;
  return `${key}=${Array.isArray(value) ? `[${value.join(', ')}]` : value} is not a count pandas reads with`;
}

/** Why the read's options are not followed, if they are not. */
function optionProblem(options: TableReadOptions): string | undefined {
  const unmodelled = options.unmodelled?.[0];
  if (unmodelled !== undefined) return `${unmodelled} is not modelled`;
  if (csvEncoding(options.encoding) === undefined)
    return `encoding=${JSON.stringify(options.encoding)} is not modelled`;
  if (options.thousands !== undefined && options.thousands.length !== 1)
    return `thousands=${JSON.stringify(options.thousands)} is not one character, which pandas refuses`;
  if (options.names && new Set(options.names).size < options.names.length)
    return 'names repeats a label, which pandas refuses';
  return (
    countOption(options, 'nrows', 0) ??
    countOption(options, 'skiprows', 0) ??
    countOption(options, 'chunksize', 1) ??
    countOption(options, 'header', 0)
  );
}

/** pandas refuses a row with more fields than the header; one more on the first row makes the first column the index. */
function rowWidthProblem(csv: CsvRows, width: number, skipRows: TableReadOptions['skiprows']): string | undefined {
  const first = csv.rows[0];
  if (csv.header && first && first.length === width + 1)
    return 'the rows have one field more than the header, so pandas makes the first column the index';
  const wide = csv.rows.findIndex((row) => row.length > width);
  if (wide < 0) return undefined;
  const skipped = skipRows === undefined ? '' : ` (after skiprows=${JSON.stringify(skipRows)})`;
  const against = csv.header ? `the header ${width}` : `the first row ${width}`;
  return `data row ${wide + 1}${skipped} has ${csv.rows[wide]!.length} fields, ${against}: pandas fails on it`;
}

function columnRead(name: string, position: number, options: TableReadOptions): ColumnRead {
  if (Array.isArray(options.parseDates) && options.parseDates.includes(name)) return { kind: 'date' };
  const { dtype } = options;
  // A dtype dict may name a column by label or by position (parsers.pyx _get_column_name).
  const asked =
    typeof dtype === 'string' ? dtype : dtype && (Object.hasOwn(dtype, name) ? dtype[name] : dtype[String(position)]);
  const storage = asked === undefined ? undefined : requestedStorage(asked);
  return storage ? { kind: 'requested', storage } : { kind: 'inferred' };
}

/** parse_dates=True parses the index (and nothing else): a DatetimeIndex, 8 bytes a row. */
function indexRead(name: string, position: number, options: TableReadOptions): ColumnRead {
  return options.parseDates === true ? { kind: 'date' } : columnRead(name, position, options);
}

function estimateOpened(file: SampledFile, options: TableReadOptions, layout: CPythonLayout): DataEstimateResult {
  const sample = file.read(0, Math.min(file.size, file.budget.remaining), 'the CSV sample');
  const skipRows = options.skiprows ?? 0;
  // With names and no header=, pandas reads the first record as data.
  const header = options.header !== undefined ? options.header : options.names ? null : 0;
  const parsed = csvRows(sample, sample.length < file.size, {
    separator: options.sep ?? ',',
    skipRows,
    header,
    encoding: csvEncoding(options.encoding) ?? 'utf-8',
  });
  if (!parsed.csv) return { reason: parsed.reason };
  const { csv } = parsed;
  const width = csv.header?.length ?? csv.rows[0]?.length ?? 0;
  const widthProblem = rowWidthProblem(csv, width, options.skiprows);
  if (widthProblem) return { reason: `not estimated: ${widthProblem}` };
  const names = columnLabels(csv.header, width, options.names);
  if (typeof names === 'string') return { reason: `not estimated: ${names}` };
  const kept = keptColumns(names, options.usecols);
  if (typeof kept === 'string') return { reason: `not estimated: ${kept}` };
  const indexAt = indexPosition(options.indexCol, names, kept);
  if (typeof indexAt === 'string') return { reason: `not estimated: ${indexAt}` };
  const rows = fileRows(csv, sample.length, file.size);
  if (typeof rows === 'string') return { reason: `not estimated: ${rows}` };
  const held = heldRows(rows, csv.rows.length, options);
  // pandas infers each chunk's dtypes from that chunk, and nrows' from the rows it reads: the sample's rows stop there too.
  const inferredFrom = csv.rows.slice(0, Math.min(options.nrows ?? Infinity, options.chunksize ?? Infinity));
  const na: NaValues = readNaValues(options.keepDefaultNa ?? true, options.naValues ?? []);
  const loaded = (position: number, read: ColumnRead): DataColumn =>
    textColumn(
      { name: names[position]!, values: inferredFrom.map((row) => row[position]), na, thousands: options.thousands },
      read,
      held.rows,
      layout,
    );
  const columns: DataColumn[] = kept
    .filter((position) => position !== indexAt)
    .map((position) => loaded(position, columnRead(names[position]!, position, options)));
  const index = indexAt === undefined ? undefined : loaded(indexAt, indexRead(names[indexAt]!, indexAt, options));
  // An index made of a column holds what the column would (Int64Index, an object Index of the strs, a DatetimeIndex).
  const indexBytes = index ? index.bytes : rangeIndexBytes(layout, held.rows);
  const bytes = indexBytes + columns.reduce((sum, column) => sum + column.bytes, 0);
  return {
    estimate: {
      format: 'csv',
      fileBytes: file.size,
      rows: held.rows,
      rowsExact: held.exact,
      columns,
      ...(index ? { index } : {}),
      bytes,
      bytesExact: false,
    },
  };
}

/**
 * Estimates what pd.read_csv(path, **options) holds (pd.read_table: sep '\t'),
 * reading at most limits.maxSampleBytes of the file; `layout` is the CPython
 * whose str and int sizes count. Never throws: a file it cannot estimate (or
 * a parser bug on this untrusted input) gets a reason.
 */
export function estimateCsv(
  path: string,
  options: TableReadOptions,
  limits: SampleLimits = DEFAULT_SAMPLE_LIMITS,
  layout: CPythonLayout = CPYTHON[DEFAULT_PYTHON_VERSION],
): DataEstimateResult {
  const badOption = optionProblem(options);
  if (badOption) return { reason: `not estimated: ${badOption}` };
  return withSampledFile(path, limits, (file) => estimateOpened(file, options, layout));
}
