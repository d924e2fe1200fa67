// How code uses a frame's columns, read by read by literal name: which columns
// it compares with string literals (what a category column does as well as
// a column of str objects), and which it uses in ways a category column
// does not take: ordered (`<` raises on an unordered Categorical), combined
// by an operator (`+` raises), or written (a value outside the categories
// raises).
import type { Node } from 'web-tree-sitter';
import { isAssignmentTarget } from '../../semantics/assignmentTargets';
import { stringLiteral } from '../../semantics/literals';
import { expressionChildren, isField, unparenthesized } from '../../semantics/syntax';
import { DATAFRAME_ATTRIBUTES } from '../dataframe-attributes';

const EQUALITY: ReadonlySet<string> = new Set(['==', '!=']);
const ORDERING: ReadonlySet<string> = new Set(['<', '>', '<=', '>=']);
/** Series methods that compare with one literal (`eq`, `ne`) or a list of them (`isin`). */
const COMPARING_METHODS: ReadonlySet<string> = new Set(['eq', 'ne', 'isin']);
/** Indexers through which `frame.loc[rows, "col"] = v` writes a column. */
const INDEXERS: ReadonlySet<string> = new Set(['loc', 'iloc', 'at', 'iat']);

export interface ColumnComparison {
  readonly column: string;
  /** The comparison: `df["state"] == "CA"`, `df.state.isin(["a", "b"])`. */
  readonly node: Node;
}

export interface ColumnUses {
  /** Comparisons of a column with string literals, in document order. */
  readonly comparisons: readonly ColumnComparison[];
  /** Columns used in a way a category column does not take, or undefined: a write the code does not say the column of. */
  readonly excluded: ReadonlySet<string> | undefined;
}

/** What the reads of a frame's name do with its columns. */
export function columnUses(reads: readonly Node[]): ColumnUses {
  const comparisons: ColumnComparison[] = [];
  const excluded = new Set<string>();
  for (const read of reads) {
    const written = writtenColumns(read);
    if (written === 'unknown') return { comparisons, excluded: undefined };
    for (const column of written) excluded.add(column);
    const selected = selectedColumn(read);
    if (!selected) continue;
    const use = useOf(selected.node);
    if (use.kind === 'compared') comparisons.push({ column: selected.column, node: use.node });
    else if (use.kind === 'excluded') excluded.add(selected.column);
  }
  return { comparisons, excluded };
}

/** `df["a"]` or `df.a` (a name that is no DataFrame attribute): the column and the expression. */
function selectedColumn(read: Node): { column: string; node: Node } | undefined {
  const parent = read.parent;
  if (!parent) return undefined;
  if (parent.type === 'subscript' && isField(parent, 'value', read)) {
    const keys = parent.childrenForFieldName('subscript');
    const column = keys.length === 1 ? plainString(unparenthesized(keys[0]!)) : undefined;
    return column === undefined ? undefined : { column, node: parent };
  }
  if (parent.type === 'attribute' && isField(parent, 'object', read)) {
    const name = parent.childForFieldName('attribute')?.text;
    if (!name || name.startsWith('_') || DATAFRAME_ATTRIBUTES.has(name)) return undefined;
    return { column: name, node: parent };
  }
  return undefined;
}

type Use = { kind: 'compared'; node: Node } | { kind: 'excluded' } | { kind: 'other' };

/** What the expression that selects a column is part of. */
function useOf(selection: Node): Use {
  let node = selection;
  while (node.parent?.type === 'parenthesized_expression') node = node.parent;
  const parent = node.parent;
  if (!parent) return { kind: 'other' };
  if (parent.type === 'comparison_operator') return comparisonUse(parent, node);
  if (parent.type === 'binary_operator' || parent.type === 'augmented_assignment') return { kind: 'excluded' };
  if (parent.type === 'attribute' && isField(parent, 'object', node)) return methodUse(parent);
  return { kind: 'other' };
}

