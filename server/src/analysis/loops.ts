// Loop context: which loops repeat a piece of code, and whether one statement
// always runs before another within a pass through a loop's body. Used by the
// rules about values that grow on every pass (MEM2xx).
import type { Node } from 'web-tree-sitter';
import { SCOPE_TYPES } from './syntax';

export const LOOP_TYPES: ReadonlySet<string> = new Set(['for_statement', 'while_statement']);

/**
 * The `for`/`while` statements that run `node` once per pass, innermost first.
 * Only loops of node's own scope count: code in a function, lambda, class body
 * or comprehension defined inside a loop runs when it is called, not per pass
 * (its default values and decorators are left out too, erring on the side of
 * fewer loops). A loop's repeated part is its body, plus the condition of a
 * `while`; a `for`'s iterable and any `else:` run once.
 */
export function enclosingLoops(node: Node): Node[] {
  const loops: Node[] = [];
  for (let child = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (SCOPE_TYPES.has(parent.type)) break;
    if (LOOP_TYPES.has(parent.type) && isRepeatedPart(parent, child)) loops.push(parent);
  }
  return loops;
}

/** Whether node runs once per pass of some loop of its own scope. */
export function isInsideLoop(node: Node): boolean {
  return enclosingLoops(node).length > 0;
}

function isRepeatedPart(loop: Node, child: Node): boolean {
  if (sameNode(loop.childForFieldName('body'), child)) return true;
  return loop.type === 'while_statement' && sameNode(loop.childForFieldName('condition'), child);
}

/**
 * Whether, in every pass through `loop` that reaches `later`, the statement that
 * holds `earlier` has already run in that same pass: it sits earlier in a block
 * that encloses `later`, or it is the header of a compound statement around
 * `later` (a nested `for`'s target, a `with … as`), or `earlier` is part of the
 * loop's own header (its `for` target, its `while` condition). Conditional code
 * (`if` branches, `except` handlers) that does not enclose `later` does not count.
 */
export function alwaysRunsBefore(earlier: Node, later: Node, loop: Node): boolean {
  const body = loop.childForFieldName('body');
  if (!body) return false;
  if (!contains(body, earlier)) {
    const header = loop.type === 'for_statement' ? loop.childForFieldName('left') : loop.childForFieldName('condition');
    return header !== null && contains(header, earlier);
  }
  const statement = statementOf(earlier);
  if (!statement) return false;
  if (contains(statement, later)) return !contains(later, earlier);
  const block = statement.parent;
  return block !== null && contains(block, later) && statement.endIndex <= later.startIndex;
}

/** The statement that holds node: its nearest ancestor-or-self that is a child of a block or the module. */
export function statementOf(node: Node): Node | null {
  for (let current: Node | null = node; current; current = current.parent) {
    const parent = current.parent;
    if (parent && (parent.type === 'block' || parent.type === 'module')) return current;
  }
  return null;
}

/** Whether `inner` lies within `outer`'s text (or is it). */
export function contains(outer: Node, inner: Node): boolean {
  return outer.startIndex <= inner.startIndex && inner.endIndex <= outer.endIndex;
}

function sameNode(a: Node | null, b: Node): boolean {
  return a !== null && a.equals(b);
}
