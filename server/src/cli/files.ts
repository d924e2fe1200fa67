// Which files a `memhints check PATH...` run looks at.
import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describeFileError } from '../config/fileErrors';
import { UsageError } from './errors';
import {
  DEFAULT_EXCLUDED_DIRS,
  enclosingGitignores,
  gitignoreIn,
  isIgnored,
  isInside,
  isVirtualEnvironment,
  patternSet,
  type PatternSet,
} from './excludes';

/** Python files and Jupyter notebooks. */
const CHECKED_EXTENSION = /\.(?:py|ipynb)$/;

export interface FileSearch {
  /** Absolute paths, sorted by the path shown for them. */
  readonly files: readonly string[];
  /** Directories that could not be listed, as "path: reason". */
  readonly problems: readonly string[];
  /** Files found through a symbolic link to a file outside the directory searched, with the file linked to: never fixed. */
  readonly linksOutside: ReadonlyMap<string, string>;
}

export interface SearchOptions {
  readonly cwd: string;
  /** Gitignore-style patterns relative to cwd (or to the searched directory when it lies outside cwd). */
  readonly exclude: readonly string[];
  /** More patterns that apply inside a directory (pyproject.toml's `exclude`). */
  readonly excludeIn?: (dir: string) => PatternSet | undefined;
}

/**
 * Files named on the command line, whatever their names, and the *.py and
 * *.ipynb files below named directories that no exclusion applies to.
 */
export function filesToCheck(paths: readonly string[], options: SearchOptions): FileSearch {
  const found = new Set<string>();
  const problems: string[] = [];
  const missing: string[] = [];
  const linksOutside = new Map<string, string>();
  for (const path of paths) {
    const absolute = resolve(options.cwd, path);
    let isDirectory: boolean;
    try {
      isDirectory = statSync(absolute).isDirectory();
    } catch (error) {
      missing.push(`${path}: ${describeFileError(error)}`);
      continue;
    }
    if (isDirectory) searchDirectory(absolute, options, { found, problems, linksOutside });
    else found.add(absolute);
  }
  if (missing.length > 0) throw new UsageError(`cannot check ${missing.join('; ')}`);
  const shown = [...found].map((file) => ({ file, key: displayPath(file, options.cwd) }));
  shown.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { files: shown.map(({ file }) => file), problems, linksOutside };
}

/** The path shown for a file: relative to cwd, or absolute when outside it. */
export function displayPath(file: string, cwd: string): string {
  const relativePath = relative(cwd, file);
  return isInside(relativePath) ? relativePath : file;
}

/** What a directory search adds to. */
interface Found {
  readonly found: Set<string>;
  readonly problems: string[];
  readonly linksOutside: Map<string, string>;
}

function searchDirectory(root: string, options: SearchOptions, { found, problems, linksOutside }: Found): void {
  const realRoot = realpathSync(root);
  const fromCwd = relative(options.cwd, root);
  const excluded = patternSet(fromCwd === '' || isInside(fromCwd) ? options.cwd : root, options.exclude);
  const skips = (path: string, isDirectory: boolean, gitignores: readonly PatternSet[]): boolean => {
    if (
      isIgnored(gitignores, path, isDirectory) ||
      (excluded !== undefined && isIgnored([excluded], path, isDirectory))
    )
      return true;
    const configured = options.excludeIn?.(dirname(path));
    return configured !== undefined && isIgnored([configured], path, isDirectory);
  };

  const pending: { dir: string; gitignores: readonly PatternSet[] }[] = [
    { dir: root, gitignores: enclosingGitignores(root) },
  ];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const own = gitignoreIn(next.dir);
    const gitignores = own ? [...next.gitignores, own] : next.gitignores;
    let entries: Dirent[];
    try {
      entries = readdirSync(next.dir, { withFileTypes: true });
    } catch (error) {
      problems.push(`${displayPath(next.dir, options.cwd)}: ${describeFileError(error)}`);
      continue;
    }
    for (const entry of entries) {
      const path = join(next.dir, entry.name);
      const kind = kindOf(entry, path);
      if (kind === 'directory') {
        if (DEFAULT_EXCLUDED_DIRS.has(entry.name) || skips(path, true, gitignores) || isVirtualEnvironment(path))
          continue;
        pending.push({ dir: path, gitignores });
      } else if (kind === 'file' && CHECKED_EXTENSION.test(entry.name) && !skips(path, false, gitignores)) {
        found.add(path);
        const outside = entry.isSymbolicLink() ? linkedOutside(path, realRoot) : undefined;
        if (outside) linksOutside.set(path, outside);
      }
    }
  }
}

/** The file a link leads to, when it lies outside the directory searched (fixing it would write there). */
function linkedOutside(link: string, realRoot: string): string | undefined {
  try {
    const target = realpathSync(link);
    return isInside(relative(realRoot, target)) ? undefined : target;
  } catch {
    return undefined;
  }
}

/** Symbolic links to files count as files; links to directories are not followed, so a search cannot loop. */
function kindOf(entry: Dirent, path: string): 'directory' | 'file' | 'other' {
  if (entry.isDirectory()) return 'directory';
  if (entry.isFile()) return 'file';
  if (!entry.isSymbolicLink()) return 'other';
  try {
    return statSync(path).isFile() ? 'file' : 'other';
  } catch {
    return 'other';
  }
}
