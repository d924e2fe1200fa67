// A checked file as the oracle sees it: its units of Python text, one for a
// .py file, one per code cell for a notebook (read with the project's notebook
// reader, as `memhints check` reads it).
import { readFileSync } from 'node:fs';
import { blankIPython, readNotebook } from './compiled.mjs';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

export function isNotebook(path) {
  return path.toLowerCase().endsWith('.ipynb');
}

/**
 * `{ kind, units: [{ text, number }] }`, or undefined for a file the CLI does
 * not check either: not UTF-8, or a notebook it cannot read. A byte order mark
 * is not part of the text (the CLI keeps it aside).
 */
export function readDocument(path) {
  let text;
  try {
    text = strictUtf8.decode(readFileSync(path));
  } catch {
    return undefined;
  }
  if (!isNotebook(path)) return { kind: 'python', units: [{ text, number: undefined }] };
  try {
    return {
      kind: 'notebook',
      units: readNotebook(text).cells.map((cell) => ({ text: cell.text, number: cell.number })),
    };
  } catch {
    return undefined;
  }
}

/** What Python is given of a unit's text: a cell with its IPython syntax blanked, as the project reads it. */
export function pythonTextOf(kind, text) {
  return kind === 'notebook' ? blankIPython(text).text : text;
}
