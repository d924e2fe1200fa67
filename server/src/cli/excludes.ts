// What a directory search skips: Ruff's default excludes, virtual environments,
// .gitignore files (each relative to its own directory) and --exclude patterns.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';

/** Directory names never searched, as in Ruff's default `exclude`. */
export const DEFAULT_EXCLUDED_DIRS: ReadonlySet<string> = new Set([
  '.bzr',
  '.direnv',
  '.eggs',
  '.git',
  '.git-rewrite',
  '.hg',
  '.ipynb_checkpoints',
  '.mypy_cache',
  '.nox',
  '.pants.d',
  '.pytype',
  '.ruff_cache',
  '.svn',
  '.tox',
  '.venv',
  '__pypackages__',
  '_build',
  'buck-out',
  'dist',
  'node_modules',
  'site-packages',
  'venv',
]);

/** A virtual environment under any name: `python -m venv` and virtualenv both write pyvenv.cfg. */
export function isVirtualEnvironment(dir: string): boolean {
  return existsSync(join(dir, 'pyvenv.cfg'));
}

/** Gitignore-style patterns whose paths are relative to `base`. */
export interface PatternSet {
  readonly base: string;
  readonly patterns: Ignore;
}

/** The patterns of `dir/.gitignore`, if there is one. */
export function gitignoreIn(dir: string): PatternSet | undefined {
  const file = join(dir, '.gitignore');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  return { base: dir, patterns: ignore().add(text) };
}

export function patternSet(base: string, patterns: readonly string[]): PatternSet | undefined {
  return patterns.length > 0 ? { base, patterns: ignore().add([...patterns]) } : undefined;
}

/**
 * The .gitignore files above a searched directory that git would apply to it:
 * those of its ancestors up to the repository root (the directory holding
 * .git), outermost first. Outside a repository there are none.
 */
export function enclosingGitignores(dir: string): PatternSet[] {
  if (existsSync(join(dir, '.git'))) return [];
  const ancestors: string[] = [];
  for (let current = dirname(dir); ; current = dirname(current)) {
    ancestors.push(current);
    if (existsSync(join(current, '.git')))
      return ancestors.reverse().flatMap((ancestor) => gitignoreIn(ancestor) ?? []);
    if (current === dirname(current)) return [];
  }
}

/**
 * Whether a path is ignored by the pattern sets, outermost first: as in git, a
 * later (deeper) set's verdict, including a `!negation`, wins.
 */
export function isIgnored(sets: readonly PatternSet[], path: string, isDirectory: boolean): boolean {
  let ignored = false;
  for (const set of sets) {
    const relativePath = relative(set.base, path);
    if (!isInside(relativePath)) continue;
    const result = set.patterns.test(toPosix(relativePath) + (isDirectory ? '/' : ''));
    if (result.ignored) ignored = true;
    else if (result.unignored) ignored = false;
  }
  return ignored;
}

/** Whether a path from relative() stays below its base. */
export function isInside(relativePath: string): boolean {
  return (
    relativePath !== '' && relativePath !== '..' && !relativePath.startsWith(`..${sep}`) && !isAbsolute(relativePath)
  );
}

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}
