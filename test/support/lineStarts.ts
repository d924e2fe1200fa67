// Lines and columns as the protocols define them, written here from their
// specifications rather than taken from the server, so that tests of the
// server's positions do not share its position code:
// - LSP: lines end at "\n", "\r\n" or "\r"; characters count UTF-16 code units;
// - the CLI's JSON: 1-based lines (ended the same way) and 1-based columns
//   counting code points, in the text after any byte order mark.

/** The offset (UTF-16) where each line starts. */
export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (const match of text.matchAll(/\r\n|\r|\n/g)) starts.push(match.index + match[0].length);
  return starts;
}

/** The 0-based line holding an offset, by binary search over the line starts. */
export function lineAt(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (starts[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** The offset just past a line's last character, its line end left out. */
export function lineContentEnd(text: string, starts: readonly number[], line: number): number {
  let end = line + 1 < starts.length ? starts[line + 1]! : text.length;
  while (end > starts[line]! && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
  return end;
}

/** The offset of the CLI's 1-based line and code-point column; a column past the line's end is an error. */
export function offsetOfCodePoint(text: string, line: number, column: number): number {
  const starts = lineStartsOf(text);
  if (line < 1 || line > starts.length) throw new RangeError(`line ${line} is not in a text of ${starts.length}`);
  const start = starts[line - 1]!;
  const points = Array.from(text.slice(start, lineContentEnd(text, starts, line - 1)));
  if (column < 1 || column > points.length + 1)
    throw new RangeError(`column ${column} is not on line ${line} of ${points.length} code points`);
  return start + points.slice(0, column - 1).join('').length;
}
