// `[tool.memhints]` in a pyproject.toml: parsed with smol-toml and validated key by
// key, so that one bad key costs only that key (an unreadable file costs all).
import { isCodeOrPrefix, SEVERITIES } from './config';
import { isTargetPythonVersion, PYTHON_VERSIONS, type TargetPythonVersion } from '../sizes/pythonVersions';
import { ALL_RULES } from '../rules';
import type { Severity } from '../rules/types';
import { keyLocation, type TextSpan } from './tomlKeys';

/** The keys a pyproject.toml set, each valid. */
interface ProjectConfig {
  readonly select?: readonly string[];
  readonly ignore?: readonly string[];
  readonly severity?: Readonly<Record<string, Severity>>;
  readonly pythonVersion?: TargetPythonVersion;
  /** Gitignore-style patterns relative to the pyproject.toml's folder. */
  readonly exclude?: readonly string[];
  /** Bytes an allocation's estimated size must exceed to get an inlay hint. */
  readonly sizeThreshold?: number;
  /** Report findings of small scale, as hints. */
  readonly reportSmall?: boolean;
  /** Findings holding fewer bytes than this, when the count is known, are small. */
  readonly smallThreshold?: number;
}

export interface ConfigProblem extends TextSpan {
  /** The key as written in the file (`tool.memhints.select`); none for a syntax error. */
  readonly key?: string;
  readonly problem: string;
}

export interface Pyproject {
  /** It has a [tool.memhints] table, or is unreadable (whether it has one is then unknown, and its problem must be seen). */
  readonly configuresMemhints: boolean;
  readonly config: ProjectConfig;
  /** [project] requires-python, as written. */
  readonly requiresPython?: string;
  readonly problems: readonly ConfigProblem[];
}

// smol-toml's types describe its ES module; its CommonJS build (what require finds) is the same API.
type SmolToml = typeof import('smol-toml', { with: { 'resolution-mode': 'import' } });
const { parse, TomlError } = require('smol-toml') as SmolToml;

/** `pyproject.toml: tool.memhints.select: must be …`, as the CLI prints it and the editor shows it. */
export function describeProblem(file: string, problem: ConfigProblem): string {
  return `${file}: ${problem.key ?? `line ${problem.line + 1}, column ${problem.column + 1}`}: ${problem.problem}`;
}

const SECTION = ['tool', 'memhints'] as const;
const KNOWN_KEYS = ['select', 'ignore', 'severity', 'python-version', 'exclude', 'size-threshold', 'report-small', 'small-threshold'] as const;
type KnownKey = (typeof KNOWN_KEYS)[number];
const RULE_CODES: ReadonlySet<string> = new Set(ALL_RULES.map((rule) => rule.code));

export function readPyproject(text: string): Pyproject {
  let document: Record<string, unknown>;
  try {
    document = parse(text);
  } catch (error) {
    if (!(error instanceof TomlError)) throw error;
    // The message repeats the lines around the error after a blank line; the position says enough.
    const problem = `invalid TOML: ${error.message.split('\n')[0]!.replace(/^Invalid TOML document: /, '')}`;
    return { configuresMemhints: true, config: {}, problems: [{ problem, line: error.line - 1, column: Math.max(0, error.column - 1), length: 1 }] };
  }
  const project = document['project'];
  const requiresPython = isTable(project) && typeof project['requires-python'] === 'string' ? project['requires-python'] : undefined;
  const tool = document['tool'];
  const section = isTable(tool) ? tool['memhints'] : undefined;
  const base = { ...(requiresPython === undefined ? {} : { requiresPython }) };
  if (section === undefined) return { ...base, configuresMemhints: false, config: {}, problems: [] };
  const problems = new Problems(text);
  if (!isTable(section)) {
    problems.add([], 'must be a table of settings');
    return { ...base, configuresMemhints: true, config: {}, problems: problems.list };
  }
  return { ...base, configuresMemhints: true, config: validate(section, problems), problems: problems.list };
}

