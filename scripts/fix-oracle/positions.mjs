// Offsets and edits, written here rather than taken from the project, so that
// the CLI's JSON positions are checked against an independent reading.

/** UTF-16 offsets of the line starts: a line ends at \r\n, \r or \n (docs/cli.md). */
export function lineStarts(text) {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\r' && text[i + 1] === '\n') i++;
    if (ch === '\r' || ch === '\n') starts.push(i + 1);
  }
  return starts;
}

/** The UTF-16 offset of a 1-based line and a 1-based column counted in code points. */
export function offsetAt(text, starts, line, column) {
  let offset = starts[line - 1];
  if (offset === undefined) throw new RangeError(`no line ${line}`);
  for (let c = 1; c < column; c++) offset += text.codePointAt(offset) > 0xffff ? 2 : 1;
  return offset;
}

/** Applies edits that do not overlap (UTF-16 offsets into `text`). */
export function applyEdits(text, edits) {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let result = text;
  let previousStart = Number.POSITIVE_INFINITY;
  for (const edit of sorted) {
    if (edit.end > previousStart) throw new Error(`overlapping edits at offset ${edit.start}`);
    result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
    previousStart = edit.start;
  }
  return result;
}

/**
 * Where an offset of a text lands once `edits` are applied to it: after the
 * text an edit inserts there, and at the start of an edit that replaces it.
 */
export function mapOffset(edits, offset) {
  let shift = 0;
  for (const edit of [...edits].sort((a, b) => a.start - b.start)) {
    if (edit.start > offset) break;
    if (edit.end > offset) return edit.start + shift;
    shift += edit.text.length - (edit.end - edit.start);
  }
  return offset + shift;
}
