// The data files a document's reads name, found in the workspace and
// estimated once per version of the file. Reading a data file runs no code,
// so this works in untrusted workspaces too; it never follows a link out of
// the workspace, never opens anything but a regular file, and never throws.
import { lstatSync, realpathSync, type Stats } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { LRUCache } from 'lru-cache';
import type { DataEstimateResult, DataFormat, SampleLimits, TableReadOptions } from './dataEstimate';
import { DEFAULT_SAMPLE_LIMITS } from './dataEstimate';
import type { DataRead } from './readCalls';

/** Estimates one format from a file known to be a regular file inside the workspace. */
export type FormatEstimator = (path: string, read: DataRead, limits: SampleLimits) => DataEstimateResult;

/** The estimators by format; a format without one is "not estimated". */
export type FormatEstimators = Partial<Readonly<Record<DataFormat, FormatEstimator>>>;

/** What an estimate is kept under: the file's real path and the version of it that was read. */
interface CachedEstimate {
  readonly size: number;
  readonly mtimeMs: number;
  readonly result: DataEstimateResult;
}

const CACHED_FILES = 256;

export class DataFiles {
  private readonly cache = new LRUCache<string, CachedEstimate>({ max: CACHED_FILES });

  constructor(
    private readonly roots: readonly string[],
    private readonly estimators: FormatEstimators,
    private readonly limits: SampleLimits = DEFAULT_SAMPLE_LIMITS,
  ) {}

  /**
   * The estimate for a read in the document at `documentPath`. A relative path
   * is tried from the document's folder, then from each workspace root: where a
   * script or notebook is usually run from. Undefined when no such file is in
   * the workspace (it may exist only where the program runs).
   */
  estimate(read: DataRead, documentPath: string | undefined): DataEstimateResult | undefined {
    const found = this.locate(read.path, documentPath);
    if (!found) return undefined;
    if ('reason' in found) return { reason: found.reason };
    const key = `${read.format}\0${found.path}\0${optionsKey(read.options)}\0${read.textKind ?? ''}`;
    const cached = this.cache.get(key);
    if (cached && cached.size === found.stats.size && cached.mtimeMs === found.stats.mtimeMs) return cached.result;
    const estimator = this.estimators[read.format];
    const result = estimator
      ? safely(() => estimator(found.path, read, this.limits))
      : { reason: `not estimated: no reader for ${read.format} files` };
    this.cache.set(key, { size: found.stats.size, mtimeMs: found.stats.mtimeMs, result });
    return result;
  }

  private locate(
    path: string,
    documentPath: string | undefined,
  ): { path: string; stats: Stats } | { reason: string } | undefined {
    const bases = isAbsolute(path) ? [''] : [...(documentPath ? [dirname(documentPath)] : []), ...this.roots];
    for (const base of bases) {
      const candidate = resolve(base, path);
      const stats = statOrUndefined(candidate);
      if (!stats) continue;
      const real = realOrUndefined(candidate);
      if (!real || !this.roots.some((root) => isInside(real, realOrUndefined(root) ?? root))) {
        return { reason: 'not estimated: the file is outside the workspace' };
      }
      const target = stats.isSymbolicLink() ? statOrUndefined(real) : stats;
      if (!target?.isFile()) return { reason: 'not estimated: not a regular file' };
      return { path: real, stats: target };
    }
    return undefined;
  }
}

function isInside(path: string, root: string): boolean {
  const fromRoot = relative(root, path);
  return fromRoot === '' || (!fromRoot.startsWith(`..${sep}`) && fromRoot !== '..' && !isAbsolute(fromRoot));
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

function realOrUndefined(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

/** An estimator's bug is a reason in the hover, never a crash of the server or the CLI. */
function safely(estimate: () => DataEstimateResult): DataEstimateResult {
  try {
    return estimate();
  } catch (error) {
    return { reason: `not estimated: ${error instanceof Error ? error.message : String(error)}` };
  }
}

function optionsKey(options: TableReadOptions): string {
  return JSON.stringify(options);
}
