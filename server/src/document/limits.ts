// What memhints declines to parse or analyse, and why. Limits follow CPython's
// own: code nested deeper than the interpreter accepts cannot run anyway, and
// such files (or huge generated ones) would only make the editor wait.
import type { Node, Tree, TreeCursor } from 'web-tree-sitter';
import { textNesting, type TextNesting } from './textNesting';
import { groupedDigits } from '../text/groupedDigits';

/** Files larger than this many bytes (UTF-8) are not parsed unless the user raises the limit. */
export const DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024;

/**
 * Indentation levels: CPython's tokenizer stops at 100 ("too many levels of
 * indentation"). The grammar's scanner corrupts WASM memory a few hundred levels
 * deeper, so this is checked on the text, before parsing.
 */
export const MAX_INDENT_LEVELS = 100;

/** Open brackets: CPython's tokenizer stops at 200 ("too many nested parentheses"). */
export const MAX_BRACKET_DEPTH = 200;

/**
 * Tree depth: long operator chains (`1 + 1 + …`, `not not …`) nest without
 * brackets; CPython's compiler gives up on them (RecursionError) well below this.
 */
export const MAX_TREE_DEPTH = 1000;

/** Why a file is not checked. */
export interface Skip {
  /** A clause that completes "memhints did not check this file: …". */
  readonly reason: string;
  /** Raising the size limit would let it be checked. */
  readonly overSizeLimit: boolean;
}

/**
 * Why the text should not be parsed at all, or undefined when it can be.
 * `sizeOnly`: the caller checks the nesting of each part it parses (regions/).
 */
export function whyNotParsed(text: string, maxFileSize: number, sizeOnly = false): Skip | undefined {
  return whyTooLarge(Buffer.byteLength(text, 'utf8'), maxFileSize) ?? (sizeOnly ? undefined : whyTooNested(text));
}

/** Why a file of `bytes` bytes (at least that many, when `atLeast`) is over the size limit, or undefined. */
export function whyTooLarge(bytes: number, maxFileSize: number, atLeast = false): Skip | undefined {
  if (bytes <= maxFileSize) return undefined;
  const size = `${atLeast ? 'over ' : ''}${formatBytes(bytes)}`;
  return { reason: `it is ${size}, over the size limit of ${formatBytes(maxFileSize)}`, overSizeLimit: true };
}

/** Why text nests deeper than Python accepts (and the grammar's scanner survives), or undefined. */
export function whyTooNested(text: string): Skip | undefined {
  return whyNestingTooDeep(textNesting(text));
}

/** The same, from the nesting textNesting found. */
export function whyNestingTooDeep(nesting: TextNesting): Skip | undefined {
  if (nesting.indentLevels > MAX_INDENT_LEVELS)
    return cannotCheck(`it is indented ${nesting.indentLevels} levels deep, where Python allows ${MAX_INDENT_LEVELS}`);
  if (nesting.bracketDepth > MAX_BRACKET_DEPTH)
    return cannotCheck(`it nests brackets ${nesting.bracketDepth} deep, where Python allows ${MAX_BRACKET_DEPTH}`);
  return undefined;
}

/**
 * Why the parsed tree should not be analysed, or undefined when it can be.
 * With `checkedBefore`, the tree this one was reparsed from, which passed:
 * only the ranges whose node ancestry changed need looking at, not the whole
 * tree (a walk over every node costs a call into WASM per step).
 */
export function whyNotAnalysed(tree: Tree, checkedBefore?: Tree): Skip | undefined {
  const tooDeep = checkedBefore
    ? changedRangesDeeperThan(tree, checkedBefore, MAX_TREE_DEPTH)
    : treeDepthOver(tree, MAX_TREE_DEPTH);
  if (tooDeep)
    return cannotCheck(`its code nests more than ${MAX_TREE_DEPTH} levels deep, more than Python can compile`);
  const python2 = python2Statement(tree, checkedBefore);
  return python2
    ? cannotCheck(
        `it is Python 2 code (\`${firstLine(python2.text)}\`), whose memory behaviour memhints does not model: it measures CPython 3`,
      )
    : undefined;
}

/**
 * tree-sitter-python's nodes for Python 2's `print x` and `exec code`: Python 3
 * does not compile the one (`print >>f, x` it runs, to fail) nor the other, and
 * the premises of the rules (comprehension scopes, `range`, `dict.items`) differ there.
 */
const PYTHON2_STATEMENTS = ['print_statement', 'exec_statement'];

/** The first Python 2 statement in the tree, or in what changed since `checkedBefore` (which passed). */
function python2Statement(tree: Tree, checkedBefore?: Tree): Node | undefined {
  const ranges = checkedBefore
    ? checkedBefore.getChangedRanges(tree)
    : [{ startPosition: tree.rootNode.startPosition, endPosition: tree.rootNode.endPosition }];
  for (const range of ranges) {
    const found = tree.rootNode
      .descendantsOfType(PYTHON2_STATEMENTS, range.startPosition, range.endPosition)
      .find((node) => node !== null && !readsAsCall(node) && parsedCleanly(node));
    if (found) return found;
  }
  return undefined;
}

