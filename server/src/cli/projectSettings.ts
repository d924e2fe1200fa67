// The pyproject.toml settings of `memhints check`: the nearest [tool.memhints]
// above each file decides its rules, that above each searched directory its
// excludes; the command line's --select replaces the file's select, its
// --ignore adds to the file's ignore, and the options that set one value
// (--memory-budget) replace it. A file with problems stops the run.
import { dirname } from 'node:path';
import { DEFAULT_SETTINGS, selectRules, type Settings } from '../config/config';
import { ProjectConfigs, withFolderConfig, type ConfigFile, type FolderConfig } from '../config/projectConfig';
import { describeProblem } from '../config/pyproject';
import { ALL_RULES } from '../rules';
import type { CheckOptions } from './args';
import { ConfigError } from './errors';
import { patternSet, type PatternSet } from './excludes';
import { displayPath } from './files';
import type { LintOptions } from './lint';
import type { Rule } from '../rules/types';

/** The rules and severities a file is checked with: plain data, so that it can go to a worker thread. */
export type FileSettings = Pick<
  Settings,
  | 'select'
  | 'ignore'
  | 'severity'
  | 'reportSmall'
  | 'smallThreshold'
  | 'pythonVersion'
  | 'memoryBudget'
  | 'dataSampleSize'
>;

export class CheckSettings {
  private readonly configs = new ProjectConfigs();
  private readonly settings = new WeakMap<FolderConfig, FileSettings>();
  private readonly excludes = new WeakMap<ConfigFile, PatternSet | null>();

  constructor(
    private readonly options: Pick<
      CheckOptions,
      'select' | 'ignore' | 'reportSmall' | 'memoryBudget' | 'dataSampleSize'
    >,
    private readonly cwd: string,
  ) {}

  forFile(file: string): FileSettings {
    const folder = this.folder(dirname(file));
    let settings = this.settings.get(folder);
    if (!settings) {
      const project = withFolderConfig(DEFAULT_SETTINGS, folder);
      settings = {
        select: this.options.select.length > 0 ? this.options.select : project.select,
        ignore: [...project.ignore, ...this.options.ignore],
        severity: project.severity,
        reportSmall: this.options.reportSmall || project.reportSmall,
        smallThreshold: project.smallThreshold,
        pythonVersion: project.pythonVersion,
        memoryBudget: this.options.memoryBudget ?? project.memoryBudget,
        dataSampleSize: this.options.dataSampleSize ?? project.dataSampleSize,
      };
      this.settings.set(folder, settings);
    }
    return settings;
  }

  /** The `exclude` patterns that apply inside `dir`, relative to their pyproject.toml's folder. */
  excludeIn(dir: string): PatternSet | undefined {
    const file = this.folder(dir).file;
    if (!file) return undefined;
    let patterns = this.excludes.get(file);
    if (patterns === undefined) {
      patterns = patternSet(dirname(file.path), file.config.exclude ?? []) ?? null;
      this.excludes.set(file, patterns);
    }
    return patterns ?? undefined;
  }

  private folder(dir: string): FolderConfig {
    const folder = this.configs.forFolder(dir);
    if (folder.file && folder.file.problems.length > 0) {
      const shown = displayPath(folder.file.path, this.cwd);
      throw new ConfigError(folder.file.problems.map((problem) => describeProblem(shown, problem)));
    }
    return folder;
  }
}

export function lintOptions(settings: FileSettings, ignoreNoqa: boolean): LintOptions {
  return {
    rules: selectRules(ALL_RULES, settings),
    ignoreNoqa,
    severity: settings.severity,
    reportSmall: settings.reportSmall,
    smallBytes: settings.smallThreshold,
    pythonVersion: settings.pythonVersion,
  };
}

/** The rules that run on at least one file: what reports list and describe. */
export function rulesOfAny(settings: ReadonlySet<FileSettings>): Rule[] {
  const on = new Set([...settings].flatMap((each) => selectRules(ALL_RULES, each)));
  return ALL_RULES.filter((rule) => on.has(rule));
}
