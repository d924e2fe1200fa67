// (i) the real code the editor section measures: a few modules of the
// machine's Python standard library of 2,600 to 4,700 lines, and the code of a
// large notebook from the notebook corpus when it is there: its code cells
// joined as one module, IPython syntax blanked, as the server reads them, each
// cell whose first line is indented dedented as IPython runs it (else Ruff
// finds a syntax error in the module and runs none of its rules on it).
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { readNotebook } from '../server/src/cli/ipynb';
import { NotebookModule } from '../server/src/notebooks/cellModule';
import { stdlibDirectory } from './corpus';
import { lineCount } from './measure';

export interface RealText {
  /** As the bench prints it: the module's path in the stdlib, or the notebook's name. */
  readonly name: string;
  readonly path: string;
  readonly text: string;
  readonly lines: number;
}

export interface RealTexts {
  readonly texts: readonly RealText[];
  /** Why the notebook is not among them, when it is not. */
  readonly notebookSkipped: string | undefined;
}

/** Modules users read and edit, of the sizes editors see most: argparse (2,600 lines), tarfile (2,900), typing (3,500), tkinter (4,600). */
const STDLIB_MODULES = ['argparse.py', 'tarfile.py', 'typing.py', 'tkinter/__init__.py'];

/** The data-science corpus docs/precision.md builds (scripts/precision/rebuild.mjs). */
const CORPUS = process.env['MEMHINTS_DS_CORPUS'] || '/tmp/ds-corpus';
/** The notebook with the most code (2,064 lines in 154 code cells) among the corpus's notebooks of more than two cells. */
const NOTEBOOK = join(CORPUS, 'adgirish+kaggleScape', 'data', 'script353.ipynb');

export function realTexts(): RealTexts {
  const root = stdlibDirectory();
  const texts: RealText[] = STDLIB_MODULES.map((module) => {
    const path = join(root, module);
    return realText(module, path, readFileSync(path, 'utf8'));
  });
  if (!existsSync(NOTEBOOK)) return { texts, notebookSkipped: `skipped: ${NOTEBOOK} is not on this machine` };
  const notebook = readNotebook(readFileSync(NOTEBOOK, 'utf8'));
  const code = new NotebookModule(notebook.cells.map((cell) => leadingIndentRemoved(cell.text))).source;
  texts.push(realText(`${basename(NOTEBOOK)} (${notebook.cells.length} code cells)`, NOTEBOOK, code));
  return { texts, notebookSkipped: undefined };
}

/** IPython's leading_indent: the whitespace the first line starts with, taken off every line that starts with it. */
function leadingIndentRemoved(cell: string): string {
  const indent = /^[ \t]+/.exec(cell)?.[0];
  if (indent === undefined) return cell;
  return cell
    .split('\n')
    .map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line))
    .join('\n');
}

function realText(name: string, path: string, text: string): RealText {
  return { name, path, text, lines: lineCount(text) };
}
