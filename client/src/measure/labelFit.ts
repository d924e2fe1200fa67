// Which form of a measured line's label fits before the editor's right edge. The extension
// cannot see how wide the editor is, so the edge is the column the user says text should end
// by: the furthest of editor.rulers, else editor.wordWrapColumn (80 unless set). The line
// takes its text's columns and those of the inlay hints drawn in it (the size estimates
// among them). The longest form that ends by the edge is shown; the shortest (one figure)
// where none does; the hover always has the full text. Free of the vscode API so that it
// can be tested on its own.

/** The decoration's margin (2em) and the space the italic figures may take beyond their count, in columns. */
const MARGIN_COLUMNS = 4;
const DEFAULT_WRAP_COLUMN = 80;

/** The column text should end by: the furthest ruler, else the word-wrap column. */
export function rightEdgeColumn(rulers: unknown, wordWrapColumn: unknown): number {
  const columns = (Array.isArray(rulers) ? rulers : [])
    .map((ruler: unknown) =>
      typeof ruler === 'object' && ruler !== null ? (ruler as { column?: unknown }).column : ruler,
    )
    .filter((column): column is number => typeof column === 'number' && column > 0);
  if (columns.length > 0) return Math.max(...columns);
  return typeof wordWrapColumn === 'number' && wordWrapColumn > 0 ? wordWrapColumn : DEFAULT_WRAP_COLUMN;
}

/** East Asian wide and fullwidth characters, and emoji: two columns in a monospace editor. */
const WIDE =
  /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{1f300}-\u{1faff}\u{20000}-\u{3fffd}]/u;

/** Columns the line's text takes: tabs to the next tab stop, wide characters two. */
export function displayWidth(text: string, tabSize: number): number {
  let width = 0;
  for (const character of text) {
    if (character === '\t') width += tabSize - (width % tabSize);
    else width += WIDE.test(character) ? 2 : 1;
  }
  return width;
}

/** An inlay hint as the editor draws it: its words, with a column of padding on either side when asked. */
export interface DrawnHint {
  /** 0-based. */
  readonly line: number;
  readonly label: string;
  readonly paddingLeft: boolean;
  readonly paddingRight: boolean;
}

/** The columns inlay hints add to each line, by 0-based line. */
export function hintColumns(hints: readonly DrawnHint[], tabSize: number): Map<number, number> {
  const columns = new Map<number, number>();
  for (const hint of hints) {
    const width = displayWidth(hint.label, tabSize) + Number(hint.paddingLeft) + Number(hint.paddingRight);
    columns.set(hint.line, (columns.get(hint.line) ?? 0) + width);
  }
  return columns;
}

/**
 * The longest of `forms` (longest first) that ends by `rightEdge` after `lineText` and the
 * `hintColumns` its inlay hints take; else the last, shortest one.
 */
export function fittedLabel(
  forms: readonly string[],
  lineText: string,
  tabSize: number,
  rightEdge: number,
  hintColumns = 0,
): string {
  const room = rightEdge - displayWidth(lineText.trimEnd(), tabSize) - hintColumns - MARGIN_COLUMNS;
  return forms.find((form) => displayWidth(form, tabSize) <= room) ?? forms.at(-1)!;
}
