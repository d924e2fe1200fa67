// Settings, read once into a typed object with defaults and validation.
import { DEFAULT_TARGET_VERSION, isTargetPythonVersion, PYTHON_VERSIONS, type TargetPythonVersion } from '../sizes/pythonVersions';
import { DEFAULT_MAX_FILE_SIZE } from '../document/limits';
import type { Rule, Severity } from '../rules/types';
import { DEFAULT_SMALL_BYTES } from '../scale/scale';

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
  /** `memhints.reportSmall`: report findings of small scale, as hints. */
  readonly reportSmall: boolean;
  /** `memhints.smallThreshold`: findings holding fewer bytes than this, when the count is known, are small. */
  readonly smallThreshold: number;
}

export const DEFAULT_SETTINGS: Settings = {
  enable: true,
  select: [],
  ignore: [],
  severity: {},
  inlayHintSizes: false,
  sizeThreshold: 1024 * 1024,
  pythonVersion: DEFAULT_TARGET_VERSION,
  maxFileSize: DEFAULT_MAX_FILE_SIZE,
  reportSmall: false,
  smallThreshold: DEFAULT_SMALL_BYTES,
};

export const SEVERITIES: ReadonlySet<string> = new Set(['error', 'warning', 'information', 'hint']);
const CODE_PREFIX = /^MEM[0-9]{0,3}$/;

/** "MEM101", "MEM1" or "MEM", in any case. */
export function isCodeOrPrefix(value: unknown): value is string {
  return typeof value === 'string' && CODE_PREFIX.test(value.toUpperCase());
}

export interface Validated<T> {
  readonly value: T;
  /** Human-readable problems; the defaults were used for those keys. */
  readonly problems: readonly string[];
}

/** Validates raw settings (from VS Code or the CLI), keeping defaults for bad keys. */
export function validateSettings(raw: unknown, source = 'memhints'): Validated<Settings> {
  const problems: string[] = [];
  const input = isRecord(raw) ? raw : {};
  if (raw !== undefined && raw !== null && !isRecord(raw)) problems.push(`${source}: settings must be an object`);
  const codes = (key: 'select' | 'ignore'): string[] => {
    const value = input[key];
    if (value === undefined) return [];
    if (!Array.isArray(value) || !value.every(isCodeOrPrefix)) {
      problems.push(`${source}.${key} must be a list of rule codes or prefixes such as "MEM101" or "MEM1"`);
      return [];
    }
    return value.map((item: string) => item.toUpperCase());
  };
  const select = codes('select');
  const ignore = codes('ignore');
  const severity: Record<string, Severity> = {};
  if (isRecord(input['severity'])) {
    for (const [code, level] of Object.entries(input['severity'])) {
      if (typeof level === 'string' && SEVERITIES.has(level)) severity[code.toUpperCase()] = level as Severity;
      else problems.push(`${source}.severity.${code} must be one of ${[...SEVERITIES].join(', ')}`);
    }
  } else if (input['severity'] !== undefined) {
    problems.push(`${source}.severity must map rule codes to a severity`);
  }
  const enable = typeof input['enable'] === 'boolean' ? input['enable'] : DEFAULT_SETTINGS.enable;
  const inlayHints = input['inlayHints'];
  const sizes = isRecord(inlayHints) ? inlayHints['sizes'] : undefined;
  if ((inlayHints !== undefined && !isRecord(inlayHints)) || (sizes !== undefined && typeof sizes !== 'boolean')) {
    problems.push(`${source}.inlayHints.sizes must be true or false`);
  }
  const inlayHintSizes = typeof sizes === 'boolean' ? sizes : DEFAULT_SETTINGS.inlayHintSizes;
  const threshold = input['sizeThreshold'];
  const validThreshold = typeof threshold === 'number' && Number.isFinite(threshold) && threshold >= 0;
  if (threshold !== undefined && !validThreshold) problems.push(`${source}.sizeThreshold must be a number of bytes, 0 or more`);
  const sizeThreshold = validThreshold ? threshold : DEFAULT_SETTINGS.sizeThreshold;
  let pythonVersion = DEFAULT_SETTINGS.pythonVersion;
  if (isTargetPythonVersion(input['pythonVersion'])) pythonVersion = input['pythonVersion'];
  else if (input['pythonVersion'] !== undefined) problems.push(`${source}.pythonVersion must be one of ${PYTHON_VERSIONS.join(', ')}`);
  const reportSmall = input['reportSmall'] ?? DEFAULT_SETTINGS.reportSmall;
  if (typeof reportSmall !== 'boolean') problems.push(`${source}.reportSmall must be true or false`);
  const smallThreshold = input['smallThreshold'] ?? DEFAULT_SETTINGS.smallThreshold;
  const validSmall = typeof smallThreshold === 'number' && Number.isFinite(smallThreshold) && smallThreshold >= 0;
  if (!validSmall) problems.push(`${source}.smallThreshold must be a number of bytes, 0 or more`);
  const maxFileSize = input['maxFileSize'] ?? DEFAULT_SETTINGS.maxFileSize;
  if (!isByteCount(maxFileSize)) problems.push(`${source}.maxFileSize must be a whole number of bytes, at least 1`);
  return {
    value: { enable, select, ignore, severity, inlayHintSizes, sizeThreshold, pythonVersion, maxFileSize: isByteCount(maxFileSize) ? maxFileSize : DEFAULT_SETTINGS.maxFileSize,
      reportSmall: typeof reportSmall === 'boolean' ? reportSmall : DEFAULT_SETTINGS.reportSmall,
      smallThreshold: validSmall ? smallThreshold : DEFAULT_SETTINGS.smallThreshold,
    },
    problems,
  };
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

function isByteCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 1;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
