// `[tool.memhints]` in a pyproject.toml: parsed with smol-toml and validated key by
// key against the settings table, so that one bad key costs only that key (an
// unreadable file costs all).
import type { TargetPythonVersion } from '../sizes/pythonVersions';
import type { Severity } from '../rules/types';
import { isTable } from './settingKinds';
import { readSetting, SETTINGS, type SettingSpec } from './settingsTable';
import { TomlKeys, type TextSpan } from './tomlKeys';

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
  /** The memory the checked programs may take, in bytes; 0 for this machine's. */
  readonly memoryBudget?: number;
  /** Bytes read at most from one data file to estimate a read of it. */
  readonly dataSampleSize?: number;
}

/** The table's entry for each key, typed by the field it fills; in the order an unknown key's problem lists them. */
const PROJECT_SETTINGS: { readonly [K in keyof ProjectConfig]-?: SettingSpec<NonNullable<ProjectConfig[K]>> } = {
  select: SETTINGS.select,
  ignore: SETTINGS.ignore,
  severity: SETTINGS.severity,
  pythonVersion: SETTINGS.pythonVersion,
  exclude: SETTINGS.exclude,
  sizeThreshold: SETTINGS.sizeThreshold,
  reportSmall: SETTINGS.reportSmall,
  smallThreshold: SETTINGS.smallThreshold,
  memoryBudget: SETTINGS.memoryBudget,
  dataSampleSize: SETTINGS.dataSampleSize,
};

/** By key as the file spells it (`size-threshold`): the field it fills. */
const FIELDS_BY_KEY: ReadonlyMap<string, keyof ProjectConfig> = new Map(
  (Object.keys(PROJECT_SETTINGS) as (keyof ProjectConfig)[]).map((field) => [
    PROJECT_SETTINGS[field].pyproject!,
    field,
  ]),
);
const KNOWN_KEYS: readonly string[] = [...FIELDS_BY_KEY.keys()];

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
type SmolToml = typeof import('smol-toml', { with: { 'resolution-mode': 'import' }});
const { parse, TomlError } = require('smol-toml') as SmolToml;

/** `pyproject.toml: tool.memhints.select: must be …`, as the CLI prints it and the editor shows it. */
export function describeProblem(file: string, problem: ConfigProblem): string {
  return `${file}: ${problem.key ?? `line ${problem.line + 1}, column ${problem.column + 1}`}: ${problem.problem}`;
}

const SECTION = ['tool', 'memhints'] as const;

/** Problems listed per file: past a few dozen, more of them tell the user nothing new. */
const MAX_PROBLEMS = 100;

export function readPyproject(text: string): Pyproject {
  let document: Record<string, unknown>;
  try {
    document = parse(text);
  } catch (error) {
    if (!(error instanceof TomlError)) throw error;
    // The message repeats the lines around the error after a blank line; the position says enough.
    const problem = `invalid TOML: ${error.message.split('\n')[0]!.replace(/^Invalid TOML document: /, '')}`;
    return {
      configuresMemhints: true,
      config: {},
      problems: [{ problem, line: error.line - 1, column: Math.max(0, error.column - 1), length: 1 }],
    };
  }
  const project = document['project'];
  const requiresPython =
    isTable(project) && typeof project['requires-python'] === 'string' ? project['requires-python'] : undefined;
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
    const field = FIELDS_BY_KEY.get(key);
    if (field === undefined) {
      problems.add([key], () => {
        const near = closest(key, KNOWN_KEYS);
        return `unknown key${near ? `; did you mean \`${near}\`?` : ` (known keys: ${KNOWN_KEYS.join(', ')})`}`;
      });
      continue;
    }
    const read = readSetting<unknown>(PROJECT_SETTINGS[field], [key], value, (path, problem) =>
      problems.add(path, problem),
    );
    if (read !== undefined) Object.assign(config, { [field]: read });
  }
  return config;
}

/** Problems with the place in the text that each one is about. */
class Problems {
  private readonly listed: ConfigProblem[] = [];
  private unlisted = 0;
  private keys: TomlKeys | undefined;
  constructor(private readonly text: string) {}

  /** A problem with the key at `path`; its words are worked out only when it is listed. */
  add(path: readonly string[], problem: string | (() => string)): void {
    if (this.listed.length >= MAX_PROBLEMS) {
      this.unlisted++;
      return;
    }
    const key = [...SECTION, ...path].join('.');
    // The text is indexed once, on the first problem: most files have none.
    this.keys ??= new TomlKeys(this.text);
    const words = typeof problem === 'string' ? problem : problem();
    this.listed.push({ key, problem: words, ...this.keys.locate([...SECTION, ...path]) });
  }

  /** The problems listed, and past the cap one more that says how many were left out. */
  get list(): readonly ConfigProblem[] {
    if (this.unlisted === 0) return this.listed;
    const more = `${this.unlisted} more ${this.unlisted === 1 ? 'problem' : 'problems'} not listed (fix these first)`;
    return [...this.listed, { key: SECTION.join('.'), problem: more, ...this.keys!.locate(SECTION) }];
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
    for (let j = 1; j <= b.length; j++)
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    previous = current;
  }
  return previous[b.length]!;
}
