// Whether a named mask (`m = df["a"] > 3`) still matches its frame's rows where
// a selection uses it. `df[m]` and `df.loc[m]` align the mask with the frame's
// rows as they are then: had rows gone since the mask was made, `len(df[m])`
// would count fewer than `m.sum()`; had a row come, `df[m]` raises
// IndexingError and, with pandas 2.x, `df.loc[m, "col"]` AssertionError.
import type { Node } from 'web-tree-sitter';
import type { DocumentFacts } from '../semantics/facts';
import { mayMutate } from '../semantics/mutation';
import { statementsBetween } from '../semantics/statementsBetween';
import { COMPREHENSION_TYPES } from '../semantics/syntax';
import { LOOP_TYPES } from '../semantics/loops';

/** Code that may run again after the selection, before it runs once more. */
const REPEATING: ReadonlySet<string> = new Set([...LOOP_TYPES, ...COMPREHENSION_TYPES]);

/**
 * Whether no code that runs from the mask's binding (a statement) to the
 * selection may change the frame or the mask, as mutation.ts reads code:
 * any method of either not known to only look, any call that could reach
 * them, counts. That code is the statements between, and in the statement
 * that holds the selection what it runs first (a loop around the selection
 * there: all of it, its next pass coming after). A selection in a block the
 * binding's does not hold is not answered for.
 */
export function isUnchangedSinceMask(
  frame: Node,
  mask: Node,
  binding: Node,
  selection: Node,
  facts: DocumentFacts,
): boolean {
  return areUnchangedSince([frame.text, mask.text], binding, selection, facts);
}

/**
 * Whether no code that runs from `binding` (a statement) to `selection` may
 * change any of the names, read as isUnchangedSinceMask says. `iteratedBy`, a
 * `for` statement over `selection`: its body runs after `selection` has been
 * read, and is left out when the loop is a statement of the binding's block.
 */
export function areUnchangedSince(
  names: readonly string[],
  binding: Node,
  selection: Node,
  facts: DocumentFacts,
  iteratedBy?: Node,
): boolean {
  const block = binding.parent;
  const statement = block ? statementUnder(block, selection, facts) : undefined;
  const between = statement && statementsBetween(binding, statement, facts.module);
  if (!block || !statement || !between) return false;
  // At module level the statements between are other top-level statements, which an edit there changes.
  if (facts.module.isRoot(block)) facts.readsWholeDocument();
  const regions = iteratedBy?.equals(statement) ? between : [...between, ...runBefore(selection, statement)];
  const question = { facts, iteratingConsumes: false, ownRegions: true };
  return names.every((name) => !mayMutate(regions, [name], question));
}

/** The statement of `block` that holds `node`; in the module, any part's top-level statement. */
function statementUnder(block: Node, node: Node, facts: DocumentFacts): Node | undefined {
  const inModule = facts.module.isRoot(block);
  for (let current = node, parent = node.parent; parent; current = parent, parent = parent.parent) {
    if (parent.equals(block) || (inModule && facts.module.isRoot(parent))) return current;
  }
  return undefined;
}

/**
 * What may run in `statement` before `selection`, as whole subtrees: the
 * outermost loop around it, or else everything beside the path from the
 * statement down to it (the arguments beside it, a condition; what uses its
 * result, above it on the path, runs after it).
 */
function runBefore(selection: Node, statement: Node): Node[] {
  const path: Node[] = [];
  for (let node: Node | null = selection; node && !node.equals(statement); node = node.parent) path.push(node);
  path.push(statement);
  const loop = [...path].reverse().find((node) => REPEATING.has(node.type));
  if (loop) return [loop];
  const onPath = new Set(path.map((node) => node.id));
  return path.slice(1).flatMap((node) => node.namedChildren.filter((child) => child !== null && !onPath.has(child.id)));
}
