// What a column of a Series or DataFrame is made from, and the dtype pandas
// gives it: a 1-D numpy array keeps its dtype, a range is int64, a list of
// ints that fit int64 is int64, of ints and floats float64, of bools bool;
// a list with a str in it is an object column that keeps the items.
import type { Node } from 'web-tree-sitter';
import { passedArguments, unparenthesized } from '../semantics/syntax';
import { numberKindOf } from '../sizes/compactForms';
import type { Dtype } from '../sizes/ndarrays';
import { valueSize } from '../sizes/objects';
import { OBJECT_DTYPE } from '../sizes/pandas';
import { callsBuiltin, rangeArguments } from './ranges';
import { rangeLength, rangeValues } from '../semantics/rangeLength';
import { mayHaveChanged } from './unchangedBinding';
import type { EstimateContext } from './types';
import { int, type PyValue } from '../sizes/values';
import { displayItems } from './estimators/displays';

export interface ColumnValues {
  readonly dtype: Dtype;
  readonly length: number;
  /** For an object column: the __sizeof__ of every item, added up row by row; undefined when some are unknown. */
  readonly objectBytes?: number | undefined;
}

const INT64: Dtype = { name: 'int64', size: 8 };
const FLOAT64: Dtype = { name: 'float64', size: 8 };
const BOOL: Dtype = { name: 'bool', size: 1 };

/** numpy's names for one dtype (`'f4'`, `np.single`, `'<f4'`), each as pandas prints it: float32. */
const CANONICAL: Readonly<Record<string, string>> = {
  bool: 'bool',
  bool_: 'bool',
  '?': 'bool',
  b1: 'bool',
  int8: 'int8',
  byte: 'int8',
  b: 'int8',
  i1: 'int8',
  uint8: 'uint8',
  ubyte: 'uint8',
  B: 'uint8',
  int16: 'int16',
  short: 'int16',
  h: 'int16',
  i2: 'int16',
  uint16: 'uint16',
  H: 'uint16',
  int32: 'int32',
  intc: 'int32',
  i: 'int32',
  i4: 'int32',
  uint32: 'uint32',
  I: 'uint32',
  int64: 'int64',
  int_: 'int64',
  intp: 'int64',
  longlong: 'int64',
  l: 'int64',
  q: 'int64',
  i8: 'int64',
  uint64: 'uint64',
  uintp: 'uint64',
  L: 'uint64',
  Q: 'uint64',
  float16: 'float16',
  half: 'float16',
  e: 'float16',
  f2: 'float16',
  float32: 'float32',
  single: 'float32',
  f: 'float32',
  f4: 'float32',
  float64: 'float64',
  double: 'float64',
  d: 'float64',
  f8: 'float64',
  complex64: 'complex64',
  F: 'complex64',
  complex128: 'complex128',
  cdouble: 'complex128',
  D: 'complex128',
};

/** The dtype under the name pandas gives it, or undefined for one the model does not follow into pandas. */
export function pandasDtype(dtype: Dtype): Dtype | undefined {
  const name = CANONICAL[dtype.name.replace(/^[<>=|]/, '')];
  return name ? { name, size: dtype.size } : undefined;
}

/** A name bound to a name bound to ... stops being followed here. */
const MAX_NAME_HOPS = 8;

/** An item whose value is not known but which is certainly a str: an f-string, `str(x)`. */
const SOME_STR = 'some str';
type Item = PyValue | typeof SOME_STR;

/** Item types pandas keeps as they are in an object column, each reporting the same __sizeof__ as sys.getsizeof (none is tracked by the GC). */
const OBJECT_ITEM_TYPES: ReadonlySet<string> = new Set(['str', 'bytes', 'int', 'float', 'bool', 'none']);

function itemOf(node: Node, context: EstimateContext): Item | undefined {
  const expression = unparenthesized(node);
  const value = context.folder.constant(expression);
  if (value) return value;
  if (expression.type === 'string' && expression.namedChildren.some((child) => child?.type === 'interpolation'))
    return SOME_STR;
  if (
    expression.type === 'call' &&
    callsBuiltin(expression, 'str', context) &&
    passedArguments(expression).length === 1
  )
    return SOME_STR;
  return undefined;
}

