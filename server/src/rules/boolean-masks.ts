// Rows of a frame chosen by a boolean mask made of the frame's own columns:
// `df[df["a"] > 3]`, `df.loc[df.a.isna() | (df["b"] == "x")]`. Such a mask is
// a bool Series (or a nullable boolean one, whose NA pandas takes as False)
// on the frame's own index, so `df[mask]` keeps the rows where it is True:
// as many as `mask.sum()` counts. A key of any other shape (`df[["a", "b"]]`,
// `df[cols]`, `df[other["a"] > 3]`, `df[df > 3]`) is not taken for one, unless
// it is a name bound once, in the scope, before the selection, to such a mask
// (`m = df["a"] > 3` then `df[m]`). MEM406 and MEM407 read these selections.
import type { Node } from 'web-tree-sitter';
import type { DocumentFacts } from '../semantics/facts';
import { stringLiteral } from '../semantics/literals';
import { callArguments, expressionChildren, isField, unparenthesized } from '../semantics/syntax';
import { bindingOfName, runningScope } from '../semantics/uses';
import { DATAFRAME_ATTRIBUTES } from './dataframe-attributes';

const COMPARISONS: ReadonlySet<string> = new Set(['<', '>', '<=', '>=', '==', '!=']);
const LOGICAL: ReadonlySet<string> = new Set(['&', '|', '^']);
/** Series methods that give a bool per row, and how many positional arguments each takes. */
const MASK_METHODS: ReadonlyMap<string, readonly [min: number, max: number]> = new Map([
  ['isna', [0, 0]],
  ['isnull', [0, 0]],
  ['notna', [0, 0]],
  ['notnull', [0, 0]],
  ['isin', [1, 1]],
  ['eq', [1, 1]],
  ['ne', [1, 1]],
  ['lt', [1, 1]],
  ['le', [1, 1]],
  ['gt', [1, 1]],
  ['ge', [1, 1]],
  ['between', [2, 3]],
]);
/** Operands compared with a column that are one value whatever they stand for. */
const LITERAL_TYPES: ReadonlySet<string> = new Set(['integer', 'float', 'string', 'true', 'false', 'none']);

/** Rows of a frame chosen by a mask: `frame[mask]` or `frame.loc[mask]`. */
export interface MaskedRows {
  /** The subscript that chooses them. */
  readonly selection: Node;
  /** The frame, as the code names it: `df`, `self.df`. */
  readonly frame: Node;
  /** The mask as the selection writes it: the expression, or the name bound to it. */
  readonly mask: Node;
  /** For a named mask, the statement that binds it (`m = df["a"] > 3`), whose value was read as the mask. */
  readonly maskBinding?: Node;
  /** Whether the rows are chosen through `.loc`. */
  readonly throughLoc: boolean;
  /**
   * Whether the mask compares the frame's columns with literals or with each
   * other only: no name in it could stand for a frame (whose comparison with
   * a column would be a frame of bools, not a mask).
   */
  readonly literalOperands: boolean;
}

/** `frame[mask]` or `frame.loc[mask]` with a mask of the frame's own columns; undefined for any other subscript. */
export function maskedRows(selection: Node, facts: DocumentFacts): MaskedRows | undefined {
  if (selection.type !== 'subscript') return undefined;
  const keys = selection.childrenForFieldName('subscript');
  const value = selection.childForFieldName('value');
  if (keys.length !== 1 || !value) return undefined;
  const throughLoc = value.type === 'attribute' && value.childForFieldName('attribute')?.text === 'loc';
  const frame = throughLoc ? value.childForFieldName('object') : value;
  if (!frame || !isFrameName(frame)) return undefined;
  const mask = unparenthesized(keys[0]!);
  const bound = mask.type === 'identifier' ? boundMask(mask, facts) : undefined;
  const operands = maskOperands(bound?.value ?? mask, frame.text);
  if (operands === undefined) return undefined;
  const literalOperands = operands === 'literal';
  const rows = { selection, frame, mask, throughLoc, literalOperands };
  return bound ? { ...rows, maskBinding: bound.statement } : rows;
}

/**
 * The value of a name bound once in the scope the selection runs in, by a
 * plain `name = value` statement before it: what the name holds wherever the
 * selection reads it (a binding after it, in a loop, would be another value).
 */
function boundMask(name: Node, facts: DocumentFacts): { readonly value: Node; readonly statement: Node } | undefined {
  const found = bindingOfName(facts, name);
  const site = found?.sites.length === 1 ? found.sites[0]! : undefined;
  if (site?.kind !== 'assignment' || site.node.endIndex > name.startIndex) return undefined;
  if (found!.scope !== runningScope(facts, name)) return undefined;
  // `m = df["a"] > 3` as a statement of its own: not a walrus inside another expression, nor `a = m = …`.
  const assignment = site.node.parent;
  const statement = assignment?.parent;
  if (assignment?.type !== 'assignment' || statement?.type !== 'expression_statement') return undefined;
  const value = assignment.childForFieldName('right');
  return value && isField(assignment, 'left', site.node) ? { value, statement } : undefined;
}

