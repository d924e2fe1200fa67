// What the code does with a row it reads by position: whether it is surely a
// row of a DataFrame (a Series' `.iloc[i]` is one value), and whether the loop
// keeps it beyond its pass.
import type { Node } from 'web-tree-sitter';
import { holdsDataFrame } from '../../scale/dataSources';
import type { DocumentFacts } from '../../semantics/facts';
import { stringLiteral } from '../../semantics/literals';
import { descendants, expressionChildren, isField, unparenthesized } from '../../semantics/syntax';
import { assignedName } from '../../semantics/uses';
import { isName, keeperOf } from '../row-keepers';
import { repeatedParts, type RowRead } from './rowReads';

/** Attributes a Series has and a value read from one does not: `row.to_dict()`, `row.values`. */
const SERIES_ONLY_ATTRIBUTES: ReadonlySet<string> = new Set(['to_dict', 'to_frame', 'to_numpy', 'values', 'iteritems']);

/**
 * Whether the read is a DataFrame's row: the frame is a name bound only to
 * frames (`pd.read_csv(…)`), or the code reads the result as a row, by
 * column (`df.iloc[i]["price"]`, `row = df.iloc[i]` then `row["price"]`) or
 * through a method only a Series has.
 */
export function isRowOfFrame(read: RowRead, facts: DocumentFacts): boolean {
  if (holdsDataFrame(read.frame, facts) || isReadAsRow(read.access)) return true;
  const row = assignedName(read.access)?.text;
  if (row === undefined) return false;
  let readAsRow = false;
  for (const part of repeatedParts(read.loop)) {
    for (const node of descendants(part)) {
      if (node.type !== 'identifier' || node.text !== row) continue;
      // Bound twice in the pass: a read of the name may not be of the row.
      if (isRebinding(node, read.access)) return false;
      readAsRow ||= node.startIndex > read.access.endIndex && isReadAsRow(node);
    }
  }
  return readAsRow;
}

/**
 * Where the loop keeps the rows it reads, as a message says it (`` `rows` ``,
 * "the list"): appended, stored, or the items of a list or dict
 * comprehension; undefined when it keeps none or the code does not show it.
 */
export function keptRows(read: RowRead): string | undefined {
  if (read.loop.type === 'for_in_clause') return keptByComprehension(read);
  const row = assignedName(read.access)?.text;
  const isKept = (value: Node): boolean => value.id === read.access.id || (row !== undefined && isName(value, row));
  let into: string | undefined;
  for (const part of repeatedParts(read.loop)) {
    for (const node of descendants(part)) {
      // Bound twice in the pass: what is kept under the name may not be the row.
      if (row !== undefined && node.type === 'identifier' && node.text === row && isRebinding(node, read.access))
        return undefined;
      into ??= keeperOf(node, isKept);
    }
  }
  return into;
}

/** `row["price"]`, `row[["a", "b"]]`, `row.to_dict()`: the value is read as a Series of labelled cells. */
function isReadAsRow(value: Node): boolean {
  const parent = value.parent;
  if (parent?.type === 'subscript' && isField(parent, 'value', value)) {
    const keys = parent.childrenForFieldName('subscript');
    return keys.length === 1 && isColumnKey(unparenthesized(keys[0]!));
  }
  return (
    parent?.type === 'attribute' &&
    isField(parent, 'object', value) &&
    SERIES_ONLY_ATTRIBUTES.has(parent.childForFieldName('attribute')?.text ?? '')
  );
}

/** A string literal, or a list of them: column labels. */
function isColumnKey(key: Node): boolean {
  if (key.type !== 'list') return stringLiteral(key) !== undefined;
  const items = expressionChildren(key);
  return items.length > 0 && items.every((item) => stringLiteral(item) !== undefined);
}

/** An assignment to the row's name other than the read's own. */
function isRebinding(identifier: Node, access: Node): boolean {
  const assignment = identifier.parent;
  return (
    (assignment?.type === 'assignment' || assignment?.type === 'augmented_assignment') &&
    isField(assignment, 'left', identifier) &&
    assignment.childForFieldName('right')?.id !== access.id
  );
}

function keptByComprehension(read: RowRead): string | undefined {
  const comprehension = read.loop.parent;
  const body = comprehension?.childForFieldName('body');
  if (!body) return undefined;
  if (comprehension!.type === 'list_comprehension' && unparenthesized(body).id === read.access.id) return 'the list';
  const value = comprehension!.type === 'dictionary_comprehension' ? body.childForFieldName('value') : null;
  return value && unparenthesized(value).id === read.access.id ? 'the dict' : undefined;
}
