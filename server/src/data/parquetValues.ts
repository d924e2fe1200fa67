// How big the str or bytes objects of a Parquet byte-array column are, per
// value: from a sample of the column's first rows when its pages fit in the
// sample limit (hyparquet reads them), else from the footer's metadata.
import type { AsyncBuffer, ColumnMetaData, FileMetaData, Hyparquet } from './hyparquet';
import type { CPythonLayout } from '../sizes/cpython';
import { bytesSize, strKind, strSize, strSizeOfKind } from '../sizes/objects';
import { codePointLength } from '../sizes/values';

/** Rows read from the start of the file to sample a column's values (hyparquet reads whole pages anyway). */
const SAMPLE_ROWS = 10_000;

/** Bytes PLAIN encoding writes before each byte-array value: its length. */
const PLAIN_LENGTH_PREFIX = 4;

export interface ValueSizes {
  /** Mean sys.getsizeof of a non-null value. */
  readonly meanBytes: number;
  /** Mean length, in characters (str) or bytes. */
  readonly meanLength: number;
  /** Distinct values among those sampled; undefined when estimated from metadata. */
  readonly distinctInSample?: number;
  /** Whether the figures come from values read, not from metadata. */
  readonly sampled: boolean;
}

function valueSize(layout: CPythonLayout, value: unknown): { bytes: number; length: number } | undefined {
  if (typeof value === 'string') return { bytes: strSize(layout, value), length: codePointLength(value) };
  if (value instanceof Uint8Array) return { bytes: bytesSize(layout, value.length), length: value.length };
  return undefined;
}

/**
 * Sizes from the values of the column's first rows; undefined when their
 * pages do not fit in the sample limit, or hyparquet cannot decode them (a
 * codec it lacks, such as ZSTD or GZIP, or a corrupt page): the footer still
 * gives an estimate then.
 */
export async function sampledValueSizes(
  hyparquet: Hyparquet,
  file: AsyncBuffer,
  metadata: FileMetaData,
  column: string,
  layout: CPythonLayout,
): Promise<ValueSizes | undefined> {
  let rows: Record<string, unknown>[];
  try {
    // utf8: false keeps plain BYTE_ARRAY columns as bytes; STRING columns still decode to str.
    rows = (await hyparquet.parquetReadObjects({
      file,
      metadata,
      columns: [column],
      rowStart: 0,
      rowEnd: SAMPLE_ROWS,
      utf8: false,
      useOffsetIndex: true,
    })) as Record<string, unknown>[];
  } catch {
    return undefined;
  }
  let count = 0;
  let bytes = 0;
  let length = 0;
  const distinct = new Set<string>();
  for (const row of rows) {
    const size = valueSize(layout, row[column]);
    if (!size) continue;
    count++;
    bytes += size.bytes;
    length += size.length;
    if (distinct.size < SAMPLE_ROWS)
      distinct.add(
        typeof row[column] === 'string'
          ? (row[column] as string)
          : Buffer.from(row[column] as Uint8Array).toString('latin1'),
      );
  }
  if (count === 0) return undefined;
  return { meanBytes: bytes / count, meanLength: length / count, distinctInSample: distinct.size, sampled: true };
}

function isDictionaryEncoded(chunk: ColumnMetaData): boolean {
  return (
    chunk.dictionary_page_offset !== undefined ||
    chunk.encodings.some((encoding) => encoding === 'PLAIN_DICTIONARY' || encoding === 'RLE_DICTIONARY')
  );
}

/**
 * Approximate sizes from the footer. Exact mean lengths when the writer gave
 * SizeStatistics.unencoded_byte_array_data_bytes; otherwise the column's
 * uncompressed bytes per value, less PLAIN's length prefix, which for a
 * dictionary-encoded column (repeated values stored once) is far too small.
 * Text is taken as ASCII.
 */
export function metadataValueSizes(
  chunks: readonly ColumnMetaData[],
  nonNull: number,
  kind: 'str' | 'bytes',
  layout: CPythonLayout,
): ValueSizes {
  const unencoded = chunks.map((chunk) => chunk.size_statistics?.unencoded_byte_array_data_bytes);
  let meanLength: number;
  if (nonNull > 0 && unencoded.every((bytes) => bytes !== undefined)) {
    meanLength = unencoded.reduce((sum, bytes) => sum + Number(bytes), 0) / nonNull;
  } else {
    const values = chunks.reduce((sum, chunk) => sum + Number(chunk.num_values), 0);
    const uncompressed = chunks.reduce((sum, chunk) => sum + Number(chunk.total_uncompressed_size), 0);
    const prefix = chunks.every(isDictionaryEncoded) ? 0 : PLAIN_LENGTH_PREFIX;
    meanLength = values === 0 ? 0 : Math.max(0, uncompressed / values - prefix);
  }
  const meanBytes = kind === 'str' ? strSizeOfKind(layout, strKind(''), meanLength) : bytesSize(layout, meanLength);
  return { meanBytes, meanLength, sampled: false };
}
