// Where fixes that delete brackets leave line breaks: a call written over several lines
// keeps its lines, without one that a deleted bracket would leave blank, and
// one written on a line stays on it.
import type { TextEdit } from './types';

/** The last line break in a stretch of whitespace, with the indentation after it; undefined when there is none. */
export function lineBreakIn(whitespace: string): string | undefined {
  // A lone CR ends a line too, for Python and for the editor.
  return /(?:\r\n|\r|\n)[ \t\f]*$/.exec(whitespace)?.[0];
}

/**
 * Deletes the one-character token at `offset` (a bracket): with its whole line
 * when nothing else is on it, so that no whitespace-only line is left.
 */
export function tokenDeletion(source: string, offset: number): TextEdit {
  let lineStart = offset;
  while (lineStart > 0 && source[lineStart - 1] !== '\n' && source[lineStart - 1] !== '\r') lineStart--;
  const lineBreak = lineBreakAfter(source, offset + 1);
  const aloneOnLine =
    lineBreak !== undefined &&
    /^[ \t\f]*$/.test(source.slice(lineStart, offset)) &&
    /^[ \t\f]*$/.test(source.slice(offset + 1, lineBreak.start));
  return aloneOnLine
    ? { start: lineStart, end: lineBreak.end, text: '' }
    : { start: offset, end: offset + 1, text: '' };
}

/** The first line break from `from` on (CRLF, a lone CR or LF): where it starts and ends. */
function lineBreakAfter(source: string, from: number): { start: number; end: number } | undefined {
  for (let index = from; index < source.length; index++) {
    if (source[index] === '\n') return { start: index, end: index + 1 };
    if (source[index] === '\r') return { start: index, end: source[index + 1] === '\n' ? index + 2 : index + 1 };
  }
  return undefined;
}
