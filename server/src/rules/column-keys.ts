// The column names a frame's subscript key spells: a string literal, a list of
// them, or a name bound once to one (`TARGET = "y"`, `cols = ["a", "b"]`),
// the way notebooks name the columns they use. A list bound to a name is
// taken only when nothing could change it: every read of the name is a key,
// a loop's iterable, `len(…)`, the right side of `in` or an operand of `+`.
import type { Node } from 'web-tree-sitter';
import type { DocumentFacts } from '../semantics/facts';
import { stringLiteral } from '../semantics/literals';
import { callArguments, expressionChildren, isField, unparenthesized } from '../semantics/syntax';
import { assignedName, usesOfName } from '../semantics/uses';

/** `"a"`, `["a", "b"]`, `[A, "b"]` or `cols`, as plain names that can be written back as `"…"`; undefined for any other key. */
export function columnKeyNames(key: Node, facts: DocumentFacts): string[] | undefined {
  const bare = unparenthesized(key);
  if (bare.type === 'identifier') return boundColumns(bare, facts);
  return columnList(bare, facts) ?? columnName(bare, facts);
}

/** The names of a key that selects a frame, not a Series: a list, or a name bound once to one; in the list's order. */
export function columnListKeyNames(key: Node, facts: DocumentFacts): string[] | undefined {
  const bare = unparenthesized(key);
  if (bare.type === 'list') return columnList(bare, facts);
  return bare.type === 'identifier' && onlyValueOf(bare, facts)?.type === 'list'
    ? boundColumns(bare, facts)
    : undefined;
}

/** `["a", B]`: string literals, or names bound once to one; undefined for an empty list. */
function columnList(list: Node, facts: DocumentFacts): string[] | undefined {
  if (list.type !== 'list') return undefined;
  const items = expressionChildren(list);
  if (items.length === 0) return undefined;
  const names: string[] = [];
  for (const item of items) {
    const name = columnName(unparenthesized(item), facts);
    if (name === undefined) return undefined;
    names.push(...name);
  }
  return names;
}

/** `"a"`, or a name bound once to such a literal: one column. */
function columnName(item: Node, facts: DocumentFacts): string[] | undefined {
  if (item.type === 'identifier') {
    const value = onlyValueOf(item, facts);
    return value ? columnName(value, facts) : undefined;
  }
  const literal = stringLiteral(item);
  if (!literal || literal.bytes || /["\\\r\n]/.test(literal.value)) return undefined;
  return [literal.value];
}

/** The names a name bound once stands for: one column, or a list of them that nothing changes. */
function boundColumns(identifier: Node, facts: DocumentFacts): string[] | undefined {
  const value = onlyValueOf(identifier, facts);
  if (!value) return undefined;
  if (value.type !== 'list') return columnName(value, facts);
  const uses = usesOfName(facts, identifier);
  return uses?.reads.every((read) => leavesListAsIs(read, facts)) ? columnList(value, facts) : undefined;
}

/** In `NAME = value`, the only binding of the name `identifier` reads: the value (a literal, not another name). */
function onlyValueOf(identifier: Node, facts: DocumentFacts): Node | undefined {
  const uses = usesOfName(facts, identifier);
  const site = uses?.sites.length === 1 ? uses.sites[0]! : undefined;
  if (site?.kind !== 'assignment') return undefined;
  const value = site.node.parent?.childForFieldName('right');
  if (!value || assignedName(value)?.id !== site.node.id) return undefined;
  const bare = unparenthesized(value);
  return bare.type === 'identifier' ? undefined : bare;
}

/** A read of a list that cannot change it: `df[cols]`, `for c in cols`, `len(cols)`, `c in cols`, `cols + [c]`. */
function leavesListAsIs(read: Node, facts: DocumentFacts): boolean {
  const parent = read.parent;
  if (!parent) return false;
  switch (parent.type) {
    case 'subscript':
      return isField(parent, 'subscript', read);
    case 'for_statement':
    case 'for_in_clause':
      return isField(parent, 'right', read);
    case 'binary_operator':
      return parent.childForFieldName('operator')?.text === '+';
    case 'comparison_operator':
      return parent.namedChildren.at(-1)?.id === read.id && /\bin\s*$/.test(operatorBefore(parent, read));
    case 'argument_list': {
      const call = parent.parent;
      const callee = call?.childForFieldName('function');
      return !!callee && facts.qualifiedName(callee) === 'builtins.len' && callArguments(call!).length === 1;
    }
    default:
      return false;
  }
}

/** The text between the comparison's operands that ends at `operand`. */
function operatorBefore(comparison: Node, operand: Node): string {
  const index = comparison.namedChildren.findIndex((child) => child?.id === operand.id);
  const previous = comparison.namedChildren[index - 1];
  return previous
    ? comparison.text.slice(previous.endIndex - comparison.startIndex, operand.startIndex - comparison.startIndex)
    : '';
}
