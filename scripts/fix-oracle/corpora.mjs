// The corpora: folders of Python files and notebooks, each copied (a seeded
// sample of it, if asked) under a label into the oracle's workspace, with a
// pyproject.toml naming the Python version its code targets.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { mulberry32 } from '../seededRandom.mjs';
import { DEFAULT_EXCLUDED_DIRS } from './compiled.mjs';

/** Folders `memhints check` skips by default (docs/cli.md), and installed packages and byte code. */
const SKIPPED = new Set([...DEFAULT_EXCLUDED_DIRS, 'dist-packages', '__pycache__']);

/** `{ label, dir, pythonVersion }` from `DIR` or `DIR=LABEL`; the label is the folder's name by default. */
export function corpusArgument(argument, pythonVersion) {
  const at = argument.lastIndexOf('=');
  const dir = resolve(at > 0 ? argument.slice(0, at) : argument);
  return { label: at > 0 ? argument.slice(at + 1) : basename(dir), dir, pythonVersion };
}

/** The *.py and *.ipynb files under `dir`, relative to it, in a stable order. */
export function sourceFiles(dir) {
  const found = [];
  const walk = (folder) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (SKIPPED.has(entry.name)) continue;
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && /\.(py|ipynb)$/i.test(entry.name))
        found.push(relative(dir, path).split(sep).join('/'));
    }
  };
  walk(dir);
  return found.sort();
}

/**
 * Spellings of what some fix rewrites: a list display or comprehension passed
 * to a call, a loop over a copy, `list(range(`, `.readlines()`, a file split
 * into lines or copied whole, a pandas read, a masked selection counted or
 * narrowed to a column, a sparse matrix made dense to read a row or a sum.
 */
const FIXABLE = [
  /\b\w+\(\s*\[/,
  /\bin\s+(?:list|tuple)\(/,
  /\bin\s+\[[^\]\n]*\bfor\b/,
  /\.readlines\(\)/,
  /\.read\(\)\.split/,
  /\.write\(.*\.read\(\)\s*\)/,
  /\bread_(?:csv|table|parquet|feather|excel)\(/,
  /\]\s*\[\s*["']/,
  /\.shape\[0\]/,
  /\blen\(\s*list\(/,
  /\.(?:toarray|todense)\(\)(?:\[|\.(?:sum|mean)\()|\.A\[/,
];

/** Whether a file's text shows a shape that some fix rewrites. */
function mayHaveFixes(path) {
  const text = readFileSync(path, 'latin1');
  return FIXABLE.some((pattern) => pattern.test(text));
}

/**
 * The files of a corpus to check: all of them, or `size` drawn at random
 * (seeded by the seed and the label) from those that show a shape some fix
 * rewrites, so that a small sample still meets fixes.
 */
export function sampledFiles(corpus, size, seed) {
  const files = sourceFiles(corpus.dir);
  if (size === undefined) return { total: files.length, files };
  const candidates = files.filter((file) => mayHaveFixes(join(corpus.dir, file)));
  const random = mulberry32(seed ^ hashOf(corpus.label));
  for (let i = candidates.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [candidates[i], candidates[j]] = [candidates[j], candidates[i]];
  }
  return { total: files.length, files: candidates.slice(0, size).sort() };
}

function hashOf(text) {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619);
  return hash >>> 0;
}

/** The workspace folder of a corpus: its label, made a safe folder name. */
export function folderOf(corpus) {
  return corpus.label.replace(/[^\w.+-]+/g, '_');
}

/** Copies files of a corpus into `root/<folder>`, with the pyproject.toml that names its Python version. */
export function copyCorpus(corpus, files, root) {
  const target = join(root, folderOf(corpus));
  mkdirSync(target, { recursive: true });
  writeFileSync(join(target, 'pyproject.toml'), `[tool.memhints]\npython-version = "${corpus.pythonVersion}"\n`);
  for (const file of files) {
    mkdirSync(dirname(join(target, file)), { recursive: true });
    copyFileSync(join(corpus.dir, file), join(target, file));
  }
}
