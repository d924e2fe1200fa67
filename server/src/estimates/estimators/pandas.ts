// `pd.Series(data)` and `pd.DataFrame(data)` whose rows and column dtypes can
// be read from the code: data from numpy arrays, ranges and lists of known
// numbers or strings, a dict of such columns, or a 2-D array. The index is the
// default RangeIndex, so `index=` (and anything else that changes the rows or
// columns) is not estimated.
import type { Node } from 'web-tree-sitter';
import { expressionChildren, passedArguments, unparenthesized } from '../../semantics/syntax';
import type { Dtype } from '../../sizes/ndarrays';
import type { PandasColumn, PandasFrame } from '../../sizes/pandas';
import { columnValues, convertedColumn, pandasDtype, type ColumnValues } from '../pandasColumns';
import type { EstimateContext, Estimator } from '../types';
import { display, type PyValue } from '../../sizes/values';
import { dtypeOf, keyword } from './numpy';
import { pandasEstimate } from './pandas-shape';

/** Keyword arguments that leave the rows, the columns and what memory_usage counts as they are. */
const SERIES_KEYWORDS: ReadonlySet<string> = new Set(['dtype', 'name', 'copy']);
const FRAME_KEYWORDS: ReadonlySet<string> = new Set(['dtype', 'columns']);

/** `pandas.Series` or `pandas.DataFrame`, through `import pandas as pd` or `from pandas import DataFrame`. */
export function pandasConstructor(node: Node, context: EstimateContext): 'Series' | 'DataFrame' | undefined {
  if (node.type !== 'call') return undefined;
  const callee = node.childForFieldName('function');
  const name = callee ? context.facts?.qualifiedName(callee) : undefined;
  return name === 'pandas.Series' || name === 'pandas.DataFrame'
    ? (name.slice('pandas.'.length) as 'Series' | 'DataFrame')
    : undefined;
}

interface Arguments {
  readonly data: Node;
  /** The dtype= argument: undefined when absent, null when it names no dtype the model knows. */
  readonly dtype: Dtype | undefined | null;
  readonly columns: Node | undefined;
}

function argumentsOf(call: Node, allowed: ReadonlySet<string>, context: EstimateContext): Arguments | undefined {
  const args = passedArguments(call);
  const positional = args.filter((arg) => arg.type !== 'keyword_argument');
  const keywords = args.filter((arg) => arg.type === 'keyword_argument');
  if (positional.length !== 1 || positional.some((arg) => arg.type === 'list_splat' || arg.type === 'dictionary_splat'))
    return undefined;
  if (keywords.some((arg) => !allowed.has(arg.childForFieldName('name')?.text ?? ''))) return undefined;
  const dtypeNode = keyword(args, 'dtype');
  return {
    data: positional[0]!,
    dtype: dtypeNode ? (dtypeOf(dtypeNode, context) ?? null) : undefined,
    columns: keyword(args, 'columns'),
  };
}

function seriesFrame(call: Node, context: EstimateContext): PandasFrame | undefined {
  const args = argumentsOf(call, SERIES_KEYWORDS, context);
  if (!args || args.dtype === null) return undefined;
  const values = columnValues(args.data, context);
  const column = values && convertedColumn(values, args.dtype);
  const nameNode = keyword(passedArguments(call), 'name');
  const name = nameNode ? context.folder.constant(nameNode) : undefined;
  if (!column || (nameNode && !name)) return undefined;
  return { kind: 'Series', rows: column.length, columns: [pandasColumn(name && labelOf(name), column)] };
}

/** A label as pandas prints it: a str bare, anything else as Python writes it. */
function labelOf(value: PyValue): string {
  return value.type === 'str' ? value.value : display(value);
}

function pandasColumn(label: string | undefined, values: ColumnValues): PandasColumn {
  return { label, dtype: values.dtype, ...(values.dtype.name === 'object' ? { objectBytes: values.objectBytes } : {}) };
}

/** `{'a': column, 'b': column}`: columns of one length, with distinct constant labels. */
function dictColumns(
  dict: Node,
  dtype: Dtype | undefined,
  context: EstimateContext,
): { rows: number; columns: PandasColumn[] } | undefined {
  const columns: PandasColumn[] = [];
  const labels = new Set<string>();
  let rows: number | undefined;
  for (const pair of expressionChildren(dict)) {
    if (pair.type !== 'pair') return undefined;
    const key = context.folder.constant(pair.childForFieldName('key')!);
    const valueNode = pair.childForFieldName('value');
    const values = valueNode ? columnValues(valueNode, context) : undefined;
    const column = values && convertedColumn(values, dtype);
    if (!key || (key.type !== 'str' && key.type !== 'int') || !column || labels.has(display(key))) return undefined;
    if (rows !== undefined && column.length !== rows) return undefined;
    rows = column.length;
    labels.add(display(key));
    columns.push(pandasColumn(labelOf(key), column));
  }
  return rows === undefined ? undefined : { rows, columns };
}

/** The labels of `columns=[...]`, one per column of a 2-D array. */
function columnLabels(
  node: Node | undefined,
  count: number,
  context: EstimateContext,
): (string | undefined)[] | undefined {
  if (!node) return Array.from({ length: count }, (_, index) => String(index));
  const list = unparenthesized(node);
  if (list.type !== 'list' && list.type !== 'tuple') return undefined;
  const labels = expressionChildren(list).map((item) => context.folder.constant(item));
  return labels.length === count && labels.every((label) => label !== undefined)
    ? labels.map((label) => labelOf(label!))
    : undefined;
}

/** A 2-D array: one column per array column, all of its dtype. */
function arrayColumns(
  data: Node,
  args: Arguments,
  context: EstimateContext,
): { rows: number; columns: PandasColumn[] } | undefined {
  const source = unparenthesized(data);
  const bound = source.type === 'identifier' ? context.folder.boundExpression(source) : source;
  const array = bound && context.estimate(bound)?.ndarray;
  if (array?.shape.length !== 2) return undefined;
  const [rows, count] = array.shape as [number, number];
  const labels = columnLabels(args.columns, count, context);
  const dtype = pandasDtype(args.dtype ?? array.dtype);
  return labels && dtype && { rows, columns: labels.map((label) => ({ label, dtype })) };
}

function dataFrame(call: Node, context: EstimateContext): PandasFrame | undefined {
  const args = argumentsOf(call, FRAME_KEYWORDS, context);
  if (!args || args.dtype === null) return undefined;
  const data = unparenthesized(args.data);
  if (data.type === 'dictionary') {
    // columns= picks and orders the dict's columns: not modelled.
    const shaped = args.columns ? undefined : dictColumns(data, args.dtype, context);
    return shaped && { kind: 'DataFrame', ...shaped };
  }
  const shaped = arrayColumns(data, args, context);
  return shaped && { kind: 'DataFrame', rows: shaped.rows, columns: shaped.columns };
}

/** The Series or DataFrame a call makes, as pandas accounts for it, or undefined when the code does not tell. */
export function pandasFrame(node: Node, context: EstimateContext): PandasFrame | undefined {
  const kind = pandasConstructor(node, context);
  if (kind === 'Series') return seriesFrame(node, context);
  if (kind === 'DataFrame') return dataFrame(node, context);
  return undefined;
}

export const pandasCall: Estimator = (node, context) => {
  const frame = pandasFrame(node, context);
  return frame && pandasEstimate(context, frame);
};
