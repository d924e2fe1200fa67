// numpy arrays that own their data: `np.zeros(shape, dtype)`, `np.ones`,
// `np.empty`, `np.arange`. ndarray.__sizeof__ (numpy/_core/src/multiarray/methods.c)
// is the object, a shape and a strides entry per dimension, and the data.
import type { Node } from 'web-tree-sitter';
import { expressionChildren, passedArguments, unparenthesized } from '../../semantics/syntax';
import { ownedArray, type Dtype } from '../../sizes/ndarrays';
import type { EstimateContext, Estimator } from '../types';
import type { PyValue } from '../../sizes/values';
import { ndarrayEstimate } from './ndarray-shape';

const ITEM_SIZES: Readonly<Record<string, number>> = {
  bool: 1,
  bool_: 1,
  int8: 1,
  uint8: 1,
  byte: 1,
  ubyte: 1,
  int16: 2,
  uint16: 2,
  float16: 2,
  half: 2,
  short: 2,
  int32: 4,
  uint32: 4,
  float32: 4,
  single: 4,
  intc: 4,
  int64: 8,
  uint64: 8,
  float64: 8,
  double: 8,
  int_: 8,
  intp: 8,
  uintp: 8,
  longlong: 8,
  complex64: 8,
  complex128: 16,
  cdouble: 16,
};
const CODE_SIZES: Readonly<Record<string, number>> = {
  '?': 1,
  b: 1,
  B: 1,
  h: 2,
  H: 2,
  e: 2,
  i: 4,
  I: 4,
  f: 4,
  l: 8,
  L: 8,
  q: 8,
  Q: 8,
  d: 8,
  g: 16,
  F: 8,
  D: 16,
};

/** The dtype named by `np.float32`, `'float32'`, `'f4'`, `'<i8'`, `float`, `int`, `bool`, `complex`. */
export function dtypeOf(node: Node, context: EstimateContext): Dtype | undefined {
  const expression = unparenthesized(node);
  const qualified =
    context.facts?.qualifiedName(expression) ??
    (expression.type === 'identifier' ? `builtins.${expression.text}` : undefined);
  const builtins: Readonly<Record<string, [string, number]>> = {
    'builtins.float': ['float64', 8],
    'builtins.int': ['int64', 8],
    'builtins.bool': ['bool', 1],
    'builtins.complex': ['complex128', 16],
  };
  if (qualified && builtins[qualified]) return { name: builtins[qualified]![0], size: builtins[qualified]![1] };
  if (qualified?.startsWith('numpy.')) {
    const name = qualified.slice('numpy.'.length);
    return ITEM_SIZES[name] ? { name, size: ITEM_SIZES[name]! } : undefined;
  }
  const text = context.folder.constant(expression);
  if (text?.type !== 'str') return undefined;
  if (ITEM_SIZES[text.value]) return { name: text.value, size: ITEM_SIZES[text.value]! };
  const code = /^[<>=|]?([?bBhHeiIflLqQdgFD])(\d*)$/.exec(text.value);
  if (!code) return undefined;
  const size = code[2] ? Number(code[2]) : CODE_SIZES[code[1]!];
  return size ? { name: text.value, size } : undefined;
}

export function keyword(args: readonly Node[], name: string): Node | undefined {
  const found = args.find((arg) => arg.type === 'keyword_argument' && arg.childForFieldName('name')?.text === name);
  return found?.childForFieldName('value') ?? undefined;
}

/** The shape: an int or a tuple/list of ints. */
function shapeOf(node: Node, context: EstimateContext): number[] | undefined {
  const expression = unparenthesized(node);
  const parts =
    expression.type === 'tuple' || expression.type === 'list' ? expressionChildren(expression) : [expression];
  const dims = parts.map((part) => context.folder.integer(part));
  return dims.every((dim) => dim !== undefined && dim >= 0n) ? dims.map(Number) : undefined;
}

export function numpyFunction(node: Node, context: EstimateContext): string | undefined {
  const callee = node.childForFieldName('function');
  const name = callee && context.facts?.qualifiedName(callee);
  return name?.startsWith('numpy.') ? name.slice('numpy.'.length) : undefined;
}

function arangeLength(values: readonly PyValue[]): number | undefined {
  const numbers = values.map((value) =>
    value.type === 'int' ? Number(value.value) : value.type === 'float' ? value.value : undefined,
  );
  if (numbers.some((number) => number === undefined)) return undefined;
  const [a, b, c] = numbers as number[];
  const [start, stop, step] = b === undefined ? [0, a!, 1] : [a!, b, c ?? 1];
  if (step === 0) return undefined;
  return Math.max(0, Math.ceil((stop - start) / step));
}

const FILLED: ReadonlySet<string> = new Set(['zeros', 'ones', 'empty']);
const FLOAT64 = { name: 'float64', size: 8 };

export const numpyCall: Estimator = (node, context) => {
  if (node.type !== 'call') return undefined;
  const name = numpyFunction(node, context);
  if (!name) return undefined;
  const args = passedArguments(node);
  const positional = args.filter((arg) => arg.type !== 'keyword_argument');
  if (args.some((arg) => arg.type === 'list_splat' || arg.type === 'dictionary_splat')) return undefined;
  if (FILLED.has(name)) {
    const shapeNode = positional[0] ?? keyword(args, 'shape');
    const dtypeNode = positional[1] ?? keyword(args, 'dtype');
    const shape = shapeNode && shapeOf(shapeNode, context);
    const dtype = dtypeNode ? dtypeOf(dtypeNode, context) : FLOAT64;
    return shape && dtype && ndarrayEstimate(ownedArray(shape, dtype));
  }
  if (name === 'arange') {
    const values = positional.map((arg) => context.folder.constant(arg));
    if (positional.length === 0 || positional.length > 3 || values.some((value) => value === undefined))
      return undefined;
    const length = arangeLength(values as PyValue[]);
    const dtypeNode = keyword(args, 'dtype');
    const dtype = dtypeNode
      ? dtypeOf(dtypeNode, context)
      : values.every((value) => value!.type === 'int')
        ? { name: 'int64', size: 8 }
        : FLOAT64;
    return length !== undefined && dtype ? ndarrayEstimate(ownedArray([length], dtype)) : undefined;
  }
  return undefined;
};
