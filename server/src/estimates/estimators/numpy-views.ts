// Arrays made from another array: views that share its data (`a[::2]`, `a[1:]`,
// `m[:, 0]`, `a.T`, `a.reshape(10, 100)`, `a.view()`, `a.ravel()` of a
// contiguous array) and copies that own theirs (`a.copy()`, `a.astype(...)`,
// `a.flatten()`, `a[[1, 2, 3]]`, `np.array(a)`, `np.copy(a)`).
import type { Node } from 'web-tree-sitter';
import { expressionChildren, passedArguments, unparenthesized } from '../../semantics/syntax';
import { indexArray, type IndexItem } from '../../sizes/ndarrayIndexing';
import { cStrides, isCContiguous, itemCount, ownedArray, ownerOf, type NdarrayLayout } from '../../sizes/ndarrays';
import type { EstimateContext, Estimator } from '../types';
import type { Estimate } from '../../sizes/sizeEstimate';
import { ndarrayEstimate } from './ndarray-shape';
import { dtypeOf, numpyFunction } from './numpy';

interface Operand {
  readonly array: NdarrayLayout;
  /** How a view of it names the array: the variable, or the expression that made it. */
  readonly name: string;
}

/** The array an expression is: a name bound once to an array, or an array expression. */
function arrayOperand(node: Node, context: EstimateContext): Operand | undefined {
  const expression = unparenthesized(node);
  const source = expression.type === 'identifier' ? context.folder.boundExpression(expression) : expression;
  const array = source && context.estimate(source)?.ndarray;
  return array && { array, name: expression.text };
}

function foldedInt(node: Node | undefined, context: EstimateContext): number | undefined | null {
  if (!node) return undefined;
  const value = context.folder.integer(node);
  return value === undefined ? null : Number(value);
}

/** `start:stop:step`, its parts found by the colons between them. */
function sliceItem(slice: Node, context: EstimateContext): IndexItem | undefined {
  const parts: (Node | undefined)[] = [undefined, undefined, undefined];
  let position = 0;
  for (const child of slice.children) {
    if (!child) continue;
    if (child.type === ':') position++;
    else if (child.type !== 'comment') parts[position] = child;
  }
  const [start, stop, step] = parts.map((part) => foldedInt(part, context));
  if (start === null || stop === null || step === null) return undefined;
  return { kind: 'slice', start, stop, step };
}

function indexItem(node: Node, context: EstimateContext): IndexItem | undefined {
  const expression = unparenthesized(node);
  if (expression.type === 'slice') return sliceItem(expression, context);
  if (expression.type === 'ellipsis') return { kind: 'ellipsis' };
  if (expression.type === 'none' || context.facts?.qualifiedName(expression) === 'numpy.newaxis')
    return { kind: 'new axis' };
  if (expression.type === 'list') {
    const items = expressionChildren(expression);
    return items.every((item) => context.folder.integer(item) !== undefined)
      ? { kind: 'index list', length: items.length }
      : undefined;
  }
  const value = context.folder.integer(expression);
  return value === undefined ? undefined : { kind: 'integer', value: Number(value) };
}

export const arraySubscript: Estimator = (node, context) => {
  const value = node.childForFieldName('value');
  const operand = value && arrayOperand(value, context);
  if (!operand) return undefined;
  const items = node.childrenForFieldName('subscript').map((item) => indexItem(item, context));
  if (items.length === 0 || items.some((item) => item === undefined)) return undefined;
  const result = indexArray(operand.array, operand.name, items as IndexItem[]);
  if (!result) return undefined;
  return ndarrayEstimate(
    result,
    result.owner
      ? 'Basic indexing (slices, integers, None) makes a view.'
      : 'Indexing with a list of positions copies the chosen items.',
  );
};

/** The same data seen with the axes reversed. */
function transposed(operand: Operand): NdarrayLayout {
  const { array, name } = operand;
  return {
    ...array,
    shape: [...array.shape].reverse(),
    strides: [...array.strides].reverse(),
    owner: ownerOf(array, name),
  };
}

export const arrayTranspose: Estimator = (node, context) => {
  if (node.childForFieldName('attribute')?.text !== 'T') return undefined;
  const object = node.childForFieldName('object');
  const operand = object ? arrayOperand(object, context) : undefined;
  return operand && ndarrayEstimate(transposed(operand), '.T reverses the shape and the strides: a view.');
};