function validate(section: Record<string, unknown>, problems: Problems): ProjectConfig {
  const config: { -readonly [K in keyof ProjectConfig]: ProjectConfig[K] } = {};
  for (const [key, value] of Object.entries(section)) {
    if (!isKnownKey(key)) {
      const near = closest(key, KNOWN_KEYS);
      problems.add([key], `unknown key${near ? `; did you mean \`${near}\`?` : ` (known keys: ${KNOWN_KEYS.join(', ')})`}`);
      continue;
    }
    switch (key) {
      case 'select':
      case 'ignore': {
        const codes = ruleSelectors(key, value, problems);
        if (codes) config[key] = codes;
        break;
      }
      case 'severity': {
        const severity = severities(value, problems);
        if (severity) config.severity = severity;
        break;
      }
      case 'python-version':
        if (isTargetPythonVersion(value)) config.pythonVersion = value;
        else problems.add([key], `must be one of ${PYTHON_VERSIONS.map((version) => `"${version}"`).join(', ')} (a string), not ${shown(value)}`);
        break;
      case 'exclude':
        if (Array.isArray(value) && value.every((item) => typeof item === 'string')) config.exclude = value;
        else problems.add([key], `must be a list of gitignore-style patterns (strings), not ${shown(value)}`);
        break;
      case 'size-threshold':
        if (typeof value === 'number' && Number.isInteger(value) && value >= 0) config.sizeThreshold = value;
        else problems.add([key], `must be a whole number of bytes, 0 or more, not ${shown(value)}`);
        break;
      case 'report-small':
        if (typeof value === 'boolean') config.reportSmall = value;
        else problems.add([key], `must be true or false, not ${shown(value)}`);
        break;
      case 'small-threshold':
        if (typeof value === 'number' && Number.isInteger(value) && value >= 0) config.smallThreshold = value;
        else problems.add([key], `must be a whole number of bytes, 0 or more, not ${shown(value)}`);
        break;
    }
  }
  return config;
}

function ruleSelectors(key: 'select' | 'ignore', value: unknown, problems: Problems): string[] | undefined {
  if (!Array.isArray(value) || !value.every(isCodeOrPrefix)) {
    problems.add([key], `must be a list of rule codes or prefixes such as "MEM101" or "MEM1", not ${shown(value)}`);
    return undefined;
  }
  const codes = value.map((item) => item.toUpperCase());
  const unmatched = codes.filter((code) => ![...RULE_CODES].some((rule) => rule.startsWith(code)));
  if (unmatched.length > 0) {
    problems.add([key], `${unmatched.map((code) => `"${code}"`).join(', ')} ${unmatched.length === 1 ? 'matches' : 'match'} no rule`);
    return undefined;
  }
  return codes;
}

function severities(value: unknown, problems: Problems): Record<string, Severity> | undefined {
  if (!isTable(value)) {
    problems.add(['severity'], `must be a table of rule codes to severities, such as { MEM101 = "hint" }, not ${shown(value)}`);
    return undefined;
  }
  const severity: Record<string, Severity> = {};
  for (const [code, level] of Object.entries(value)) {
    if (!RULE_CODES.has(code.toUpperCase())) problems.add(['severity', code], 'is not a rule code');
    else if (typeof level !== 'string' || !SEVERITIES.has(level)) problems.add(['severity', code], `must be one of ${[...SEVERITIES].map((s) => `"${s}"`).join(', ')}, not ${shown(level)}`);
    else severity[code.toUpperCase()] = level as Severity;
  }
  return severity;
}

/** Problems with the place in the text that each one is about. */
class Problems {
  readonly list: ConfigProblem[] = [];
  constructor(private readonly text: string) {}

  add(path: readonly string[], problem: string): void {
    const key = [...SECTION, ...path].join('.');
    this.list.push({ key, problem, ...keyLocation(this.text, [...SECTION, ...path]) });
  }
}

/** The known key within two edits of a misspelt one (`selec`, `ignores`, `python_version`). */
function closest(key: string, known: readonly string[]): string | undefined {
  let best: { key: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = editDistance(key.toLowerCase().replace(/_/g, '-'), candidate);
    if (distance <= 2 && (!best || distance < best.distance)) best = { key: candidate, distance };
  }
  return best?.key;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    previous = current;
  }
  return previous[b.length]!;
}

/** A value as the user wrote it, near enough. */
function shown(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(shown).join(', ')}]`;
  if (value instanceof Date) return 'a date';
  if (isTable(value)) return 'a table';
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

function isKnownKey(key: string): key is KnownKey {
  return (KNOWN_KEYS as readonly string[]).includes(key);
}

function isTable(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}
