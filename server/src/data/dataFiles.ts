// The data files a document's reads name, found in the workspace and
// estimated once per version of the file. Reading a data file runs no code,
// so this works in untrusted workspaces too; it never follows a link out of
// the workspace, never opens anything but a regular file, and never throws.
import { lstatSync, realpathSync, type Stats } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { LRUCache } from 'lru-cache';
import type { CPythonLayout } from '../sizes/cpython';
import type { DataEstimateResult, DataFormat, SampleLimits, TableReadOptions } from './dataEstimate';
import { DEFAULT_SAMPLE_LIMITS } from './dataEstimate';
import type { DataRead } from './readCalls';

/** Estimates a read of a file known to be a regular file inside the workspace, sizing objects for `layout`. */
export type EstimateFile<Result> = (
  path: string,
  read: DataRead,
  limits: SampleLimits,
  layout: CPythonLayout,
) => Result;

/**
 * How a format is estimated: at once, or later for a reader that works
 * through callbacks or promises (zip archives, Parquet), or not, for a reason
 * the hover gives ("not estimated: Feather files are not read yet"). Tagged,
 * because a synchronous caller must know before calling that it would get a
 * promise.
 */
type FormatEstimator =
  | { readonly sync: EstimateFile<DataEstimateResult>; readonly async?: undefined; readonly unread?: undefined }
  | {
      readonly async: EstimateFile<Promise<DataEstimateResult>>;
      readonly sync?: undefined;
      readonly unread?: undefined;
    }
  | { readonly unread: string; readonly sync?: undefined; readonly async?: undefined };

/** The estimators by format; a format without one is "not estimated". */
export type FormatEstimators = Partial<Readonly<Record<DataFormat, FormatEstimator>>>;

/** What an estimate is kept under: the file's real path and the version of it that was read. */
interface CachedEstimate {
  readonly size: number;
  readonly mtimeMs: number;
  readonly result: DataEstimateResult;
}

interface FoundFile {
  readonly path: string;
  readonly stats: Stats;
}

/** One read of one version of a file: what the cache and the estimates under way are keyed by. */
interface Lookup {
  readonly file: FoundFile;
  readonly key: string;
  readonly version: string;
}

const CACHED_FILES = 256;

export class DataFiles {
  private readonly cache = new LRUCache<string, CachedEstimate>({ max: CACHED_FILES });
  /** Async estimates under way, by key and file version, so that asking twice reads the file once. */
  private readonly pending = new Map<string, Promise<DataEstimateResult>>();

  /** The roots with their links resolved, once: every lookup checks that a file lies inside one. */
  private readonly realRoots: readonly string[];

  constructor(
    private readonly roots: readonly string[],
    private readonly estimators: FormatEstimators,
  ) {
    this.realRoots = roots.map((root) => realOrUndefined(root) ?? root);
  }

  /**
   * The estimate for a read in the document at `documentPath`, its objects
   * sized for `layout`. A relative path is tried from the document's folder,
   * then from each workspace root: where a script or notebook is usually run
   * from. Undefined when no such file is in the workspace (it may exist only
   * where the program runs), and for a format estimated asynchronously
   * whose estimate estimateAsync has not made yet: this starts nothing.
   * At most `limits.maxSampleBytes` are read from the file; an estimate
   * made under other limits is not reused.
   */
  estimate(
    read: DataRead,
    documentPath: string | undefined,
    layout: CPythonLayout,
    limits: SampleLimits = DEFAULT_SAMPLE_LIMITS,
  ): DataEstimateResult | undefined {
    const lookup = this.lookup(read, documentPath, layout, limits);
    if (!lookup || 'reason' in lookup) return lookup;
    const estimator = this.estimators[read.format];
    if (estimator?.unread !== undefined) return { reason: estimator.unread };
    const cached = this.cached(lookup);
    if (cached || estimator?.async) return cached;
    const path = lookup.file.path;
    const sync = estimator?.sync;
    return this.remember(lookup, sync ? safely(() => sync(path, read, limits, layout)) : noReader(read));
  }

  /** The estimate for a read, as `estimate` gives it, for every format; kept so that `estimate` sees it later. */
  async estimateAsync(
    read: DataRead,
    documentPath: string | undefined,
    layout: CPythonLayout,
    limits: SampleLimits = DEFAULT_SAMPLE_LIMITS,
  ): Promise<DataEstimateResult | undefined> {
    const estimator = this.estimators[read.format];
    if (!estimator?.async) return this.estimate(read, documentPath, layout, limits);
    const lookup = this.lookup(read, documentPath, layout, limits);
    if (!lookup || 'reason' in lookup) return lookup;
    const cached = this.cached(lookup);
    if (cached) return cached;
    let running = this.pending.get(lookup.version);
    if (!running) {
      running = safelyAsync(() => estimator.async(lookup.file.path, read, limits, layout)).then((result) => {
        this.pending.delete(lookup.version);
        return this.remember(lookup, result);
      });
      this.pending.set(lookup.version, running);
    }
    return running;
  }

  private lookup(
    read: DataRead,
    documentPath: string | undefined,
    layout: CPythonLayout,
    limits: SampleLimits,
  ): Lookup | { reason: string } | undefined {
    const file = this.locate(read.path, documentPath);
    if (!file || 'reason' in file) return file;
    const key = [
      read.format,
      file.path,
      layout.label,
      optionsKey(read.options),
      read.textKind ?? '',
      limits.maxSampleBytes,
    ].join('\0');
    return { file, key, version: `${key}\0${file.stats.size}\0${file.stats.mtimeMs}` };
  }

  /** The kept estimate when it was made from the file as it is now. */
  private cached({ file, key }: Lookup): DataEstimateResult | undefined {
    const cached = this.cache.get(key);
    return cached && cached.size === file.stats.size && cached.mtimeMs === file.stats.mtimeMs
      ? cached.result
      : undefined;
  }

  private remember({ file, key }: Lookup, result: DataEstimateResult): DataEstimateResult {
    this.cache.set(key, { size: file.stats.size, mtimeMs: file.stats.mtimeMs, result });
    return result;
  }

  private locate(path: string, documentPath: string | undefined): FoundFile | { reason: string } | undefined {
    const bases = isAbsolute(path) ? [''] : [...(documentPath ? [dirname(documentPath)] : []), ...this.roots];
    for (const base of bases) {
      const candidate = resolve(base, path);
      const stats = statOrUndefined(candidate);
      if (!stats) continue;
      const real = realOrUndefined(candidate);
      if (!real || !this.realRoots.some((root) => isInside(real, root))) {
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

function noReader(read: DataRead): DataEstimateResult {
  return { reason: `not estimated: no reader for ${read.format} files` };
}

function failure(error: unknown): DataEstimateResult {
  return { reason: `not estimated: ${error instanceof Error ? error.message : String(error)}` };
}

/** An estimator's bug is a reason in the hover, never a crash of the server or the CLI. */
function safely(estimate: () => DataEstimateResult): DataEstimateResult {
  try {
    return estimate();
  } catch (error) {
    return failure(error);
  }
}

async function safelyAsync(estimate: () => Promise<DataEstimateResult>): Promise<DataEstimateResult> {
  try {
    return await estimate();
  } catch (error) {
    return failure(error);
  }
}

function optionsKey(options: TableReadOptions): string {
  return JSON.stringify(options);
}
