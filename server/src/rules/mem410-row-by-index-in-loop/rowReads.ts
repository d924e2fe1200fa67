// Rows of a frame read one at a time inside a loop over the frame's length:
// `df.iloc[i]`, `df.loc[i]` and `df.loc[df.index[i]]` where `i` runs over
// `range(len(df))` or `range(df.shape[0])`. Each such read builds a Series of
// the row. `df["col"].iloc[i]`, `df.at[i, "col"]`, `df.iat[i, 0]` and
// `df.iloc[i, 0]` read one value, and are no row reads.
import type { Node } from 'web-tree-sitter';
import { isAssignmentTarget } from '../../semantics/assignmentTargets';
import type { DocumentFacts } from '../../semantics/facts';
import { integerLiteral } from '../../semantics/literals';
import { COMPREHENSION_TYPES, descendants, unparenthesized } from '../../semantics/syntax';

/** Indexers that give a row for one key: by position, and by label (a RangeIndex's labels are positions). */
const ROW_INDEXERS: ReadonlySet<string> = new Set(['iloc', 'loc']);
/** Code in these runs when called, not once per pass. */
const NESTED_SCOPES: ReadonlySet<string> = new Set(['function_definition', 'class_definition', 'lambda']);

export interface RowRead {
  /** `df.iloc[i]`. */
  readonly access: Node;
  /** `df`, as the code names it. */
  readonly frame: Node;
  /** The loop variable, `i`. */
  readonly index: string;
  /** The `for` statement, or the comprehension's `for … in` clause, whose pass reads the row. */
  readonly loop: Node;
}

/** From the `iloc`/`loc` of `df.iloc[` to the subscript. */
export function rowSubscript(identifier: Node): Node | undefined {
  const indexer = identifier.parent;
  if (indexer?.type !== 'attribute' || indexer.childForFieldName('attribute')?.id !== identifier.id) return undefined;
  const subscript = indexer.parent;
  return subscript?.type === 'subscript' && subscript.childForFieldName('value')?.id === indexer.id
    ? subscript
    : undefined;
}

/** The subscript as a row read in a loop over the frame's length; undefined for any other subscript. */
export function rowRead(subscript: Node, facts: DocumentFacts): RowRead | undefined {
  const indexer = subscript.childForFieldName('value');
  const keys = subscript.childrenForFieldName('subscript');
  if (indexer?.type !== 'attribute' || keys.length !== 1 || isWritten(subscript)) return undefined;
  const kind = indexer.childForFieldName('attribute')?.text ?? '';
  const frame = indexer.childForFieldName('object');
  if (!ROW_INDEXERS.has(kind) || !frame || !isFrameName(frame)) return undefined;
  const index = indexName(unparenthesized(keys[0]!), kind === 'loc' ? frame.text : undefined);
  const loop = index === undefined ? undefined : loopOver(subscript, index);
  if (!index || !loop || !rangesOverRows(loop.childForFieldName('right'), frame.text, facts)) return undefined;
  return { access: subscript, frame, index, loop };
}

/** Every row read of the same frame by the same loop variable in the loop's pass, in document order. */
export function rowReadsInPass(read: RowRead, facts: DocumentFacts): RowRead[] {
  const found: RowRead[] = [];
  for (const part of repeatedParts(read.loop)) {
    for (const node of descendants(part, (inner) => !NESTED_SCOPES.has(inner.type))) {
      if (node.type !== 'subscript') continue;
      const other = rowRead(node, facts);
      if (other && other.loop.id === read.loop.id && other.frame.text === read.frame.text) found.push(other);
    }
  }
  return found.sort((a, b) => a.access.startIndex - b.access.startIndex);
}

/** What runs once per pass: a `for` statement's body; a comprehension's body, and its clauses after the loop's. */
export function repeatedParts(loop: Node): Node[] {
  if (loop.type === 'for_statement') {
    const body = loop.childForFieldName('body');
    return body ? [body] : [];
  }
  const comprehension = loop.parent;
  return comprehension
    ? comprehension.namedChildren.filter((part): part is Node => part !== null && isInPass(comprehension, part, loop))
    : [];
}

/** Whether a comprehension's part runs in each pass of its clause: the body does, and the clauses after it. */
function isInPass(comprehension: Node, part: Node, clause: Node): boolean {
  return part.id === comprehension.childForFieldName('body')?.id || part.startIndex >= clause.endIndex;
}

/** A written row (`df.iloc[i] = …`, `df.iloc[i]["a"] = …`, a chained assignment) is no read of one. */
function isWritten(subscript: Node): boolean {
  if (isAssignmentTarget(subscript)) return true;
  const parent = subscript.parent;
  return (
    parent?.type === 'subscript' && parent.childForFieldName('value')?.id === subscript.id && isAssignmentTarget(parent)
  );
}

/** A name or a chain of names (`df`, `self.df`): an expression that reads the same frame each time it is written. */
function isFrameName(node: Node): boolean {
  if (node.type === 'identifier') return true;
  const object = node.type === 'attribute' ? node.childForFieldName('object') : null;
  return object !== null && isFrameName(object);
}

