// Words for a Series or DataFrame's size: what it is, the parts pandas counts
// (the index, each column's values, the objects of object columns) and what
// sys.getsizeof adds, so that the hover can say where every byte comes from.
import type { CPythonLayout } from './cpython';
import { formatCount } from './format';
import {
  blocksOf,
  columnBytes,
  isObjectColumn,
  objectOverhead,
  PANDAS_VERSION,
  rangeIndexBytes,
  valuesBytes,
  type PandasColumn,
  type PandasFrame,
} from './pandas';

/** One part of the size; `bytes` undefined when the code does not tell (the strings of an object column). */
export interface FramePart {
  readonly bytes: number | undefined;
  readonly label: string;
}

/** Past this many columns, columns of one dtype are described together. */
const COLUMNS_ONE_BY_ONE = 8;

function plural(count: number, word: string): string {
  return `${formatCount(count)} ${word}${count === 1 ? '' : 's'}`;
}

function columnName(frame: PandasFrame, column: PandasColumn): string {
  if (frame.kind === 'Series') return column.label === undefined ? 'the values' : `the values (\`${column.label}\`)`;
  return `column \`${column.label}\``;
}

/** "a Series of 1,000 int64 values", "a DataFrame of 10 rows × 3 columns (2 float64, 1 object)". */
export function describeFrame(frame: PandasFrame): string {
  if (frame.kind === 'Series') return `a Series of ${plural(frame.rows, `${frame.columns[0]!.dtype.name} value`)}`;
  const dtypes = blocksOf(frame).map((block) => `${formatCount(block.columns.length)} ${block.dtype.name}`);
  return `a DataFrame of ${plural(frame.rows, 'row')} × ${plural(frame.columns.length, 'column')} (${dtypes.join(', ')})`;
}

function columnParts(frame: PandasFrame, column: PandasColumn): FramePart[] {
  const name = columnName(frame, column);
  if (!isObjectColumn(column))
    return [
      { bytes: valuesBytes(frame, column), label: `${name}: ${plural(frame.rows, `${column.dtype.name} value`)}` },
    ];
  return [
    { bytes: valuesBytes(frame, column), label: `${name}: ${plural(frame.rows, 'object pointer')}` },
    { bytes: column.objectBytes, label: `the objects ${name} points to, each row's counted even when rows share one` },
  ];
}

/** Columns of one dtype together: "8,000 float64 columns of 10 values". */
function groupedParts(frame: PandasFrame): FramePart[] {
  return blocksOf(frame).flatMap((block): FramePart[] => {
    const count = block.columns.length;
    const values = {
      bytes: count * frame.rows * block.dtype.size,
      label: `${plural(count, `${block.dtype.name} column`)} of ${plural(frame.rows, 'value')}`,
    };
    if (!isObjectColumn(block.columns[0]!)) return [values];
    const objects = block.columns.map((column) => column.objectBytes);
    const known = objects.every((bytes) => bytes !== undefined);
    return [
      values,
      {
        bytes: known ? (objects as number[]).reduce((a, b) => a + b, 0) : undefined,
        label: "the objects they point to, each row's counted",
      },
    ];
  });
}

/** What pandas counts: each column's values (with an object column's objects), then the index. */
export function countedParts(layout: CPythonLayout, frame: PandasFrame): FramePart[] {
  const columns =
    frame.columns.length > COLUMNS_ONE_BY_ONE
      ? groupedParts(frame)
      : frame.columns.flatMap((column) => columnParts(frame, column));
  return [
    ...columns,
    {
      bytes: rangeIndexBytes(layout, frame.rows),
      label: 'the RangeIndex: a range object and its start, stop and step ints',
    },
  ];
}

/** What sys.getsizeof adds to what pandas counts. */
export function overheadPart(layout: CPythonLayout, frame: PandasFrame): FramePart {
  return {
    bytes: objectOverhead(layout),
    label: `that sys.getsizeof adds for the ${frame.kind} object itself (GC header and dict pointers)`,
  };
}

/** The columns whose objects' sizes the code does not show. */
export function unknownColumns(frame: PandasFrame): PandasColumn[] {
  return frame.columns.filter((column) => columnBytes(frame, column) === undefined);
}

/** How pandas arranges a DataFrame's columns: "float64 (`a`, `c`), int64 (`b`)". */
export function describeBlocks(frame: PandasFrame): string | undefined {
  if (frame.kind !== 'DataFrame') return undefined;
  const blocks = blocksOf(frame);
  const shown = blocks.map((block) => {
    const names =
      block.columns.length <= COLUMNS_ONE_BY_ONE
        ? ` (${block.columns.map((column) => `\`${column.label}\``).join(', ')})`
        : ` (${plural(block.columns.length, 'column')})`;
    return `${block.dtype.name}${names}`;
  });
  return `pandas keeps the columns in ${plural(blocks.length, 'block')}, one 2-D array per dtype: ${shown.join(', ')}.`;
}

/** Why the figure is what it is. */
export function accountingNote(frame: PandasFrame): string {
  const objects = frame.columns.some(isObjectColumn) ? ', the objects of an object column counted once per row,' : '';
  const values = frame.kind === 'Series' ? 'the values' : "each column's values";
  const left =
    frame.kind === 'Series' ? 'the Series object or caches' : 'the block manager, the column labels or caches';
  return (
    `The figure follows pandas' own accounting (pandas ${PANDAS_VERSION}): sys.getsizeof calls ${frame.kind}.__sizeof__, which pandas defines as ` +
    `memory_usage(deep=True) summed: the index and ${values}${objects} and nothing else (not ${left}). Values shared with another array are counted here too.`
  );
}
