// The command line, read with node's util.parseArgs into a typed command.
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { isCodeOrPrefix, unmatchedSelectors } from '../config/settingKinds';
import { readSetting, SETTINGS, type SettingSpec } from '../config/settingsTable';
import { ruleByCode } from '../rules';
import type { Rule } from '../rules/types';
import { UsageError } from './errors';
import { CHECK_HELP, MAIN_HELP, MEASURE_HELP, RULE_HELP } from './help';
import { MEASURE_OPTION_NAMES, measureOptions, type MeasureOptions } from './measureArgs';

export const OUTPUT_FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface CheckOptions {
  /** As typed; `.` when none were given. */
  readonly paths: readonly string[];
  readonly format: OutputFormat;
  /** Write fixed files back. */
  readonly fix: boolean;
  /** Apply and count unsafe fixes too. */
  readonly unsafeFixes: boolean;
  /** Print the fixes as a diff instead of writing them. */
  readonly diff: boolean;
  /** Print how many findings each rule has instead of the findings. */
  readonly statistics: boolean;
  readonly select: readonly string[];
  readonly ignore: readonly string[];
  readonly exclude: readonly string[];
  readonly ignoreNoqa: boolean;
  /** Report findings of small scale too, as hints. */
  readonly reportSmall: boolean;
  readonly exitZero: boolean;
  readonly progress: boolean;
  /** Worker threads for large file sets; 1 checks every file in the main thread. */
  readonly jobs: number;
  /** Files larger than this many bytes are skipped with a notice. */
  readonly maxFileSize: number;
  /** The memory the checked programs may take (0: this machine's); unset, each file's pyproject.toml decides. */
  readonly memoryBudget?: number;
  /** Bytes read at most from one data file; unset, each file's pyproject.toml decides. */
  readonly dataSampleSize?: number;
}

export type Command =
  | { readonly kind: 'help'; readonly text: string }
  | { readonly kind: 'version' }
  | { readonly kind: 'rule'; readonly rule: Rule }
  | { readonly kind: 'rules' }
  | { readonly kind: 'measure'; readonly options: MeasureOptions }
  | { readonly kind: 'check'; readonly options: CheckOptions; readonly warnings: readonly string[] };

const OPTIONS = {
  format: { type: 'string' },
  fix: { type: 'boolean' },
  'unsafe-fixes': { type: 'boolean' },
  diff: { type: 'boolean' },
  statistics: { type: 'boolean' },
  select: { type: 'string', multiple: true },
  ignore: { type: 'string', multiple: true },
  exclude: { type: 'string', multiple: true },
  'ignore-noqa': { type: 'boolean' },
  'report-small': { type: 'boolean' },
  'exit-zero': { type: 'boolean' },
  'no-progress': { type: 'boolean' },
  jobs: { type: 'string', short: 'j' },
  all: { type: 'boolean' },
  python: { type: 'string' },
  timeout: { type: 'string' },
  'memory-limit': { type: 'string' },
  top: { type: 'string' },
  plot: { type: 'string' },
  frames: { type: 'string' },
  'max-file-size': { type: 'string' },
  'memory-budget': { type: 'string' },
  'data-sample-size': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
} as const;

/** Reads argv (without node and the script); throws UsageError for anything it cannot use. */
export function parseCommandLine(argv: readonly string[]): Command {
  // After "--" come paths for check (however they are spelt) and the script's own arguments for measure.
  const separator = argv.indexOf('--');
  const { values, positionals } = parseOrExplain(separator < 0 ? argv : argv.slice(0, separator));
  const afterSeparator = separator < 0 ? [] : argv.slice(separator + 1);
  if (values.version) return { kind: 'version' };
  const [command, ...paths] = positionals;
  if (command === undefined) {
    if (values.help) return { kind: 'help', text: MAIN_HELP };
    throw new UsageError('no command given; try "memhints check PATH" or "memhints --help"');
  }
  if (command === 'rule') return ruleCommand(values, [...paths, ...afterSeparator]);
  if (command === 'measure') return measureCommand(values, paths, afterSeparator);
  if (command !== 'check')
    throw new UsageError(
      `unknown command "${command}"; the commands are "check", "measure" and "rule" (see memhints --help)`,
    );
  if (values.help) return { kind: 'help', text: CHECK_HELP };
  if (values.all) throw new UsageError('--all is an option of memhints rule, not of memhints check');
  const measureOnly = MEASURE_OPTION_NAMES.filter((option) => option !== 'format' && option in values);
  if (measureOnly.length > 0)
    throw new UsageError(`--${measureOnly[0]} is an option of memhints measure, not of memhints check`);
  paths.push(...afterSeparator);

  const format = values.format ?? 'text';
  if (!isOutputFormat(format))
    throw new UsageError(`--format must be one of ${OUTPUT_FORMATS.join(', ')}, not "${format}"`);
  const diff = values.diff ?? false;
  if (diff && format !== 'text')
    throw new UsageError(`--diff prints a diff, so it cannot be combined with --format ${format}`);
  const statistics = values.statistics ?? false;
  if (statistics && diff) throw new UsageError('--statistics and --diff cannot be combined');
  if (statistics && format !== 'text' && format !== 'json')
    throw new UsageError(`--statistics prints text or json, not --format ${format}`);
  const warnings: string[] = [];
  const select = ruleCodes('--select', values.select, warnings);
  const ignore = ruleCodes('--ignore', values.ignore, warnings);
  const memoryBudget = settingOption(SETTINGS.memoryBudget, values['memory-budget']);
  const dataSampleSize = settingOption(SETTINGS.dataSampleSize, values['data-sample-size']);
  return {
    kind: 'check',
    warnings,
    options: {
      paths: paths.length > 0 ? paths : ['.'],
      format,
      fix: values.fix ?? false,
      unsafeFixes: values['unsafe-fixes'] ?? false,
      diff,
      statistics,
      select,
      ignore,
      exclude: commaList(values.exclude),
      ignoreNoqa: values['ignore-noqa'] ?? false,
      reportSmall: values['report-small'] ?? false,
      exitZero: values['exit-zero'] ?? false,
      progress: !(values['no-progress'] ?? false),
      jobs: jobCount(values.jobs),
      maxFileSize: settingOption(SETTINGS.maxFileSize, values['max-file-size']) ?? SETTINGS.maxFileSize.default,
      ...(memoryBudget === undefined ? {} : { memoryBudget }),
      ...(dataSampleSize === undefined ? {} : { dataSampleSize }),
    },
  };
}