/** `col == "x"`, `"x" != col`: compared; `col < "m"`: an order an unordered Categorical refuses. */
function comparisonUse(comparison: Node, operand: Node): Use {
  const operators = comparison.childrenForFieldName('operators').map((operator) => operator.text);
  if (operators.some((operator) => ORDERING.has(operator))) return { kind: 'excluded' };
  const operands = expressionChildren(comparison);
  if (operands.length !== 2 || operators.length !== 1 || !EQUALITY.has(operators[0]!)) return { kind: 'other' };
  const other = operands.find((candidate) => candidate.id !== operand.id);
  return other && plainString(unparenthesized(other)) !== undefined
    ? { kind: 'compared', node: comparison }
    : { kind: 'other' };
}

/** `col.isin(["a", "b"])`, `col.eq("a")`: compared with literals; other methods leave the column as it is. */
function methodUse(method: Node): Use {
  const name = method.childForFieldName('attribute')?.text ?? '';
  const call = method.parent;
  if (!COMPARING_METHODS.has(name) || call?.type !== 'call' || !isField(call, 'function', method))
    return { kind: 'other' };
  const args = call.childForFieldName('arguments');
  const only = args && args.namedChildCount === 1 ? unparenthesized(args.namedChild(0)!) : undefined;
  if (!only) return { kind: 'other' };
  const literals = name === 'isin' ? literalCollection(only) : plainString(only) !== undefined;
  return literals ? { kind: 'compared', node: call } : { kind: 'other' };
}

/** `["a", "b"]`, `("a",)`, `{"a", "b"}`: a display of string literals only. */
function literalCollection(node: Node): boolean {
  if (node.type !== 'list' && node.type !== 'tuple' && node.type !== 'set') return false;
  const items = expressionChildren(node);
  return items.length > 0 && items.every((item) => plainString(item) !== undefined);
}

/** A str literal (not bytes) that can be written back between double quotes. */
function plainString(node: Node): string | undefined {
  const literal = stringLiteral(node);
  return literal && !literal.bytes && !/["\\\r\n]/.test(literal.value) ? literal.value : undefined;
}

/**
 * The columns a read of the frame writes: none when it is not written
 * through (`df["a"] = …`, `df.a = …`, `df.loc[m, "a"] = …`, `del df["a"]`,
 * a method called with `inplace=`), 'unknown' when it is and the column does
 * not show (`df.loc[m] = …`, `df[cols] = …`, `df.fillna("", inplace=True)`).
 */
function writtenColumns(read: Node): readonly string[] | 'unknown' {
  const chain: Node[] = [];
  let node = read;
  while (node.parent && isChainLink(node.parent, node)) {
    node = node.parent;
    chain.push(node);
  }
  const writes = isAssignmentTarget(node) || chain.some(callsInPlace);
  if (!writes) return [];
  const first = chain[0];
  if (!first) return 'unknown';
  const selected = selectedColumn(read);
  if (selected) return [selected.column];
  const indexer = first.type === 'attribute' ? first.childForFieldName('attribute')?.text : undefined;
  const indexed = chain[1];
  if (!indexer || !INDEXERS.has(indexer) || indexed?.type !== 'subscript') return 'unknown';
  // `df.loc[rows, "a"]` holds two subscripts; `df.loc[(rows, "a")]` one tuple.
  const keys = indexed.childrenForFieldName('subscript').map(unparenthesized);
  const parts = keys.length === 1 && keys[0]!.type === 'tuple' ? expressionChildren(keys[0]!) : keys;
  const column = parts.length === 2 ? plainString(parts[1]!) : undefined;
  return column === undefined ? 'unknown' : [column];
}

/** `parent` continues the expression `child` starts: `child[…]`, `child.name`, `child(…)`. */
function isChainLink(parent: Node, child: Node): boolean {
  if (parent.type === 'subscript') return isField(parent, 'value', child);
  if (parent.type === 'attribute') return isField(parent, 'object', child);
  if (parent.type === 'call') return isField(parent, 'function', child);
  return false;
}

function callsInPlace(node: Node): boolean {
  if (node.type !== 'call') return false;
  const args = node.childForFieldName('arguments');
  return (args?.namedChildren ?? []).some(
    (arg) => arg?.type === 'keyword_argument' && arg.childForFieldName('name')?.text === 'inplace',
  );
}