/** `reshape(10, 100)`, `reshape((10, 100))`, with one -1 standing for what is left. */
function newShape(args: readonly Node[], count: number, context: EstimateContext): number[] | undefined {
  const single = args.length === 1 ? unparenthesized(args[0]!) : undefined;
  const parts = single && (single.type === 'tuple' || single.type === 'list') ? expressionChildren(single) : args;
  if (parts.some((part) => part.type === 'keyword_argument')) return undefined;
  const dims = parts.map((part) => context.folder.integer(part));
  if (
    dims.length === 0 ||
    dims.some((dim) => dim === undefined || dim < -1n) ||
    dims.filter((dim) => dim === -1n).length > 1
  )
    return undefined;
  const known = dims.filter((dim) => dim !== -1n).reduce((product, dim) => product * Number(dim), 1);
  const shape = dims.map((dim) => (dim === -1n ? (known === 0 ? Number.NaN : count / known) : Number(dim)));
  return shape.every((dim) => Number.isInteger(dim)) && itemCount(shape) === count ? shape : undefined;
}

type Method = (operand: Operand, args: readonly Node[], context: EstimateContext) => Estimate | undefined;

const METHODS: Readonly<Record<string, Method>> = {
  reshape: ({ array, name }, args, context) => {
    const shape = newShape(args, itemCount(array.shape), context);
    // numpy reshapes some strided arrays without copying and copies others: only a contiguous one is certain.
    if (!shape || !isCContiguous(array)) return undefined;
    return ndarrayEstimate(
      { ...array, shape, strides: cStrides(shape, array.dtype.size), owner: ownerOf(array, name) },
      'reshape of a contiguous array makes a view.',
    );
  },
  view: ({ array, name }, args) =>
    args.length === 0
      ? ndarrayEstimate(
          { ...array, owner: ownerOf(array, name) },
          '.view() makes a new array object over the same data.',
        )
      : undefined,
  transpose: (operand, args) =>
    args.length === 0
      ? ndarrayEstimate(transposed(operand), '.transpose() reverses the shape and the strides: a view.')
      : undefined,
  ravel: ({ array, name }, args) => {
    if (args.length > 0) return undefined;
    const shape = [itemCount(array.shape)];
    return isCContiguous(array)
      ? ndarrayEstimate(
          { ...array, shape, strides: cStrides(shape, array.dtype.size), owner: ownerOf(array, name) },
          'ravel of a contiguous array is a view.',
        )
      : ndarrayEstimate(ownedArray(shape, array.dtype), 'ravel of an array that is not contiguous copies its items.');
  },
  flatten: ({ array }, args) =>
    args.length === 0
      ? ndarrayEstimate(ownedArray([itemCount(array.shape)], array.dtype), '.flatten() always copies the data.')
      : undefined,
  copy: ({ array }, args) =>
    args.length === 0
      ? ndarrayEstimate(ownedArray(array.shape, array.dtype), '.copy() copies the data into a new array.')
      : undefined,
  astype: ({ array }, args, context) => {
    const dtype = args.length === 1 && args[0]!.type !== 'keyword_argument' ? dtypeOf(args[0]!, context) : undefined;
    return (
      dtype && ndarrayEstimate(ownedArray(array.shape, dtype), '.astype() copies the data converted to the new type.')
    );
  },
};

export const arrayMethod: Estimator = (node, context) => {
  const callee = node.childForFieldName('function');
  const method = callee?.type === 'attribute' ? METHODS[callee.childForFieldName('attribute')!.text] : undefined;
  const object = callee?.childForFieldName('object');
  const operand = method && object && arrayOperand(object, context);
  const args = passedArguments(node);
  if (!operand || args.some((arg) => arg.type === 'list_splat' || arg.type === 'dictionary_splat')) return undefined;
  return method(operand, args, context);
};

/** `np.array(a)` and `np.copy(a)` of an array: a copy that owns its data. */
export const arrayCopyCall: Estimator = (node, context) => {
  const name = numpyFunction(node, context);
  if (name !== 'array' && name !== 'copy') return undefined;
  const args = passedArguments(node);
  const operand = args.length === 1 ? arrayOperand(args[0]!, context) : undefined;
  return (
    operand &&
    ndarrayEstimate(
      ownedArray(operand.array.shape, operand.array.dtype),
      `np.${name} copies the data into a new array.`,
    )
  );
};
