// Every setting of memhints in one table: its name in the editor's settings
// (`memhints.<editor>`), in a pyproject.toml's [tool.memhints] and on the
// command line of `memhints check`, the kind of value it takes, its default
// and what it does. The editor's settings (config.ts), pyproject.toml
// (pyproject.ts) and the command line (cli/args.ts) are read and validated
// through readSetting; package.json's contributes.configuration is checked
// against the table by test/config/settingsTable.test.ts.
import { DEFAULT_SAMPLE_LIMITS } from '../data/dataEstimate';
import { DEFAULT_MAX_FILE_SIZE } from '../document/limits';
import type { Severity } from '../rules/types';
import { DEFAULT_SMALL_BYTES } from '../scale/scale';
import { DEFAULT_TARGET_VERSION, PYTHON_VERSIONS, type TargetPythonVersion } from '../sizes/pythonVersions';
import {
  amount,
  BOOLEAN,
  byteSize,
  oneOf,
  PATTERNS,
  RULE_SELECTORS,
  SEVERITY_TABLE,
  shownValue,
  STRING,
  wholeBytes,
  type ValueKind,
} from './settingKinds';

export interface SettingSpec<T> {
  /** The key under `memhints.` in the editor's settings (dotted for a nested one: `inlayHints.sizes`); none when the editor has no such setting. */
  readonly editor?: string;
  /** The key in [tool.memhints]; none when a pyproject.toml cannot set it. */
  readonly pyproject?: string;
  /** The option of `memhints check`, without its dashes; none when the command line has no such option. */
  readonly flag?: string;
  readonly kind: ValueKind<T>;
  readonly default: T;
  /** What the settings UI shows. */
  readonly description: string;
  /** Where VS Code lets it be set, when not the default scope (window: user, remote and workspace settings). */
  readonly scope?: 'resource';
  /** Read by the extension itself (the language client, the measure command), not by the language server. */
  readonly extensionOnly?: true;
  /**
   * An untrusted workspace cannot set it (VS Code's restrictedConfigurations):
   * it runs a program, or raises what the server reads from the workspace.
   */
  readonly restricted?: true;
}

function setting<T>(spec: SettingSpec<T>): SettingSpec<T> {
  return spec;
}

/** How long the language server works on one version of a document before it publishes what it has. */
const DEFAULT_ANALYSIS_BUDGET_MS = 500;

