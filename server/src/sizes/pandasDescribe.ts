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

/** Past this many columns, columns of one dtype are described together, so that the hover stays short. */
const COLUMNS_ONE_BY_ONE = 4;

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
    { bytes: column.objectBytes, label: `the objects ${name} points to, counted once per row` },
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
        label: 'the objects they point to, counted once per row',
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
      label: 'the RangeIndex',
    },
  ];
}

/** What sys.getsizeof adds to what pandas counts. */
export function overheadPart(layout: CPythonLayout, frame: PandasFrame): FramePart {
  return { bytes: objectOverhead(layout), label: `that sys.getsizeof adds for the ${frame.kind} object itself` };
}

/** The columns whose objects' sizes the code does not show. */
export function unknownColumns(frame: PandasFrame): PandasColumn[] {
  return frame.columns.filter((column) => columnBytes(frame, column) === undefined);
}
