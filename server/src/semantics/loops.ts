// Loop context: which loops repeat a piece of code, and whether one statement
// runs in every pass through a loop's body that runs another. Used by the
// rules about values that grow on every pass (MEM2xx).
import type { Node } from 'web-tree-sitter';
import { constantRangeLength } from './rangeLength';
import type { DocumentFacts } from './facts';
import { SCOPE_TYPES, unparenthesized } from './syntax';

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
    // Each type and parent read is a call into WASM: once per ancestor.
    const type = parent.type;
    if (SCOPE_TYPES.has(type)) break;
    if (LOOP_TYPES.has(type) && isRepeatedPart(parent, child)) loops.push(parent);
  }
  return loops;
}

/** Whether node runs once per pass of some loop of its own scope. */
export function isInsideLoop(node: Node): boolean {
  return enclosingLoops(node).length > 0;
}

const DISPLAY_TYPES: ReadonlySet<string> = new Set(['list', 'tuple', 'set', 'expression_list']);

/**
 * How many passes a `for` (or a comprehension's `for … in` clause) makes, when
 * the tree shows it: the items of a list, tuple or set display (`for part in
 * (a, b, c)`), or `range()` of constants (`range(0, 10**6, 100)`, a name
 * bound once to an int). Undefined for everything else, `while` loops
 * included.
 */
export function knownPassCount(loop: Node, facts: DocumentFacts): number | undefined {
  const iterable =
    loop.type === 'for_statement' || loop.type === 'for_in_clause' ? loop.childForFieldName('right') : null;
  if (!iterable) return undefined;
  const node = unparenthesized(iterable);
  if (DISPLAY_TYPES.has(node.type)) {
    const items = node.namedChildren.filter((child): child is Node => child !== null && child.type !== 'comment');
    return items.some((item) => item.type === 'list_splat') ? undefined : items.length;
  }
  const passes = constantRangeLength(node, facts);
  return passes === undefined ? undefined : Number(passes);
}

/**
 * Growth over this few passes copies little: a loop the code shows makes at
 * most this many passes is not reported as quadratic.
 */
export const FEW_PASSES = 10;

/** Whether the loop makes at most FEW_PASSES passes, as far as the tree shows. */
export function isShortLoop(loop: Node, facts: DocumentFacts): boolean {
  const passes = knownPassCount(loop, facts);
  return passes !== undefined && passes <= FEW_PASSES;
}

function isRepeatedPart(loop: Node, child: Node): boolean {
  if (sameNode(loop.childForFieldName('body'), child)) return true;
  return loop.type === 'while_statement' && sameNode(loop.childForFieldName('condition'), child);
}

/**
 * Whether the statement that holds `other` runs in every pass through `loop`
 * that runs `node`, before or after it: it sits in a block that encloses
 * `node`, or it is the header of a compound statement around `node` (a nested
 * `for`'s target, a `with … as`), or `other` is part of the loop's own header
 * (its `for` target, its `while` condition). Code in a branch that does not
 * enclose `node` (another `if` branch, an `except` handler) does not count;
 * `break`, `continue` and exceptions between the two are not considered.
 */
export function alwaysRunsWith(other: Node, node: Node, loop: Node): boolean {
  const body = loop.childForFieldName('body');
  if (!body) return false;
  if (!contains(body, other)) {
    const header = loop.type === 'for_statement' ? loop.childForFieldName('left') : loop.childForFieldName('condition');
    return header !== null && contains(header, other);
  }
  if (contains(node, other)) return false;
  const statement = statementOf(other);
  if (!statement) return false;
  if (contains(statement, node)) return true;
  return statement.parent !== null && contains(statement.parent, node);
}

/** The statement that holds node: its nearest ancestor-or-self that is a child of a block or the module. */
export function statementOf(node: Node): Node | null {
  for (let current = node, parent = node.parent; parent; current = parent, parent = parent.parent) {
    const type = parent.type;
    if (type === 'block' || type === 'module') return current;
  }
  return null;
}

/** Whether `inner` lies within `outer`'s text (or is it). */
export function contains(outer: Node, inner: Node): boolean {
  return outer.startIndex <= inner.startIndex && inner.endIndex <= outer.endIndex;
}

function sameNode(a: Node | null, b: Node): boolean {
  return a?.equals(b) ?? false;
}
