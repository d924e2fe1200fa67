// Parquet files the tests write with hyparquet-writer (an ES module, loaded
// with a dynamic import from these CommonJS tests).
type HyparquetWriter = typeof import('hyparquet-writer', { with: { 'resolution-mode': 'import' }});
export type ColumnSource = import('hyparquet-writer', { with: { 'resolution-mode': 'import' }}).ColumnSource;

let writer: Promise<HyparquetWriter> | undefined;

/** Writes the columns to `path` as a Parquet file (snappy, statistics and offset indexes on: the writer's defaults). */
export async function writeParquet(
  path: string,
  columnData: ColumnSource[],
  options: {
    codec?: 'UNCOMPRESSED' | 'SNAPPY' | 'GZIP';
    compressors?: { GZIP?: (input: Uint8Array) => Uint8Array };
  } = {},
): Promise<void> {
  writer ??= import('hyparquet-writer');
  (await writer).parquetWriteFile({ filename: path, columnData, ...options });
}
