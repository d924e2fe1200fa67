// Which pyproject.toml configures a folder, and the settings that result. As in
// Ruff, the nearest pyproject.toml with a [tool.memhints] table wins outright
// (no merging across files), and the keys it sets win over the editor's settings.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describeFileError } from './fileErrors';
import type { Settings } from './config';
import { readPyproject, type Pyproject } from './pyproject';
import { lowestAllowedVersion } from './pythonVersion';

export const PYPROJECT = 'pyproject.toml';

export interface ConfigFile extends Pyproject {
  /** Absolute path of the pyproject.toml. */
  readonly path: string;
}

/** What applies to the files of one folder. */
export interface FolderConfig {
  /** The nearest pyproject.toml with a [tool.memhints] table (or one that cannot be read). */
  readonly file?: ConfigFile;
  /** requires-python of that file, or else of the nearest pyproject.toml. */
  readonly requiresPython?: string;
}

/** A file's text, or undefined when there is no such file. */
export type ReadText = (path: string) => string | undefined;

/** Looks pyproject.toml files up and keeps what it read until told they changed. */
export class ProjectConfigs {
  private readonly files = new Map<string, ConfigFile | null>();
  private readonly folders = new Map<string, FolderConfig>();

  constructor(private readonly read: ReadText = readTextIfExists) {}

  /** Searches `dir` and its parents, up to and including `top` when given, else to the filesystem root. */
  forFolder(dir: string, top?: string): FolderConfig {
    const cacheKey = `${dir}\0${top ?? ''}`;
    let found = this.folders.get(cacheKey);
    if (!found) {
      found = this.search(dir, top);
      this.folders.set(cacheKey, found);
    }
    return found;
  }

  /** Every pyproject.toml read since the last change. */
  loaded(): ConfigFile[] {
    return [...this.files.values()].filter((file): file is ConfigFile => file !== null);
  }

  /** Forgets everything read: call when a pyproject.toml was created, changed or deleted. */
  clear(): void {
    this.files.clear();
    this.folders.clear();
  }

  private search(start: string, top: string | undefined): FolderConfig {
    let requiresPython: string | undefined;
    for (let dir = start; ; dir = dirname(dir)) {
      const file = this.file(join(dir, PYPROJECT));
      requiresPython ??= file?.requiresPython;
      if (file?.configuresMemhints) return { file, requiresPython: file.requiresPython ?? requiresPython };
      if (dir === top || dir === dirname(dir)) return { requiresPython };
    }
  }

  private file(path: string): ConfigFile | undefined {
    let file = this.files.get(path);
    if (file === undefined) {
      file = this.parsed(path);
      this.files.set(path, file);
    }
    return file ?? undefined;
  }

  private parsed(path: string): ConfigFile | null {
    let text: string | undefined;
    try {
      text = this.read(path);
    } catch (error) {
      // One that exists but cannot be read is not skipped: its settings would silently not apply.
      const problem = `cannot be read: ${describeFileError(error)}`;
      return { path, configuresMemhints: true, config: {}, problems: [{ problem, line: 0, column: 0, length: 0 }] };
    }
    return text === undefined ? null : { path, ...readPyproject(text) };
  }
}

/**
 * `base` with a folder's pyproject.toml on top: each key the file sets replaces
 * the setting, except severities, which combine code by code. The Python version
 * is the file's `python-version`, else the lowest that `requires-python` allows,
 * else the setting.
 */
export function withFolderConfig(base: Settings, folder: FolderConfig): Settings {
  const config = folder.file?.config ?? {};
  const required = folder.requiresPython === undefined ? undefined : lowestAllowedVersion(folder.requiresPython);
  return {
    ...base,
    select: config.select ?? base.select,
    ignore: config.ignore ?? base.ignore,
    severity: config.severity ? { ...base.severity, ...config.severity } : base.severity,
    pythonVersion: config.pythonVersion ?? required ?? base.pythonVersion,
    sizeThreshold: config.sizeThreshold ?? base.sizeThreshold,
    reportSmall: config.reportSmall ?? base.reportSmall,
    smallThreshold: config.smallThreshold ?? base.smallThreshold,
    memoryBudget: config.memoryBudget ?? base.memoryBudget,
    dataSampleSize: config.dataSampleSize ?? base.dataSampleSize,
  };
}

/** A file's text; undefined when there is none; throws when it exists but cannot be read. */
export function readTextIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return undefined;
    throw error;
  }
}
