// Where a statement writes: the targets of assignments (plain and augmented),
// `for` loops and comprehension clauses, `with … as` and `del`, through any
// tuples, lists, parentheses and stars around them (`a, (b[0], *c) = …`).
import type { Node } from 'web-tree-sitter';
import { isField, UNPACKING_TARGETS } from './syntax';

/** Containers that pass a target position on to their elements. */
const TARGET_CONTAINERS: ReadonlySet<string> = new Set([
  ...UNPACKING_TARGETS,
  'list_splat_pattern',
  'list_splat',
  // `del a, b`
  'expression_list',
]);

/** The field that holds what each kind of statement assigns to. */
const TARGET_FIELDS: Readonly<Record<string, string>> = {
  assignment: 'left',
  augmented_assignment: 'left',
  for_statement: 'left',
  for_in_clause: 'left',
};

/** Statements whose every operand is a target: `del x[k]`, and the target of `with … as`. */
const WHOLLY_TARGETS: readonly string[] = ['delete_statement', 'as_pattern_target'];

/** The types of the nodes whose targets isAssignmentTarget accepts. */
export const TARGET_OWNER_TYPES: readonly string[] = [...Object.keys(TARGET_FIELDS), ...WHOLLY_TARGETS];

/** Whether the node is written to: an assignment, loop or `with … as` target, or deleted (`x[k] = v`, `for x[k] in …`, `del x[k]`). */
export function isAssignmentTarget(node: Node): boolean {
  let current = node;
  let parent = node.parent;
  while (parent && TARGET_CONTAINERS.has(parent.type)) {
    current = parent;
    parent = parent.parent;
  }
  if (!parent) return false;
  if (WHOLLY_TARGETS.includes(parent.type)) return true;
  const field = TARGET_FIELDS[parent.type];
  return field !== undefined && isField(parent, field, current);
}

/**
 * The nodes that `owner` (of a TARGET_OWNER_TYPES type) writes, each container
 * opened: those below it that isAssignmentTarget accepts, containers aside.
 */
export function assignmentTargetsOf(owner: Node): Node[] {
  const field = TARGET_FIELDS[owner.type];
  const targets: Node[] = [];
  const open = (node: Node | null): void => {
    if (!node) return;
    if (TARGET_CONTAINERS.has(node.type)) node.namedChildren.forEach(open);
    else targets.push(node);
  };
  (field ? owner.childrenForFieldName(field) : owner.namedChildren).forEach(open);
  return targets;
}