/**
 * `print(x := y)`, which the grammar reads as a print statement of a
 * parenthesised expression: Python 3 calls print there, as Python 2 printed.
 */
function readsAsCall(node: Node): boolean {
  const parts = node.namedChildren.filter((child) => child !== null && child.type !== 'comment');
  return parts.length === 1 && parts[0]!.type === 'parenthesized_expression';
}

/**
 * No syntax error in or around the statement: `print(x)` with its `(` deleted
 * while typing reads as `print x)`, a print statement inside an error, not Python 2 code.
 */
function parsedCleanly(node: Node): boolean {
  if (node.hasError) return false;
  for (let parent = node.parent; parent; parent = parent.parent) if (parent.type === 'ERROR') return false;
  return true;
}

function firstLine(text: string): string {
  const line = text.split(/\r\n?|\n/, 1)[0]!.trim();
  return line.length > 40 ? `${line.slice(0, 39)}…` : line;
}

export function cannotCheck(reason: string): Skip {
  return { reason, overSizeLimit: false };
}

/** Whether some node lies deeper than `limit` below the root. */
export function treeDepthOver(tree: Tree, limit: number): boolean {
  return subtreeDeeperThan(tree.rootNode, limit);
}

/**
 * Whether some node lies deeper than `limit` where `tree` differs from `old`
 * (already edited to match it). tree-sitter reports every range whose
 * ancestry changed, so a node that got deeper lies in one of them.
 */
function changedRangesDeeperThan(tree: Tree, old: Tree, limit: number): boolean {
  // web-tree-sitter asks the old tree for its changes towards the new one.
  return old.getChangedRanges(tree).some((range) => {
    const node = tree.rootNode.descendantForIndex(range.startIndex, range.endIndex);
    if (!node) return false;
    let depth = 0;
    for (let parent = node.parent; parent; parent = parent.parent) depth++;
    return depth > limit || subtreeDeeperThan(node, limit - depth);
  });
}

/** Whether some node lies more than `limit` levels below `top`. Iterative, for trees deeper than the JS stack. */
function subtreeDeeperThan(top: Node, limit: number): boolean {
  const count = top.descendantCount;
  // descendantCount counts the node itself: the deepest node in it is at most descendantCount - 1 levels down.
  if (count - 1 <= limit) return false;
  const cursor = top.walk();
  try {
    return !provedShallowBySamples(cursor, count, limit) && searchDeeperThan(cursor, count, limit);
  } finally {
    cursor.delete();
  }
}

/**
 * How deep the samples below may lie. Code stays far above it (the deepest node
 * in the stdlib is 29 levels down); the higher it is, the more samples it takes.
 */
const SAMPLE_DEPTH = 64;

/**
 * Whether nodes sampled every `step` places in preorder prove that none lies
 * more than `limit` levels below the cursor's node. One that does has an
 * ancestor `limit + 1 - step` levels down whose subtree holds the path to it,
 * more than `step` nodes in a row in preorder, so a sample falls in that
 * subtree, at least as deep as the ancestor. For nearly every file two calls
 * into WASM per `step` nodes answer what the search below answers with two per
 * child of every large node.
 */
function provedShallowBySamples(cursor: TreeCursor, count: number, limit: number): boolean {
  const deepestSample = Math.min(SAMPLE_DEPTH, Math.floor(limit / 2));
  const step = limit - deepestSample;
  if (step === 0) return false;
  for (let index = 0; index < count; index += step) {
    cursor.gotoDescendant(index);
    if (cursor.currentDepth > deepestSample) return false;
  }
  return true;
}

/**
 * The exact search, for the rare tree the samples do not clear. A node `limit`
 * levels down has that many ancestors inside the subtree, so only subtrees with
 * more descendants than that can hold one, and tree-sitter keeps each node's
 * descendant count: the search enters only those, not every node. The cursor
 * reads the counts (a child's is where its next sibling starts in preorder,
 * less where it starts) without making an object for each child of a large
 * node, which took most of the time.
 */
function searchDeeperThan(cursor: TreeCursor, descendantCount: number, limit: number): boolean {
  // Subtrees to enter, by where they start in preorder from the cursor's node.
  const pending: { readonly index: number; readonly count: number; readonly below: number }[] = [
    { index: 0, count: descendantCount, below: limit },
  ];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { index, count, below } = next;
    if (count - 1 <= below) continue;
    if (below === 0) return true;
    cursor.gotoDescendant(index);
    if (!cursor.gotoFirstChild()) continue;
    for (let childIndex = cursor.currentDescendantIndex; ; ) {
      const hasNext = cursor.gotoNextSibling();
      const nextIndex = hasNext ? cursor.currentDescendantIndex : index + count;
      pending.push({ index: childIndex, count: nextIndex - childIndex, below: below - 1 });
      if (!hasNext) break;
      childIndex = nextIndex;
    }
  }
  return false;
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / (1024 * 1024)).toFixed(1)} MiB (${groupedDigits(bytes)} bytes)`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KiB (${groupedDigits(bytes)} bytes)`;
  return `${bytes} bytes`;
}
