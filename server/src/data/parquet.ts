// pd.read_parquet(path, columns=...): rows, columns and dtypes from the
// Parquet footer (hyparquet reads it), and DataFrame.memory_usage(deep=True)
// of what pyarrow loads: a numpy column holds rows × item size; an object
// column a pointer per row plus each value's Python object, str and bytes
// sized from a sample of the column's first rows (or, when their pages do not
// fit in the sample limit, from the footer's sizes: approximate).
// Async: hyparquet reads through promises.
import { CPYTHON, DEFAULT_PYTHON_VERSION, type CPythonLayout } from '../sizes/cpython';
import { rangeIndexBytes } from '../sizes/pandas';
import { categoryColumnBytes } from './categoryBytes';
import {
  type CategoryEstimate,
  DEFAULT_SAMPLE_LIMITS,
  type DataColumn,
  type DataEstimateResult,
  type SampleLimits,
  type TableReadOptions,
} from './dataEstimate';
import {
  loadHyparquet,
  type AsyncBuffer,
  type ColumnMetaData,
  type FileMetaData,
  type Hyparquet,
  type SchemaTree,
} from './hyparquet';
import { pandasColumnType, type ObjectColumnType } from './parquetDtypes';
import { metadataValueSizes, sampledValueSizes, type ValueSizes } from './parquetValues';
import { NotEstimated, SampleLimitReached, withSampledFileAsync, type SampledFile } from './regularFile';

const DEFAULT_LAYOUT = CPYTHON[DEFAULT_PYTHON_VERSION];

/** The first footer read: enough for most footers, a small part of the sample limit. */
const FOOTER_FETCH = 64 * 1024;

/** Bytes of one pointer in an object column (ndarray of dtype object). */
const OBJECT_POINTER = 8;

/** Columns pyarrow restores as the DataFrame's index (pandas metadata); memory_usage counts them as the index. */
const INDEX_COLUMN = /^__index_level_\d+__$/;

/** The file as hyparquet reads it: every slice taken from the sample budget. */
function sampledAsyncBuffer(file: SampledFile): AsyncBuffer {
  return {
    byteLength: file.size,
    slice: (start: number, end?: number): ArrayBuffer => {
      const bytes = file.read(start, (end ?? file.size) - start, 'the Parquet footer and sampled pages');
      return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer;
    },
  };
}

async function readFooter(hyparquet: Hyparquet, file: SampledFile, buffer: AsyncBuffer): Promise<FileMetaData> {
  try {
    return await hyparquet.parquetMetadataAsync(buffer, {
      initialFetchSize: Math.min(FOOTER_FETCH, file.budget.remaining),
    });
  } catch (error) {
    if (error instanceof SampleLimitReached) throw error;
    throw new NotEstimated(`not a Parquet file (${error instanceof Error ? error.message : String(error)})`);
  }
}

/** The top-level columns read_parquet loads: all in the file's order, or those `columns=` names in its order. */
function selectedColumns(schema: SchemaTree, usecols: TableReadOptions['usecols']): SchemaTree[] {
  const all = schema.children;
  if (!usecols) return all;
  return usecols.map((name) => {
    const column = all.find((candidate) => candidate.element.name === String(name));
    if (!column) throw new NotEstimated(`the file has no column '${name}' (read_parquet would raise)`);
    return column;
  });
}

function chunksOf(metadata: FileMetaData, name: string): ColumnMetaData[] {
  return metadata.row_groups.flatMap((group) =>
    group.columns
      .map((chunk) => chunk.meta_data)
      .filter((meta): meta is ColumnMetaData => meta?.path_in_schema[0] === name),
  );
}

/** Nulls over the row groups from the statistics; a REQUIRED column has none; undefined when unknown. */
function nullCount(column: SchemaTree, chunks: readonly ColumnMetaData[]): number | undefined {
  if (column.element.repetition_type === 'REQUIRED') return 0;
  let nulls = 0;
  for (const chunk of chunks) {
    const count = chunk.statistics?.null_count;
    if (count === undefined) return undefined;
    nulls += Number(count);
  }
  return nulls;
}

interface ColumnContext {
  readonly hyparquet: Hyparquet;
  readonly buffer: AsyncBuffer;
  readonly metadata: FileMetaData;
  readonly layout: CPythonLayout;
  readonly rows: number;
}

