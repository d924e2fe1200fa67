// Where a module's text may be cut into regions that each parse on their own
// as they do inside the whole: at the start of a line where a top-level
// statement (or the comments right above it) begins at column 0, with nothing
// on the line before that carries on into it.
import type { Node } from 'web-tree-sitter';
import { lineStartBefore } from '../text/commentLines';
import { textNesting } from './textNesting';

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
 * Whether the code at `offset` (a line start, blank and comment lines passed
 * over) carries on the statement above it: a clause of a compound statement
 * (`else:`, `except` …), or what follows a decorator. No cut falls there, so a
 * region that starts there is merged with the one above.
 */
export function carriesOnAbove(text: string, offset: number): boolean {
  if (offset <= 0 || offset >= text.length) return false;
  CONTINUATION.lastIndex = firstCodeAt(text, offset);
  if (CONTINUATION.test(text)) return true;
  for (let lineEnd = offset; lineEnd > 0; ) {
    const previousEnd = text[lineEnd - 1] === '\n' && text[lineEnd - 2] === '\r' ? lineEnd - 2 : lineEnd - 1;
    const lineStart = lineStartBefore(text, previousEnd);
    const line = text.slice(lineStart, previousEnd).trimStart();
    if (line !== '' && !line.startsWith('#')) return text[lineStart] === '@';
    lineEnd = lineStart;
  }
  return false;
}

/** Where the code starts on the first line from `offset` on that holds code (past blank and comment lines). */
function firstCodeAt(text: string, offset: number): number {
  for (let at = offset; at < text.length; at++) {
    const char = text[at]!;
    if (char === '#') {
      while (at + 1 < text.length && text[at + 1] !== '\n' && text[at + 1] !== '\r') at++;
    } else if (char !== ' ' && char !== '\t' && char !== '\f' && char !== '\n' && char !== '\r') return at;
  }
  return text.length;
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

/** Column-0 lines that start a definition: in broken text, taken for statements even inside a bracket or string left open above them. */
const DEFINITION_LINE = /^(?:@[A-Za-z_]|(?:async[ \t]+)?def[ \t]+[A-Za-z_]|class[ \t]+[A-Za-z_])/gm;

/** Whether a definition starts at `offset`, a line start (DEFINITION_LINE). */
export function startsDefinition(text: string, offset: number): boolean {
  const line = text.slice(offset, offset + 80);
  DEFINITION_LINE.lastIndex = 0;
  return DEFINITION_LINE.exec(line)?.index === 0;
}

/** Where a region with a syntax error is cut (statementCuts), and whether its last statement is left open. */
export interface StatementCuts {
  readonly cuts: readonly number[];
  /** The region ends inside brackets or a triple-quoted string: its last statement runs on below it. */
  readonly endsOpen: boolean;
}

/**
 * Where a region with a syntax error, [start, end) of `text` (a statement
 * starts at `start`), is cut so that the error stays inside its statement: at
 * each top-level code line that isRegionBoundary accepts, other than a clause
 * continuing the statement above and a definition under its decorator. The
 * code lines are found as regionCutsInText finds them (textNesting), but with
 * the scan started afresh at each line that starts a definition: a bracket or
 * string left open reaches no further. The cuts depend on the text from
 * `start` on alone, so a piece gives no cuts of its own, and a region cut
 * anywhere above the error gives the same. A valid string may hold a line
 * that starts a definition: cut there, its pieces have syntax errors.
 */
export function statementCuts(text: string, start: number, end: number): StatementCuts {
  const slice = text.slice(start, end);
  DEFINITION_LINE.lastIndex = 0;
  const segmentStarts = [0];
  for (const match of slice.matchAll(DEFINITION_LINE)) {
    // `^` also matches after U+2028 and U+2029, which end no line for Python (a lone \r does: parser.ts).
    if (match.index > 0 && endsLine(slice[match.index - 1])) segmentStarts.push(match.index);
  }
  const codeLines: number[] = [];
  let endsOpen = false;
  segmentStarts.forEach((segmentStart, index) => {
    const starts: number[] = [];
    endsOpen = textNesting(slice.slice(segmentStart, segmentStarts[index + 1] ?? slice.length), starts).endsOpen;
    for (const at of starts) codeLines.push(start + segmentStart + at);
  });
  const cuts = codeLines.filter((offset, index) => {
    if (offset <= start || !endsLine(text[offset - 1]) || !isRegionBoundary(text, offset)) return false;
    CONTINUATION.lastIndex = offset;
    return text[codeLines[index - 1]!] !== '@' && !CONTINUATION.test(text);
  });
  return { cuts, endsOpen };
}

/** Whether a character before a line start ends the line above: "\n" (of "\r\n" too), or a lone "\r". */
function endsLine(character: string | undefined): boolean {
  return character === '\n' || character === '\r';
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