/** `i`, `i + 1`, `i - 1`; for `.loc`, `frame.index[i]` too: the loop variable the key reads. */
function indexName(key: Node, locOf: string | undefined): string | undefined {
  if (key.type === 'identifier') return key.text;
  if (key.type === 'binary_operator') {
    const operator = key.childForFieldName('operator')?.text;
    const left = key.childForFieldName('left');
    const right = key.childForFieldName('right');
    return (operator === '+' || operator === '-') &&
      left?.type === 'identifier' &&
      right &&
      integerLiteral(right) !== undefined
      ? left.text
      : undefined;
  }
  if (locOf === undefined || key.type !== 'subscript') return undefined;
  const labels = key.childForFieldName('value');
  const positions = key.childrenForFieldName('subscript');
  const isIndex =
    labels?.type === 'attribute' &&
    labels.childForFieldName('attribute')?.text === 'index' &&
    labels.childForFieldName('object')?.text === locOf;
  return isIndex && positions.length === 1 ? indexName(unparenthesized(positions[0]!), undefined) : undefined;
}

/** The innermost loop of the node's own scope that binds `name` as its target, with the node in its pass. */
function loopOver(node: Node, name: string): Node | undefined {
  for (let child = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (NESTED_SCOPES.has(parent.type)) return undefined;
    if (parent.type === 'for_statement' && targetNames(parent).includes(name))
      return bindsName(parent, name) && parent.childForFieldName('body')?.id === child.id ? parent : undefined;
    if (COMPREHENSION_TYPES.has(parent.type)) {
      const clause = comprehensionClause(parent, child, name);
      if (clause !== undefined) return clause ?? undefined;
    }
  }
  return undefined;
}

/**
 * The comprehension's clause that binds `name` for `part` (a child of the
 * comprehension); null when the comprehension binds it but not for the part
 * (the part is the clause's own iterable, or before it) or binds it twice;
 * undefined when it does not bind it.
 */
function comprehensionClause(comprehension: Node, part: Node, name: string): Node | null | undefined {
  const clauses = comprehension.namedChildren.filter((child): child is Node => child?.type === 'for_in_clause');
  const binding = clauses.filter((clause) => targetNames(clause).includes(name));
  if (binding.length === 0) return undefined;
  const clause = binding[0]!;
  return binding.length === 1 && bindsName(clause, name) && isInPass(comprehension, part, clause) ? clause : null;
}

function bindsName(loop: Node, name: string): boolean {
  const target = loop.childForFieldName('left');
  return target?.type === 'identifier' && target.text === name;
}

function targetNames(loop: Node): string[] {
  const target = loop.childForFieldName('left');
  return target ? [...descendants(target)].filter((node) => node.type === 'identifier').map((node) => node.text) : [];
}

/**
 * `range(len(df))`, `range(df.shape[0])`, `range(len(df.index))`, with a start
 * and a constant taken off the stop allowed: `range(1, len(df) - 1)`.
 */
function rangesOverRows(iterable: Node | null, frame: string, facts: DocumentFacts): boolean {
  const call = iterable ? unparenthesized(iterable) : undefined;
  const callee = call?.type === 'call' ? call.childForFieldName('function') : null;
  if (!callee || facts.qualifiedName(callee) !== 'builtins.range') return false;
  const args = facts.callArguments(call!);
  if (
    args.length < 1 ||
    args.length > 2 ||
    args.some((arg) => arg.type === 'keyword_argument' || arg.type === 'list_splat')
  )
    return false;
  return countsRows(unparenthesized(args.at(-1)!), frame, facts);
}

/** `len(df)`, `len(df.index)`, `df.shape[0]`, less or more a constant. */
function countsRows(stop: Node, frame: string, facts: DocumentFacts): boolean {
  if (stop.type === 'binary_operator') {
    const operator = stop.childForFieldName('operator')?.text;
    const left = stop.childForFieldName('left');
    const right = stop.childForFieldName('right');
    return (
      (operator === '+' || operator === '-') &&
      left !== null &&
      right !== null &&
      integerLiteral(right) !== undefined &&
      countsRows(unparenthesized(left), frame, facts)
    );
  }
  if (stop.type === 'subscript') {
    const shape = stop.childForFieldName('value');
    const keys = stop.childrenForFieldName('subscript');
    return (
      shape?.type === 'attribute' &&
      shape.childForFieldName('attribute')?.text === 'shape' &&
      shape.childForFieldName('object')?.text === frame &&
      keys.length === 1 &&
      integerLiteral(keys[0]!) === 0
    );
  }
  const callee = stop.type === 'call' ? stop.childForFieldName('function') : null;
  const args = callee ? facts.callArguments(stop) : [];
  if (!callee || args.length !== 1 || facts.qualifiedName(callee) !== 'builtins.len') return false;
  const measured = unparenthesized(args[0]!);
  if (measured.text === frame) return true;
  return (
    measured.type === 'attribute' &&
    measured.childForFieldName('attribute')?.text === 'index' &&
    measured.childForFieldName('object')?.text === frame
  );
}
