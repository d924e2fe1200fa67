// What would fit instead of a read too large for memory, cheapest change
// first: reading less (only the columns used, text columns of few values as
// category), then reading in chunks where the code's use of the frame allows
// it, then a reader that never holds the whole: an out-of-core engine, a
// memory map, a stream. Each step is said only when the ones before it do
// not bring the read under the line.
import type { DataEstimate } from '../../data/dataEstimate';
import type { DataRead } from '../../data/readCalls';
import { categorySaving, usedColumnsRead } from '../../data/readSavings';
import type { CPythonLayout } from '../../sizes/cpython';
import { shortBytes } from '../../sizes/format';

/** What the code shows about the read, beyond the read itself. */
export interface ReadUse {
  /** The columns the frame is used through (`df["a"]`), when that is all the code does with it. */
  readonly usedColumns?: readonly string[];
  /** Every use of the frame adds up chunk by chunk (see chunkwise.ts). */
  readonly chunkwise: boolean;
  /** The file's path as the call spells it, for the equivalent call. */
  readonly pathText: string;
}

/** The remedies that fit, in order, each a clause of the message; `line` is the most the read should hold. */
export function remedies(
  read: DataRead,
  estimate: DataEstimate,
  use: ReadUse,
  line: number,
  layout: CPythonLayout,
): string[] {
  const clauses: string[] = [];
  if (read.options.chunksize !== undefined) return ['a smaller `chunksize=`'];
  const lighter = lighterRead(read, estimate, use, layout);
  if (lighter) {
    const fits = lighter.bytes <= line;
    clauses.push(`${lighter.how} (≈ ${shortBytes(lighter.bytes)}${fits ? '' : ', still over half'})`);
    if (fits) return clauses;
  }
  if (read.format === 'csv' && use.chunkwise) return [...clauses, 'iterate it in chunks with `chunksize=`'];
  const whole = wholeFileRemedy(read, use.pathText);
  return whole ? [...clauses, whole] : clauses;
}

/** Reading only the columns used, and text columns of few distinct values as category (CSV: dtype=). */
function lighterRead(
  read: DataRead,
  estimate: DataEstimate,
  use: ReadUse,
  layout: CPythonLayout,
): { how: string; bytes: number } | undefined {
  const used = usedColumnsRead(estimate, use.usedColumns);
  const category = read.format === 'csv' ? categorySaving(estimate, layout, used?.columns) : undefined;
  if (!used && !category) return undefined;
  const parts: string[] = [];
  if (used)
    parts.push(used.columns.length === 1 ? 'only the column used' : `only the ${used.columns.length} columns used`);
  if (category) {
    const [first] = category.columns;
    parts.push(
      category.columns.length === 1
        ? `${JSON.stringify(first!.name)} as category`
        : `${category.columns.length} text columns as category`,
    );
  }
  // The read's figures are pandas' count (memory_usage(deep=True)): so is what the lighter read holds.
  return { how: `read ${parts.join(', ')}`, bytes: (used?.bytes ?? estimate.bytes) - (category?.countedSaving ?? 0) };
}

/** A reader that never holds the whole file, as the code would call it. */
function wholeFileRemedy(read: DataRead, path: string): string | undefined {
  switch (read.format) {
    case 'csv': {
      const separator =
        read.options.sep === undefined || read.options.sep === ','
          ? ''
          : `, separator=${JSON.stringify(read.options.sep)}`;
      return `scan it lazily with Polars: \`pl.scan_csv(${path}${separator})\``;
    }
    case 'parquet':
      return `scan it lazily with Polars: \`pl.scan_parquet(${path})\``;
    case 'npy':
      return `map it instead: \`np.load(${path}, mmap_mode="r")\``;
    case 'json':
      return 'parse it as a stream (ijson)';
    case 'text':
      return read.textKind === 'bytes'
        ? 'read the open file in blocks: `f.read(size)`'
        : 'iterate the open file a line at a time: `for line in f`';
    default:
      return undefined;
  }
}
