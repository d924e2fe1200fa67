// Asks python3 (places.py beside this file) what it makes of texts: whether
// each compiles, what it means, where its top-level statements start and
// where a string literal can go before a simple statement.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../paths';

const PLACES_PY = join(REPO_ROOT, 'test', 'support', 'fixPositions', 'places.py');

export interface PythonView {
  /** Why the text does not compile, or null. */
  readonly error: string | null;
  /** Its syntax tree without positions, the statements of the inserted string literal left out. */
  readonly meaning: string | null;
  /** 0-based lines where a top-level statement starts. */
  readonly statements: readonly number[];
  /** 0-based lines that start with a simple statement a string literal can be put before. */
  readonly prefixable: readonly number[];
}

/** One python3 process for all the texts; `prefix` is the value of the string literal inserted before statements, if any. */
export function pythonViews(items: readonly { text: string; prefix?: string }[]): PythonView[] {
  const result = spawnSync('python3', [PLACES_PY], {
    input: JSON.stringify(items.map(({ text, prefix }) => ({ text, prefix: prefix ?? null }))),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.error) throw new Error(`python3 could not be run: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`places.py failed (${result.status}):\n${result.stderr}`);
  return JSON.parse(result.stdout) as PythonView[];
}
