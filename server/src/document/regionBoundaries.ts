// Where a module's text may be cut into regions that each parse on their own
// as they do inside the whole: at the start of a line where a top-level
// statement (or the comments right above it) begins at column 0, with nothing
// on the line before that carries on into it.
import type { Node } from 'web-tree-sitter';
import { lineStartBefore } from '../text/commentLines';

/** Lines a region runs to at least before it is cut again: its reparse stays far below a whole module's. */
export const REGION_LINES = 100;

/** Whether a region may start (or end) at `offset` of `text`. */
export function isRegionBoundary(text: string, offset: number): boolean {
  if (offset <= 0 || offset >= text.length) return true;
  const before = text[offset - 1];
  if (before !== '\n' && !(before === '\r' && text[offset] !== '\n')) return false;
  // An indented line carries on the block above; tree-sitter takes it without error at a region's start.
  if (firstCodeLineIndented(text, offset)) return false;
  const previousEnd = text[offset - 1] === '\n' && text[offset - 2] === '\r' ? offset - 2 : offset - 1;
  const previousLine = text.slice(lineStartBefore(text, previousEnd), previousEnd);
  // A backslash joins the next line to this one.
  if (previousLine.endsWith('\\')) return false;
  // Comment lines right above a statement belong with it: rules read them from its own tree.
  return !(previousLine.trimStart().startsWith('#') && !isBlankLine(text, offset));
}

/**
 * Offsets where the text of a module's tree can be cut into regions of at least
 * REGION_LINES lines: the starts of top-level statements, or of the comment
 * lines above them, away from broken code.
 */
export function regionCuts(root: Node, text: string): number[] {
  if (root.type !== 'module') return [];
  const cuts: number[] = [];
  let lastCutRow = root.startPosition.row;
  let previous: Node | undefined;
  let comments: Node | undefined;
  for (const node of root.namedChildren) {
    if (!node) continue;
    if (node.type === 'comment') {
      // A comment on the previous statement's last line stays with it.
      if (!comments && !(previous && node.startPosition.row === previous.endPosition.row)) comments = node;
      continue;
    }
    const first = comments ?? node;
    comments = undefined;
    const row = first.startPosition.row;
    if (
      previous &&
      row - lastCutRow >= REGION_LINES &&
      first.startPosition.column === 0 &&
      !previous.hasError &&
      !node.hasError &&
      isRegionBoundary(text, first.startIndex)
    ) {
      cuts.push(first.startIndex);
      lastCutRow = row;
    }
    previous = node;
  }
  return cuts;
}

/** A clause that continues the compound statement above it (`if` … `else:`). */
const CONTINUATION = /(?:else|elif|except|finally)\b/y;

/**
 * Cuts found from the text alone, for a text not parsed yet: the starts of
 * top-level code lines (`codeLineStarts`, from textNesting) at least
 * REGION_LINES apart that isRegionBoundary accepts, other than a clause that
 * continues the statement above and the definition under a decorator. The
 * caller parses the pieces and checks that each parses cleanly: a cut where
 * the scan misread the text (a Python 3.12 f-string's replacement field
 * running over lines) leaves a piece with a syntax error.
 */
export function regionCutsInText(
  text: string,
  codeLineStarts: readonly number[],
  rowOf: (offset: number) => number,
): number[] {
  const cuts: number[] = [];
  let lastCutRow: number | undefined;
  codeLineStarts.forEach((start, index) => {
    const row = rowOf(start);
    if (lastCutRow === undefined) lastCutRow = row;
    if (row - lastCutRow < REGION_LINES || !isRegionBoundary(text, start)) return;
    CONTINUATION.lastIndex = start;
    const decorated = index > 0 && text[codeLineStarts[index - 1]!] === '@';
    if (decorated || CONTINUATION.test(text)) return;
    cuts.push(start);
    lastCutRow = row;
  });
  return cuts;
}

/**
 * Whether the first line from `offset` on that holds code starts with whitespace.
 * Blank lines and comment lines do not count: indentation is read from code alone.
 */
function firstCodeLineIndented(text: string, offset: number): boolean {
  let lineStart = offset;
  for (let at = offset; at < text.length; at++) {
    const char = text[at]!;
    if (char === '\n' || char === '\r') lineStart = at + 1;
    else if (char === '#') {
      while (at + 1 < text.length && text[at + 1] !== '\n' && text[at + 1] !== '\r') at++;
    } else if (char !== ' ' && char !== '\t' && char !== '\f') return at > lineStart;
  }
  return false;
}

function isBlankLine(text: string, offset: number): boolean {
  for (let at = offset; at < text.length; at++) {
    const char = text[at]!;
    if (char === '\n' || char === '\r') return true;
    if (char !== ' ' && char !== '\t' && char !== '\f') return false;
  }
  return true;
}
