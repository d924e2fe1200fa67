// What pd.read_csv / pd.read_table will hold, estimated from the file's size
// and a bounded sample of its start: the rows (counted when the whole file is
// in the sample, else extrapolated from the bytes a sampled row takes), each
// column's dtype as pandas infers it or as the code asks, and the bytes
// memory_usage(deep=True) would report for the DataFrame.
import type { CPythonLayout } from '../sizes/cpython';
import { rangeIndexBytes } from '../sizes/pandas';
import { CPYTHON, DEFAULT_PYTHON_VERSION } from '../sizes/versions';
import { keptColumns, pandasColumnNames } from './csvColumns';
import { type CsvRows, csvRows } from './csvSample';
import {
  type DataColumn,
  type DataEstimateResult,
  DEFAULT_SAMPLE_LIMITS,
  type SampleLimits,
  type TableReadOptions,
} from './dataEstimate';
import { type SampledFile, withSampledFile } from './regularFile';
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
  key: 'nrows' | 'skiprows' | 'chunksize',
  least: number,
): string | undefined {
  const value = options[key];
  if (value === undefined || (Number.isInteger(value) && value >= least)) return undefined;
  return `${key}=${value} is not a count pandas reads with`;
}

/** pandas refuses a row with more fields than the header; one more on the first row makes the first column the index. */
function rowWidthProblem(csv: CsvRows, skipRows: number): string | undefined {
  const width = csv.header.length;
  const first = csv.rows[0];
  if (first && first.length === width + 1)
    return 'the rows have one field more than the header, so pandas makes the first column the index';
  const wide = csv.rows.findIndex((row) => row.length > width);
  if (wide < 0) return undefined;
  return `data row ${wide + 1} (after skiprows=${skipRows}) has ${csv.rows[wide]!.length} fields, the header ${width}: pandas fails on it`;
}

function columnRead(name: string, position: number, options: TableReadOptions): ColumnRead {
  if (options.parseDates?.includes(name)) return { kind: 'date' };
  const { dtype } = options;
  // A dtype dict may name a column by label or by position (parsers.pyx _get_column_name).
  const asked =
    typeof dtype === 'string' ? dtype : dtype && (Object.hasOwn(dtype, name) ? dtype[name] : dtype[String(position)]);
  const storage = asked === undefined ? undefined : requestedStorage(asked);
  return storage ? { kind: 'requested', storage } : { kind: 'inferred' };
}

function estimateOpened(file: SampledFile, options: TableReadOptions, layout: CPythonLayout): DataEstimateResult {
  const sample = file.read(0, Math.min(file.size, file.budget.remaining), 'the CSV sample');
  const skipRows = options.skiprows ?? 0;
  const parsed = csvRows(sample, sample.length < file.size, options.sep ?? ',', skipRows);
  if (!parsed.csv) return { reason: parsed.reason };
  const { csv } = parsed;
  const widthProblem = rowWidthProblem(csv, skipRows);
  if (widthProblem) return { reason: `not estimated: ${widthProblem}` };
  const names = pandasColumnNames(csv.header);
  const kept = keptColumns(names, options.usecols);
  if (typeof kept === 'string') return { reason: `not estimated: ${kept}` };
  const rows = fileRows(csv, sample.length, file.size);
  if (typeof rows === 'string') return { reason: `not estimated: ${rows}` };
  const held = heldRows(rows, csv.rows.length, options);
  // pandas infers each chunk's dtypes from that chunk, and nrows' from the rows it reads: the sample's rows stop there too.
  const inferredFrom = csv.rows.slice(0, Math.min(options.nrows ?? Infinity, options.chunksize ?? Infinity));
  const columns: DataColumn[] = kept.map((position) => {
    const values = inferredFrom.map((row) => row[position]);
    return textColumn(
      { name: names[position]!, values },
      columnRead(names[position]!, position, options),
      held.rows,
      layout,
    );
  });
  const bytes = rangeIndexBytes(layout, held.rows) + columns.reduce((sum, column) => sum + column.bytes, 0);
  return {
    estimate: {
      format: 'csv',
      fileBytes: file.size,
      rows: held.rows,
      rowsExact: held.exact,
      columns,
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
  const badOption =
    countOption(options, 'nrows', 0) ?? countOption(options, 'skiprows', 0) ?? countOption(options, 'chunksize', 1);
  if (badOption) return { reason: `not estimated: ${badOption}` };
  return withSampledFile(path, limits, (file) => estimateOpened(file, options, layout));
}
