// The project's compiled modules (out/, from `npm run build`) that the oracle
// uses as they are: the parser and rules, the notebook reader and its blanking
// of IPython syntax. Everything the oracle checks them against is its own.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT = join(ROOT, 'out', 'server', 'src');
if (!existsSync(join(OUT, 'cli', 'lint.js')) || !existsSync(join(ROOT, 'dist', 'cli.js')))
  throw new Error('out/ or dist/ is missing: run `npm run build` first');

const require = createRequire(import.meta.url);
const load = (path) => require(join(OUT, path));

export const { pythonParser } = load('document/parser.js');
export const { lintText, NotCheckable } = load('cli/lint.js');
export const { ALL_RULES } = load('rules/index.js');
export const { NotebookModule } = load('notebooks/cellModule.js');
export const { blankIPython } = load('notebooks/ipython.js');
export const { readNotebook } = load('cli/ipynb.js');
export const { DEFAULT_EXCLUDED_DIRS } = load('cli/excludes.js');
export const { PYTHON_VERSIONS, DEFAULT_PYTHON_VERSION } = load('sizes/cpython.js');
