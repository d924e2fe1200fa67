// Whether a loop over `iterrows()` keeps each row's Series beyond its pass:
// `rows.append(row)` or `by_key[key] = row` in a `for` body, or a list or dict
// comprehension whose items are the rows. Then every Series stays alive, not
// one at a time.
import type { Node } from 'web-tree-sitter';
import { descendants, expressionChildren, unparenthesized } from '../../semantics/syntax';
import { isName, keeperOf } from '../row-keepers';
import { isAssignmentTarget } from '../../semantics/assignmentTargets';

const PATTERN_TYPES: ReadonlySet<string> = new Set(['pattern_list', 'tuple_pattern', 'list_pattern']);
/** Code in these runs when called, not once per pass. */
const NESTED_SCOPES: ReadonlySet<string> = new Set(['function_definition', 'class_definition', 'lambda']);

/**
 * Where the loop keeps the rows, as a message says it (`` `rows` ``, "the
 * list"), or undefined when it keeps none or the code does not show it.
 * `loop` is the `for` statement or the comprehension's `for … in` clause.
 */
export function keptRows(loop: Node): string | undefined {
  const row = rowName(loop.childForFieldName('left'));
  if (!row) return undefined;
  return loop.type === 'for_statement' ? keptByBody(loop, row) : keptByComprehension(loop, row);
}

/** The name bound to the Series: `row` in `for index, row in …`, or the (index, Series) pair in `for pair in …`. */
function rowName(target: Node | null): string | undefined {
  if (!target) return undefined;
  const node = unparenthesized(target);
  if (node.type === 'identifier') return node.text;
  if (!PATTERN_TYPES.has(node.type)) return undefined;
  const parts = expressionChildren(node);
  return parts.length === 2 && parts[1]!.type === 'identifier' ? parts[1]!.text : undefined;
}

function keptByBody(loop: Node, row: string): string | undefined {
  const body = loop.childForFieldName('body');
  if (!body) return undefined;
  let into: string | undefined;
  for (const node of descendants(body, (part) => !NESTED_SCOPES.has(part.type))) {
    // Bound to something else in the body: what is kept may not be the Series.
    if (node.type === 'identifier' && node.text === row && isAssignmentTarget(node)) return undefined;
    into ??= keeperOf(node, (value) => isName(value, row));
  }
  return into;
}

function keptByComprehension(clause: Node, row: string): string | undefined {
  const comprehension = clause.parent;
  if (comprehension?.type !== 'list_comprehension' && comprehension?.type !== 'dictionary_comprehension')
    return undefined;
  // A later clause binding the same name would hide the row.
  const clauses = comprehension.namedChildren.filter((child): child is Node => child?.type === 'for_in_clause');
  if (clauses.some((other) => other.id !== clause.id && rebinds(other, row))) return undefined;
  const body = comprehension.childForFieldName('body');
  const item = comprehension.type === 'dictionary_comprehension' ? body?.childForFieldName('value') : body;
  if (!item || !isName(item, row)) return undefined;
  return comprehension.type === 'list_comprehension' ? 'the list' : 'the dict';
}

function rebinds(clause: Node, name: string): boolean {
  const left = clause.childForFieldName('left');
  return left !== null && [...descendants(left)].some((node) => node.type === 'identifier' && node.text === name);
}