/** A name or a chain of names (`df`, `self.df`): an expression that reads the same frame each time it is written. */
function isFrameName(node: Node): boolean {
  if (node.type === 'identifier') return true;
  if (node.type !== 'attribute') return false;
  const object = node.childForFieldName('object');
  return object !== null && isFrameName(object);
}

/** What the mask's columns are compared with; undefined when the expression is not a mask of the frame's columns. */
type Operands = 'literal' | 'names';

function maskOperands(node: Node, frame: string): Operands | undefined {
  const mask = unparenthesized(node);
  switch (mask.type) {
    case 'unary_operator':
      return mask.childForFieldName('operator')?.type === '~'
        ? maskOperands(mask.childForFieldName('argument')!, frame)
        : undefined;
    case 'binary_operator': {
      if (!LOGICAL.has(mask.childForFieldName('operator')?.text ?? '')) return undefined;
      const sides = [mask.childForFieldName('left'), mask.childForFieldName('right')];
      return joined(sides.map((side) => (side ? maskOperands(side, frame) : undefined)));
    }
    case 'comparison_operator':
      return comparisonOperands(mask, frame);
    case 'call':
      return methodOperands(mask, frame);
    default:
      return undefined;
  }
}

/** `col > 3`, `"x" == col`, `col != df["b"]`: one comparison, a column of the frame on at least one side. */
function comparisonOperands(comparison: Node, frame: string): Operands | undefined {
  const operators = comparison.childrenForFieldName('operators');
  const operands = expressionChildren(comparison).map(unparenthesized);
  if (operators.length !== 1 || !COMPARISONS.has(operators[0]!.text) || operands.length !== 2) return undefined;
  if (!operands.some((operand) => isColumnOf(operand, frame))) return undefined;
  return joined(operands.map((operand) => comparedOperand(operand, frame)));
}

/** `col.isna()`, `col.isin(values)`, `col.between(1, 9)`, `col.gt(3)`. */
function methodOperands(call: Node, frame: string): Operands | undefined {
  const callee = call.childForFieldName('function');
  const method = callee?.type === 'attribute' ? callee.childForFieldName('attribute')?.text : undefined;
  const arity = method === undefined ? undefined : MASK_METHODS.get(method);
  const column = callee?.childForFieldName('object');
  if (!arity || !column || !isColumnOf(unparenthesized(column), frame)) return undefined;
  const args = callArguments(call);
  if (args.length < arity[0] || args.length > arity[1] || !args.every(isValue)) return undefined;
  // isin() gives a bool per row whatever its argument (a frame is a collection of its labels there).
  if (method === 'isin') return 'literal';
  return joined(args.map((arg) => comparedOperand(unparenthesized(arg), frame)));
}

function isValue(arg: Node): boolean {
  return arg.type !== 'keyword_argument' && arg.type !== 'list_splat' && arg.type !== 'dictionary_splat';
}

/** What a column is compared with: a literal or another of the frame's columns, or a name (a value, most likely). */
function comparedOperand(operand: Node, frame: string): Operands | undefined {
  if (isColumnOf(operand, frame) || isLiteral(operand)) return 'literal';
  return operand.type === 'identifier' || (operand.type === 'attribute' && isFrameName(operand)) ? 'names' : undefined;
}

function isLiteral(node: Node): boolean {
  if (LITERAL_TYPES.has(node.type) || node.type === 'concatenated_string') return true;
  if (node.type !== 'unary_operator' || node.childForFieldName('operator')?.type !== '-') return false;
  const argument = node.childForFieldName('argument');
  return argument?.type === 'integer' || argument?.type === 'float';
}

/** `frame["a"]` or `frame.a` (a name that is no DataFrame attribute): one column of the frame. */
function isColumnOf(node: Node, frame: string): boolean {
  if (node.type === 'subscript') {
    const keys = node.childrenForFieldName('subscript');
    return (
      node.childForFieldName('value')?.text === frame &&
      keys.length === 1 &&
      stringLiteral(unparenthesized(keys[0]!)) !== undefined
    );
  }
  if (node.type !== 'attribute') return false;
  const object = node.childForFieldName('object');
  const name = node.childForFieldName('attribute')?.text ?? '';
  if (object?.text !== frame || name.startsWith('_') || DATAFRAME_ATTRIBUTES.has(name)) return false;
  // `df.a(…)` would call a column: not a column read.
  const parent = node.parent;
  return !(parent?.type === 'call' && isField(parent, 'function', node));
}

/** Both sides of a mask: literal only when both are, undefined when either is no mask. */
function joined(parts: readonly (Operands | undefined)[]): Operands | undefined {
  if (parts.some((part) => part === undefined)) return undefined;
  return parts.every((part) => part === 'literal') ? 'literal' : 'names';
}