/** In the order the editor's settings UI lists them. */
export const SETTINGS = {
  enable: setting({
    editor: 'enable',
    kind: BOOLEAN,
    default: true,
    description: 'Check Python files for code that holds more memory than it needs.',
  }),
  select: setting<readonly string[]>({
    editor: 'select',
    pyproject: 'select',
    flag: 'select',
    kind: RULE_SELECTORS,
    default: [],
    description: 'Rule codes or prefixes to enable (e.g. ["MEM1"]). Empty means all rules.',
  }),
  ignore: setting<readonly string[]>({
    editor: 'ignore',
    pyproject: 'ignore',
    flag: 'ignore',
    kind: RULE_SELECTORS,
    default: [],
    description: 'Rule codes or prefixes to disable (e.g. ["MEM102"]).',
  }),
  inlayHintSizes: setting({
    editor: 'inlayHints.sizes',
    kind: BOOLEAN,
    default: true,
    description:
      'Show the estimated size (CPython, 64-bit) after allocations, and after reads of data files in the workspace, larger than memhints.sizeThreshold.',
  }),
  sizeThreshold: setting({
    editor: 'sizeThreshold',
    pyproject: 'size-threshold',
    kind: wholeBytes(0),
    default: 1024 * 1024,
    description: "Bytes an allocation's estimated size must exceed to get an inlay hint (default 1 MiB).",
  }),
  reportSmall: setting({
    editor: 'reportSmall',
    pyproject: 'report-small',
    flag: 'report-small',
    kind: BOOLEAN,
    default: false,
    description:
      'Also report findings of small scale (bounded by literals or a known count, holding less than memhints.smallThreshold), as hints. By default only findings that may hold data at scale are reported: warnings for large data (files, DataFrames, arrays, ranges over 100,000), information where the scale is unknown.',
  }),
  smallThreshold: setting({
    editor: 'smallThreshold',
    pyproject: 'small-threshold',
    kind: wholeBytes(0),
    default: DEFAULT_SMALL_BYTES,
    description: 'Bytes under which a finding whose count is known is of small scale (default 64 KiB).',
  }),
  severity: setting<Readonly<Record<string, Severity>>>({
    editor: 'severity',
    pyproject: 'severity',
    kind: SEVERITY_TABLE,
    default: {},
    description: 'Severity per rule code, replacing the rule\'s own (e.g. {"MEM101": "hint"}).',
  }),
  pythonVersion: setting<TargetPythonVersion>({
    editor: 'pythonVersion',
    pyproject: 'python-version',
    kind: oneOf(PYTHON_VERSIONS),
    default: DEFAULT_TARGET_VERSION,
    description:
      "The Python version the code targets. A pyproject.toml's [tool.memhints] python-version, or its [project] requires-python, takes precedence.",
  }),
  pythonPath: setting({
    editor: 'pythonPath',
    kind: STRING,
    default: '',
    // Settable at every level, User settings of a remote window (SSH, WSL, Codespaces, code-server)
    // included, where a machine scope reads only the remote machine's settings; per folder too, for
    // a folder's own environment. Restricted: an untrusted workspace cannot choose what runs.
    scope: 'resource',
    extensionOnly: true,
    restricted: true,
    description:
      'The Python interpreter that "memhints: Measure memory of this file" runs the file with. Empty means the interpreter selected in the Python extension, when it is installed, else python3.',
  }),
  measureTimeout: setting({
    editor: 'measure.timeout',
    kind: amount('seconds'),
    default: 600,
    extensionOnly: true,
    description: 'Seconds "memhints: Measure memory of this file" lets the file run before stopping it (0: no limit).',
  }),
  measureMemoryLimit: setting({
    editor: 'measure.memoryLimit',
    kind: amount('MiB'),
    default: 0,
    extensionOnly: true,
    description:
      'MiB of address space the Python process measuring a file may take (interpreter and tracer included); past it the script stops with a MemoryError. 0: no limit.',
  }),
  maxFileSize: setting({
    editor: 'maxFileSize',
    flag: 'max-file-size',
    kind: wholeBytes(1),
    default: DEFAULT_MAX_FILE_SIZE,
    restricted: true,
    description:
      'Files larger than this many bytes (2 MiB by default) are not checked; they get one information diagnostic saying so.',
  }),
  analysisBudget: setting({
    editor: 'analysisBudget',
    kind: amount('milliseconds'),
    default: DEFAULT_ANALYSIS_BUDGET_MS,
    description:
      'Milliseconds the language server spends on one version of a file in the editor before it shows what it has found, marked as partial, and checks the rest on a thread of its own, where a slow file holds up no other (default 500; 0: no limit).',
  }),
  memoryBudget: setting({
    editor: 'memoryBudget',
    pyproject: 'memory-budget',
    flag: 'memory-budget',
    kind: byteSize({ minimum: 2 ** 20, maximum: 2 ** 50, example: '16 GiB', zeroMeans: "this machine's memory" }),
    default: 0,
    description:
      'The memory the checked programs may take, in bytes or as a size such as "16 GiB": MEM404 warns on a read of a data file in the workspace that would take more than half of it once loaded. 0: the memory of the machine memhints runs on.',
  }),
  dataSampleSize: setting({
    editor: 'dataSampleSize',
    pyproject: 'data-sample-size',
    flag: 'data-sample-size',
    kind: byteSize({ minimum: 2 ** 10, maximum: 64 * 2 ** 20, example: '4 MiB' }),
    default: DEFAULT_SAMPLE_LIMITS.maxSampleBytes,
    restricted: true,
    description:
      'At most this many bytes are read from a data file in the workspace to estimate what a read of it will hold (default 1 MiB), in bytes or as a size such as "4 MiB".',
  }),
  traceServer: setting({
    editor: 'trace.server',
    kind: oneOf(['off', 'messages', 'verbose']),
    default: 'off',
    extensionOnly: true,
    description: 'Traces the communication between VS Code and the memhints language server.',
  }),
  exclude: setting<readonly string[]>({
    pyproject: 'exclude',
    flag: 'exclude',
    kind: PATTERNS,
    default: [],
    description:
      'Gitignore-style patterns of files `memhints check` leaves out, on top of the defaults; in a pyproject.toml, relative to its folder.',
  }),
} as const;

/** The defaults of the settings `specs` names, by field. */
export function defaultsOf<T>(specs: { readonly [K in keyof T]: SettingSpec<T[K]> }): T {
  const defaults: Partial<T> = {};
  for (const field of Object.keys(specs) as (keyof T)[]) defaults[field] = specs[field].default;
  return defaults as T;
}

/** Hears of a problem with the value at `path` (the setting's key, then the entry of a table). */
export type ProblemReport = (path: readonly string[], problem: string) => void;

/**
 * A setting's value, read and validated: undefined when it is not valid, after
 * reporting why (`must be …, not …`, or a doubt such as a code that names no
 * rule). `path` is where the value was found, for the report.
 */
export function readSetting<T>(
  spec: SettingSpec<T>,
  path: readonly string[],
  value: unknown,
  report: ProblemReport,
): T | undefined {
  const read = spec.kind.read(value, (entry, problem) => report([...path, entry], problem));
  if (read === undefined) {
    report(path, `must be ${spec.kind.expected}, not ${shownValue(value)}`);
    return undefined;
  }
  const doubt = spec.kind.doubt?.(read);
  if (doubt === undefined) return read;
  report(path, doubt);
  return undefined;
}
