// A Python file cut into notebook cells at top-level statements, and the
// .ipynb that holds them.
import { codeCells } from '../notebooks';
import { lineStartsOf } from '../lineStarts';

export interface PlainCell {
  /** Offset in the file of the cell's first character. */
  readonly start: number;
  /** The cell's code: the file's lines up to the next cell, without the line end before it. */
  readonly text: string;
}

/** The text cut at the starts of its top-level statements (0-based lines), the first one's cell from the file's start. */
export function cutIntoCells(text: string, statementLines: readonly number[]): PlainCell[] {
  const starts = lineStartsOf(text);
  const cuts = [0, ...statementLines.slice(1).map((line) => starts[line]!), text.length];
  return cuts
    .slice(0, -1)
    .map((start, index) => ({ start, text: text.slice(start, cuts[index + 1]).replace(/\n$/, '') }));
}

/** An nbformat 4 notebook of Python code cells, each cell's source a list of lines that keep their line ends. */
export function notebookOf(cellTexts: readonly string[]): string {
  const cells = cellTexts.map((text) => ({
    cell_type: 'code',
    execution_count: null,
    metadata: {},
    outputs: [],
    source: text.match(/[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g) ?? [],
  }));
  const metadata = {
    kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' },
    language_info: { name: 'python' },
  };
  return `${JSON.stringify({ cells, metadata, nbformat: 4, nbformat_minor: 4 }, null, 1)}\n`;
}

/** The code of each cell of a notebook file's text. */
export function cellTextsOf(notebook: string): string[] {
  return codeCells(notebook).map((cell) => cell.text);
}