async function valueSizes(
  context: ColumnContext,
  name: string,
  type: ObjectColumnType,
  chunks: readonly ColumnMetaData[],
  nonNull: number,
): Promise<ValueSizes> {
  if (type.values === 'fixed') return { meanBytes: type.valueBytes!, meanLength: 0, sampled: false };
  const sampled = await sampledValueSizes(context.hyparquet, context.buffer, context.metadata, name, context.layout);
  return sampled ?? metadataValueSizes(chunks, nonNull, type.values, context.layout);
}

/** One column as memory_usage(deep=True) counts it, and whether its bytes are exact. */
async function columnEstimate(
  context: ColumnContext,
  column: SchemaTree,
): Promise<{ column: DataColumn; exact: boolean }> {
  const { name } = column.element;
  if (column.children.length > 0)
    throw new NotEstimated(`column '${name}' is nested (lists, maps and structs load as Python objects)`);
  const chunks = chunksOf(context.metadata, name);
  const nulls = nullCount(column, chunks);
  // Without statistics the nulls are unknown: taken as none, so the estimate is not exact.
  const type = pandasColumnType(column.element, (nulls ?? 0) > 0, context.layout);
  if (!type)
    throw new NotEstimated(
      `column '${name}' has Parquet type ${column.element.type}, which pandas does not load as a column`,
    );
  if (type.kind === 'numpy')
    return { column: { name, dtype: type.dtype, bytes: context.rows * type.itemSize }, exact: nulls !== undefined };
  const nonNull = context.rows - (nulls ?? 0);
  const sizes = await valueSizes(context, name, type, chunks, nonNull);
  const bytes = Math.round(
    context.rows * OBJECT_POINTER + nonNull * sizes.meanBytes + (nulls ?? 0) * context.layout.none,
  );
  const text =
    type.values === 'fixed'
      ? {}
      : {
          meanTextLength: sizes.meanLength,
          ...(sizes.distinctInSample === undefined ? {} : { distinctInSample: sizes.distinctInSample }),
          ...(type.values === 'str' && sizes.distinctInSample !== undefined
            ? { asCategory: sampledCategories(context.rows, sizes.distinctInSample, sizes.meanBytes) }
            : {}),
        };
  return { column: { name, dtype: 'object', bytes, ...text }, exact: type.values === 'fixed' && nulls !== undefined };
}

/**
 * The column as a Categorical, from the sample's distinct values (the
 * sample's counts are not kept: no estimate beyond them) and mean str size;
 * taken as found unsorted, so with the hash table sorting them builds.
 */
function sampledCategories(rows: number, categories: number, meanStrBytes: number): CategoryEstimate {
  return {
    bytes: Math.round(categoryColumnBytes(rows, categories, meanStrBytes, true)),
    categories,
    stringBytes: Math.round(categories * meanStrBytes),
  };
}

async function estimateOpened(
  file: SampledFile,
  options: TableReadOptions,
  layout: CPythonLayout,
): Promise<DataEstimateResult> {
  const hyparquet = await loadHyparquet();
  const buffer = sampledAsyncBuffer(file);
  const metadata = await readFooter(hyparquet, file, buffer);
  const context: ColumnContext = { hyparquet, buffer, metadata, layout, rows: Number(metadata.num_rows) };
  const columns: DataColumn[] = [];
  let indexBytes: number | undefined;
  let exact = true;
  for (const column of selectedColumns(hyparquet.parquetSchema(metadata), options.usecols)) {
    const estimate = await columnEstimate(context, column);
    exact &&= estimate.exact;
    if (INDEX_COLUMN.test(estimate.column.name)) indexBytes = (indexBytes ?? 0) + estimate.column.bytes;
    else columns.push(estimate.column);
  }
  // Without an index column, pyarrow gives a RangeIndex (or restores one from pandas metadata).
  const bytes =
    (indexBytes ?? rangeIndexBytes(layout, context.rows)) + columns.reduce((sum, column) => sum + column.bytes, 0);
  return {
    estimate: {
      format: 'parquet',
      fileBytes: file.size,
      rows: context.rows,
      rowsExact: true,
      columns,
      bytes,
      bytesExact: exact,
    },
  };
}

/**
 * What pd.read_parquet(path, columns=options.usecols) holds, as
 * memory_usage(deep=True).sum() of the DataFrame. Async (hyparquet).
 */
export function estimateParquet(
  path: string,
  options: TableReadOptions = {},
  layout: CPythonLayout = DEFAULT_LAYOUT,
  limits: SampleLimits = DEFAULT_SAMPLE_LIMITS,
): Promise<DataEstimateResult> {
  return withSampledFileAsync(path, limits, (file) => estimateOpened(file, options, layout));
}
