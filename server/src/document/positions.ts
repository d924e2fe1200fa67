// The one place where positions change units. Tree-sitter (fed JS strings) and
// LSP both count UTF-16 code units; the CLI contract counts Unicode code points.
import type { Point } from 'web-tree-sitter';

/** Offsets of the first character of each line ("\n", "\r\n" and "\r" end lines, as in LSP). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (ch === 10 /* \n */) {
      starts.push(i + 1);
    }
  }
  return starts;
}

/** Zero-based line of a UTF-16 offset, by binary search over line starts. */
export function lineOfOffset(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** The point where `inserted` ends when it is inserted at `start`. */
export function pointAfterInsert(start: Point, inserted: string): Point {
  const insertedStarts = lineStarts(inserted);
  const lastLine = insertedStarts.length - 1;
  const tail = inserted.length - insertedStarts[lastLine]!;
  return lastLine === 0 ? { row: start.row, column: start.column + tail } : { row: start.row + lastLine, column: tail };
}

/** Number of Unicode code points in text[from, to) (surrogate pairs count once). */
export function codePointsBetween(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const ch = text.charCodeAt(i);
    if (ch >= 0xd800 && ch <= 0xdbff && i + 1 < to) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}

/** 1-based line and code-point column of a UTF-16 offset, as the CLI reports them. */
export function lineAndCodePointColumn(
  text: string,
  starts: readonly number[],
  offset: number,
): { line: number; column: number } {
  const row = lineOfOffset(starts, offset);
  return { line: row + 1, column: codePointsBetween(text, starts[row]!, offset) + 1 };
}