type ParsedValues = ReturnType<typeof parseOrExplain>['values'];

/** `memhints rule CODE` or `memhints rule --all`; check's options mean nothing here. */
function ruleCommand(values: ParsedValues, codes: readonly string[]): Command {
  if (values.help) return { kind: 'help', text: RULE_HELP };
  const foreign = Object.keys(values).filter((option) => option !== 'all');
  if (foreign.length > 0)
    throw new UsageError(`--${foreign[0]} is not an option of memhints rule (see memhints rule --help)`);
  if (values.all) {
    if (codes.length > 0) throw new UsageError('give either a rule code or --all, not both');
    return { kind: 'rules' };
  }
  if (codes.length !== 1)
    throw new UsageError(
      codes.length === 0
        ? 'memhints rule needs a rule code such as MEM101, or --all'
        : 'memhints rule takes one rule code',
    );
  const rule = ruleByCode(codes[0]!);
  if (!rule) throw new UsageError(`unknown rule "${codes[0]}"`);
  return { kind: 'rule', rule };
}

/** `memhints measure FILE [-- ARGS]`; check's options mean nothing here. */
function measureCommand(values: ParsedValues, files: readonly string[], scriptArgs: readonly string[]): Command {
  if (values.help) return { kind: 'help', text: MEASURE_HELP };
  const foreign = Object.keys(values).filter((option) => !MEASURE_OPTION_NAMES.includes(option));
  if (foreign.length > 0)
    throw new UsageError(`--${foreign[0]} is not an option of memhints measure (see memhints measure --help)`);
  return { kind: 'measure', options: measureOptions(values, files, scriptArgs) };
}

function parseOrExplain(argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      // Node appends advice about '--' that does not fit on one line; the first sentence says it all.
      throw new UsageError(
        `${(error as Error).message.split('. ')[0]!.replace(/\.$/, '')} (see memhints check --help)`,
      );
    }
    throw error;
  }
}

/**
 * The default of --jobs: this thread, and a worker for each core, or part of
 * one, that the last minute's load average leaves idle; at most one job per
 * core. On two cores a second job made a run faster at a load of 1.5-1.9 and
 * slower at 8-13, where a worker finds no core of its own (docs/performance.md).
 */
export function defaultJobs(cores: number, loadAverage: number): number {
  return Math.min(cores, 1 + Math.max(0, Math.ceil(cores - loadAverage)));
}

function jobCount(value: string | undefined): number {
  if (value === undefined) return defaultJobs(availableParallelism(), loadavg()[0] ?? 0);
  if (!/^[1-9][0-9]*$/.test(value)) throw new UsageError(`--jobs must be a whole number of at least 1, not "${value}"`);
  return Number(value);
}

/** An option that sets a setting (--max-file-size, --memory-budget), read as the setting is; a number when written as digits. */
function settingOption<T>(spec: SettingSpec<T>, value: string | undefined): T | undefined {
  if (value === undefined) return undefined;
  const read = readSetting(spec, [], /^[0-9]+$/.test(value) ? Number(value) : value, () => undefined);
  if (read === undefined) throw new UsageError(`--${spec.flag} must be ${spec.kind.expected}, not "${value}"`);
  return read;
}

function isOutputFormat(value: string): value is OutputFormat {
  return (OUTPUT_FORMATS as readonly string[]).includes(value);
}

function commaList(values: readonly string[] | undefined): string[] {
  return (values ?? [])
    .flatMap((value) => value.split(','))
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** Codes or prefixes, validated as the settings are; one that matches no rule only earns a warning. */
function ruleCodes(option: string, values: readonly string[] | undefined, warnings: string[]): string[] {
  const items = commaList(values);
  const invalid = items.filter((item) => !isCodeOrPrefix(item));
  if (invalid.length > 0) {
    const what = invalid.length === 1 ? 'is not a rule code or prefix' : 'are not rule codes or prefixes';
    throw new UsageError(`${option}: ${invalid.map((item) => `"${item}"`).join(', ')} ${what} such as MEM101 or MEM1`);
  }
  const codes = items.map((item) => item.toUpperCase());
  for (const code of unmatchedSelectors(codes)) warnings.push(`${option} ${code} matches no rule`);
  return codes;
}
