// The editor's settings, read once into a typed object with defaults and
// validation, as the settings table (settingsTable.ts) describes them.
import type { TargetPythonVersion } from '../sizes/pythonVersions';
import type { Rule, Severity } from '../rules/types';
import { isTable } from './settingKinds';
import { defaultsOf, readSetting, SETTINGS, type ProblemReport, type SettingSpec } from './settingsTable';

export interface Settings {
  readonly enable: boolean;
  /** Codes or prefixes to enable; empty means every rule. */
  readonly select: readonly string[];
  /** Codes or prefixes to disable; wins over select. */
  readonly ignore: readonly string[];
  readonly severity: Readonly<Record<string, Severity>>;
  /** `memhints.inlayHints.sizes`: show the estimated size after allocations above the threshold. */
  readonly inlayHintSizes: boolean;
  /** `memhints.sizeThreshold`: bytes an allocation must exceed to get an inlay hint. */
  readonly sizeThreshold: number;
  /** The Python version the code targets, e.g. "3.11". */
  readonly pythonVersion: TargetPythonVersion;
  /** Files larger than this many bytes are not parsed. */
  readonly maxFileSize: number;
  /** `memhints.analysisBudget`: milliseconds the server spends on one version of a document in its main thread (0: no limit). */
  readonly analysisBudget: number;
  /** `memhints.reportSmall`: report findings of small scale, as hints. */
  readonly reportSmall: boolean;
  /** `memhints.smallThreshold`: findings holding fewer bytes than this, when the count is known, are small. */
  readonly smallThreshold: number;
  /** `memhints.memoryBudget`: the memory the checked programs may take, in bytes; 0 for this machine's. */
  readonly memoryBudget: number;
  /** `memhints.dataSampleSize`: at most this many bytes are read from one data file to estimate a read of it. */
  readonly dataSampleSize: number;
}

/** The table's entry for each field, typed by it. */
const EDITOR_SETTINGS: { readonly [K in keyof Settings]: SettingSpec<Settings[K]> } = {
  enable: SETTINGS.enable,
  select: SETTINGS.select,
  ignore: SETTINGS.ignore,
  severity: SETTINGS.severity,
  inlayHintSizes: SETTINGS.inlayHintSizes,
  sizeThreshold: SETTINGS.sizeThreshold,
  pythonVersion: SETTINGS.pythonVersion,
  maxFileSize: SETTINGS.maxFileSize,
  analysisBudget: SETTINGS.analysisBudget,
  reportSmall: SETTINGS.reportSmall,
  smallThreshold: SETTINGS.smallThreshold,
  memoryBudget: SETTINGS.memoryBudget,
  dataSampleSize: SETTINGS.dataSampleSize,
};

export const DEFAULT_SETTINGS: Settings = defaultsOf(EDITOR_SETTINGS);

export interface Validated<T> {
  readonly value: T;
  /** Human-readable problems; the defaults were used for those keys. */
  readonly problems: readonly string[];
}

/** Validates the editor's settings (`memhints.*` as an object), keeping defaults for bad keys. */
export function validateSettings(raw: unknown, source = 'memhints'): Validated<Settings> {
  const problems: string[] = [];
  const input = isTable(raw) ? raw : {};
  if (raw !== undefined && raw !== null && !isTable(raw)) problems.push(`${source}: settings must be an object`);
  const report: ProblemReport = (path, problem) => problems.push(`${source}.${path.join('.')} ${problem}`);
  return { value: { ...DEFAULT_SETTINGS, ...editorValues(EDITOR_SETTINGS, input, report) }, problems };
}

/** The valid values of the settings `specs` names in the editor's settings object; the others reported. */
function editorValues<T>(
  specs: { readonly [K in keyof T]: SettingSpec<T[K]> },
  input: Readonly<Record<string, unknown>>,
  report: ProblemReport,
): Partial<T> {
  const values: Partial<T> = {};
  for (const field of Object.keys(specs) as (keyof T)[]) {
    const spec = specs[field];
    const path = spec.editor!.split('.');
    const given = valueAt(input, path);
    const read = given === undefined ? undefined : readSetting(spec, path, given, report);
    if (read !== undefined) values[field] = read;
  }
  return values;
}

/** The value at a dotted key (`inlayHints.sizes`); what stands in the way when a part of it is not a table. */
function valueAt(input: Readonly<Record<string, unknown>>, path: readonly string[]): unknown {
  let value: unknown = input;
  for (const key of path) {
    if (!isTable(value)) return value;
    value = value[key];
  }
  return value;
}

/** The rules that a select/ignore pair leaves on; the longest matching prefix decides, as in Ruff. */
export function selectRules(rules: readonly Rule[], settings: Pick<Settings, 'select' | 'ignore'>): Rule[] {
  const longestMatch = (prefixes: readonly string[], code: string): number =>
    Math.max(-1, ...prefixes.filter((prefix) => code.startsWith(prefix)).map((prefix) => prefix.length));
  return rules.filter((rule) => {
    const selected = settings.select.length === 0 ? 0 : longestMatch(settings.select, rule.code);
    const ignored = longestMatch(settings.ignore, rule.code);
    // A more specific select (MEM101) beats a broader ignore (MEM1); on a tie, ignore wins.
    return selected >= 0 && selected > ignored;
  });
}