/** The column `times` repetitions of `items` make, or undefined when pandas' choice of dtype cannot be told. */
function itemsColumn(items: readonly Item[], times: number, context: EstimateContext): ColumnValues | undefined {
  if (items.length === 0) return undefined;
  const length = items.length * times;
  const values = items.filter((item): item is PyValue => item !== SOME_STR);
  if (values.length === items.length) {
    if (values.every((value) => value.type === 'bool')) return { dtype: BOOL, length };
    const kind = numberKindOf(values);
    if (kind) return { dtype: kind === 'int64' ? INT64 : FLOAT64, length };
  }
  // Without a str, a mix (ints with None, bools with ints) takes rules of its own (NaN, object): not modelled.
  const hasStr = values.length < items.length || values.some((value) => value.type === 'str');
  if (!hasStr || !values.every((value) => OBJECT_ITEM_TYPES.has(value.type))) return undefined;
  const known = values.length === items.length;
  const objectBytes = known
    ? values.reduce((total, value) => total + valueSize(context.layout, value), 0) * times
    : undefined;
  return { dtype: OBJECT_DTYPE, length, objectBytes };
}

function rangeColumn(args: readonly Node[], context: EstimateContext): ColumnValues | undefined {
  const bounds = args.map((arg) => context.folder.integer(arg));
  const range = bounds.every((bound) => bound !== undefined) ? rangeValues(bounds as bigint[]) : undefined;
  if (!range) return undefined;
  const length = rangeLength(range);
  const last = range.start + (length - 1n) * range.step;
  const fits = length === 0n || numberKindOf([int(range.start), int(last)]) === 'int64';
  return fits ? { dtype: INT64, length: Number(length) } : undefined;
}

/** `[a, b] * 3`, `3 * [a, b]` with a constant count. */
function repetitionColumn(node: Node, context: EstimateContext): ColumnValues | undefined {
  if (node.childForFieldName('operator')?.text !== '*') return undefined;
  const [left, right] = [node.childForFieldName('left'), node.childForFieldName('right')].map(
    (side) => side && unparenthesized(side),
  );
  const display = left?.type === 'list' ? left : right?.type === 'list' ? right : undefined;
  const count = display === left ? right : left;
  const times = count ? context.folder.integer(count) : undefined;
  const items = display && displayItems(display);
  if (!items || times === undefined || times <= 0n) return undefined;
  const known = items.map((item) => itemOf(item, context));
  return known.every((item) => item !== undefined) ? itemsColumn(known as Item[], Number(times), context) : undefined;
}

function displayColumn(display: Node, context: EstimateContext): ColumnValues | undefined {
  const items = displayItems(display);
  const known = items?.map((item) => itemOf(item, context));
  return known?.every((item) => item !== undefined) ? itemsColumn(known as Item[], 1, context) : undefined;
}

/** The values of one column (or of a Series) written as `node`; undefined when their dtype or length is not known. */
export function columnValues(node: Node, context: EstimateContext, hops = 0): ColumnValues | undefined {
  const expression = unparenthesized(node);
  if (expression.type === 'identifier') {
    const bound = hops < MAX_NAME_HOPS ? context.folder.boundExpression(expression) : undefined;
    return bound && !mayHaveChanged(expression, bound, context) ? columnValues(bound, context, hops + 1) : undefined;
  }
  if (expression.type === 'list' || expression.type === 'tuple') return displayColumn(expression, context);
  if (expression.type === 'binary_operator') return repetitionColumn(expression, context);
  const rangeArgs = rangeArguments(expression, context);
  if (rangeArgs) return rangeColumn(rangeArgs, context);
  if (expression.type === 'call' && callsBuiltin(expression, 'list', context)) {
    const args = passedArguments(expression);
    const inner = args.length === 1 ? unparenthesized(args[0]!) : undefined;
    if (inner && (inner.type === 'list' || inner.type === 'tuple' || rangeArguments(inner, context)))
      return columnValues(inner, context, hops);
  }
  const estimate = context.estimate(expression);
  if (estimate?.ndarray?.shape.length === 1) {
    const dtype = pandasDtype(estimate.ndarray.dtype);
    return dtype && { dtype, length: estimate.ndarray.shape[0]! };
  }
  if (estimate?.numbers)
    return { dtype: estimate.numbers.kind === 'int64' ? INT64 : FLOAT64, length: estimate.numbers.count };
  return undefined;
}

/** The column converted to `dtype` (the dtype= argument): numbers convert, an object column is not guessed at. */
export function convertedColumn(column: ColumnValues, dtype: Dtype | undefined): ColumnValues | undefined {
  if (!dtype) return column;
  const converted = pandasDtype(dtype);
  return converted && column.dtype.name !== 'object' ? { dtype: converted, length: column.length } : undefined;
}
