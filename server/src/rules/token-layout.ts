// Where fixes that delete brackets leave line breaks: a call written over several lines
// keeps its lines, without one that a deleted bracket would leave blank, and
// one written on a line stays on it.
import type { TextEdit } from './types';

/** The last line break in a stretch of whitespace, with the indentation after it; undefined when there is none. */
export function lineBreakIn(whitespace: string): string | undefined {
  return /\r?\n[ \t\f]*$/.exec(whitespace)?.[0];
}

/**
 * Deletes the one-character token at `offset` (a bracket): with its whole line
 * when nothing else is on it, so that no whitespace-only line is left.
 */
export function tokenDeletion(source: string, offset: number): TextEdit {
  const lineStart = source.lastIndexOf('\n', offset - 1) + 1;
  const lineEnd = source.indexOf('\n', offset + 1);
  const aloneOnLine =
    lineEnd !== -1 &&
    /^[ \t\f]*$/.test(source.slice(lineStart, offset)) &&
    /^[ \t\f]*\r?$/.test(source.slice(offset + 1, lineEnd));
  return aloneOnLine ? { start: lineStart, end: lineEnd + 1, text: '' } : { start: offset, end: offset + 1, text: '' };
}
