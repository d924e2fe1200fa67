// The command line, read with node's util.parseArgs into a typed command.
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { selectRules, validateSettings } from '../config';
import { DEFAULT_MAX_FILE_SIZE } from '../limits';
import { ALL_RULES } from '../rules';
import { UsageError } from './errors';
import { CHECK_HELP, MAIN_HELP } from './help';

export const OUTPUT_FORMATS = ['text', 'json'] as const;
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
  readonly select: readonly string[];
  readonly ignore: readonly string[];
  readonly exclude: readonly string[];
  readonly ignoreNoqa: boolean;
  readonly exitZero: boolean;
  readonly progress: boolean;
  /** Worker threads for large file sets; 1 checks every file in the main thread. */
  readonly jobs: number;
  /** Files larger than this many bytes are skipped with a notice. */
  readonly maxFileSize: number;
}

export type Command =
  | { readonly kind: 'help'; readonly text: string }
  | { readonly kind: 'version' }
  | { readonly kind: 'check'; readonly options: CheckOptions; readonly warnings: readonly string[] };

const OPTIONS = {
  format: { type: 'string' },
  fix: { type: 'boolean' },
  'unsafe-fixes': { type: 'boolean' },
  diff: { type: 'boolean' },
  select: { type: 'string', multiple: true },
  ignore: { type: 'string', multiple: true },
  exclude: { type: 'string', multiple: true },
  'ignore-noqa': { type: 'boolean' },
  'exit-zero': { type: 'boolean' },
  'no-progress': { type: 'boolean' },
  jobs: { type: 'string', short: 'j' },
  'max-file-size': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
} as const;

/** Reads argv (without node and the script); throws UsageError for anything it cannot use. */
export function parseCommandLine(argv: readonly string[]): Command {
  const { values, positionals } = parseOrExplain(argv);
  if (values.version) return { kind: 'version' };
  const [command, ...paths] = positionals;
  if (command === undefined) {
    if (values.help) return { kind: 'help', text: MAIN_HELP };
    throw new UsageError('no command given; try "memhints check PATH" or "memhints --help"');
  }
  if (command !== 'check') throw new UsageError(`unknown command "${command}"; the only command is "check" (see memhints --help)`);
  if (values.help) return { kind: 'help', text: CHECK_HELP };

  const format = values.format ?? 'text';
  if (!isOutputFormat(format)) throw new UsageError(`--format must be one of ${OUTPUT_FORMATS.join(', ')}, not "${format}"`);
  const diff = values.diff ?? false;
  if (diff && format !== 'text') throw new UsageError('--diff prints a diff, so it cannot be combined with --format json');
  const warnings: string[] = [];
  const select = ruleCodes('--select', values.select, warnings);
  const ignore = ruleCodes('--ignore', values.ignore, warnings);
  return {
    kind: 'check',
    warnings,
    options: {
      paths: paths.length > 0 ? paths : ['.'],
      format,
      fix: values.fix ?? false,
      unsafeFixes: values['unsafe-fixes'] ?? false,
      diff,
      select,
      ignore,
      exclude: commaList(values.exclude),
      ignoreNoqa: values['ignore-noqa'] ?? false,
      exitZero: values['exit-zero'] ?? false,
      progress: !(values['no-progress'] ?? false),
      jobs: jobCount(values.jobs),
      maxFileSize: byteCount(values['max-file-size']),
    },
  };
}

function parseOrExplain(argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      // Node appends advice about '--' that does not fit on one line; the first sentence says it all.
      throw new UsageError(`${(error as Error).message.split('. ')[0]!.replace(/\.$/, '')} (see memhints check --help)`);
    }
    throw error;
  }
}

function jobCount(value: string | undefined): number {
  if (value === undefined) return availableParallelism();
  if (!/^[1-9][0-9]*$/.test(value)) throw new UsageError(`--jobs must be a whole number of at least 1, not "${value}"`);
  return Number(value);
}

function byteCount(value: string | undefined): number {
  if (value === undefined) return DEFAULT_MAX_FILE_SIZE;
  if (!/^[1-9][0-9]*$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw new UsageError(`--max-file-size must be a whole number of bytes, at least 1, not "${value}"`);
  }
  return Number(value);
}

function isOutputFormat(value: string): value is OutputFormat {
  return (OUTPUT_FORMATS as readonly string[]).includes(value);
}

function commaList(values: readonly string[] | undefined): string[] {
  return (values ?? []).flatMap((value) => value.split(',')).map((item) => item.trim()).filter((item) => item !== '');
}

/** Codes or prefixes, validated as the settings are; one that matches no rule only earns a warning. */
function ruleCodes(option: string, values: readonly string[] | undefined, warnings: string[]): string[] {
  const items = commaList(values);
  const invalid = items.filter((item) => validateSettings({ select: [item] }).problems.length > 0);
  if (invalid.length > 0) {
    const what = invalid.length === 1 ? 'is not a rule code or prefix' : 'are not rule codes or prefixes';
    throw new UsageError(`${option}: ${invalid.map((item) => `"${item}"`).join(', ')} ${what} such as MEM101 or MEM1`);
  }
  const codes = validateSettings({ select: items }).value.select;
  for (const code of codes) {
    if (selectRules(ALL_RULES, { select: [code], ignore: [] }).length === 0) warnings.push(`${option} ${code} matches no rule`);
  }
  return [...codes];
}
