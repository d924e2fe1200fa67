// The kinds of value a setting takes: what package.json declares for it (a
// JSON schema), how a problem says what is expected, and how a value given in
// the editor's settings, a pyproject.toml or on the command line is read.
import { ALL_RULES } from '../rules';
import type { Severity } from '../rules/types';
import { BYTE_SIZE_PATTERN, byteSizeText, parseByteSize } from '../sizes/byteSizes';

/** The JSON schema of a setting, as package.json's contributes.configuration declares it. */
type SettingSchema = Readonly<Record<string, unknown>>;

export interface ValueKind<T> {
  readonly schema: SettingSchema;
  /** What a valid value is, as a problem says it after "must be". */
  readonly expected: string;
  /**
   * The value as memhints uses it (rule codes upper-cased), or undefined when
   * it is not of this kind. `entryProblem` hears of entries of a table that are
   * left out (`MEM101 = "loud"`): the rest of the table still counts.
   */
  read(value: unknown, entryProblem: (entry: string, problem: string) => void): T | undefined;
  /** A problem with a value of the right form (a code that names no rule), or undefined. */
  doubt?(value: T): string | undefined;
}

export const BOOLEAN: ValueKind<boolean> = {
  schema: { type: 'boolean' },
  expected: 'true or false',
  read: (value) => (typeof value === 'boolean' ? value : undefined),
};

export const STRING: ValueKind<string> = {
  schema: { type: 'string' },
  expected: 'a string',
  read: (value) => (typeof value === 'string' ? value : undefined),
};

/** A whole number of bytes, `minimum` or more. */
export function wholeBytes(minimum: 0 | 1): ValueKind<number> {
  return {
    schema: { type: 'integer', minimum },
    expected: `a whole number of bytes, ${minimum === 0 ? '0 or more' : 'at least 1'}`,
    read: (value) => (typeof value === 'number' && Number.isSafeInteger(value) && value >= minimum ? value : undefined),
  };
}

/** Where a byte size may fall. */
interface ByteRange {
  readonly minimum: number;
  readonly maximum: number;
  /** A size as a problem shows it: "16 GiB". */
  readonly example: string;
  /** What 0 stands for ("this machine's memory"), when it is allowed below the minimum. */
  readonly zeroMeans?: string;
}

/**
 * A size in bytes within `range`: a whole number, or a string with a unit
 * ("16 GiB", "512MB"; see sizes/byteSizes.ts). The settings UI cannot edit a
 * value of two types in place, so the editor offers settings.json for it.
 */
export function byteSize(range: ByteRange): ValueKind<number> {
  const inRange = (bytes: number) =>
    (bytes >= range.minimum && bytes <= range.maximum) || (bytes === 0 && range.zeroMeans !== undefined);
  const zero = range.zeroMeans === undefined ? '' : `0 (${range.zeroMeans}), or `;
  return {
    schema: {
      type: ['integer', 'string'],
      minimum: range.zeroMeans === undefined ? range.minimum : 0,
      maximum: range.maximum,
      pattern: BYTE_SIZE_PATTERN,
      patternErrorMessage: `A number of bytes, or a size such as "${range.example}" or "512 MB".`,
    },
    expected: `${zero}a size from ${byteSizeText(range.minimum)} to ${byteSizeText(range.maximum)}: a number of bytes, or a string such as "${range.example}"`,
    read(value) {
      const bytes =
        typeof value === 'number' && Number.isSafeInteger(value)
          ? value
          : typeof value === 'string'
            ? parseByteSize(value)
            : undefined;
      return bytes !== undefined && inRange(bytes) ? bytes : undefined;
    },
  };
}

/** A number of `unit` (seconds, MiB), 0 or more. */
export function amount(unit: string): ValueKind<number> {
  return {
    schema: { type: 'number', minimum: 0 },
    expected: `a number of ${unit}, 0 or more`,
    read: (value) => (typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined),
  };
}

/** One of a few strings. */
export function oneOf<T extends string>(values: readonly T[]): ValueKind<T> {
  return {
    schema: { type: 'string', enum: values },
    expected: `one of ${quotedList(values)} (a string)`,
    read: (value) =>
      typeof value === 'string' && (values as readonly string[]).includes(value) ? (value as T) : undefined,
  };
}

export const PATTERNS: ValueKind<readonly string[]> = {
  schema: { type: 'array', items: { type: 'string' } },
  expected: 'a list of gitignore-style patterns (strings)',
  read: (value) => (Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : undefined),
};

const CODE_PREFIX = /^MEM[0-9]{0,3}$/;
const RULE_CODES: ReadonlySet<string> = new Set(ALL_RULES.map((rule) => rule.code));

/** "MEM101", "MEM1" or "MEM", in any case. */
export function isCodeOrPrefix(value: unknown): value is string {
  return typeof value === 'string' && CODE_PREFIX.test(value.toUpperCase());
}

/** The codes or prefixes (upper-cased) that match no rule. */
export function unmatchedSelectors(codes: readonly string[]): string[] {
  return codes.filter((code) => ![...RULE_CODES].some((rule) => rule.startsWith(code)));
}

/** Codes or prefixes of rules, as `select` and `ignore` take them. */
export const RULE_SELECTORS: ValueKind<readonly string[]> = {
  schema: { type: 'array', items: { type: 'string' } },
  expected: 'a list of rule codes or prefixes such as "MEM101" or "MEM1"',
  read: (value) =>
    Array.isArray(value) && value.every(isCodeOrPrefix) ? value.map((item) => item.toUpperCase()) : undefined,
  doubt(codes) {
    const unmatched = unmatchedSelectors(codes);
    return unmatched.length === 0
      ? undefined
      : `${quotedList(unmatched)} ${unmatched.length === 1 ? 'matches' : 'match'} no rule`;
  },
};

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'information', 'hint'];
const SEVERITY = oneOf(SEVERITIES);

/** A severity per rule code: a table whose bad entries are left out, each with its problem. */
export const SEVERITY_TABLE: ValueKind<Readonly<Record<string, Severity>>> = {
  schema: { type: 'object', additionalProperties: { type: 'string', enum: SEVERITIES } },
  expected: 'a table of rule codes to severities, such as { MEM101 = "hint" }',
  read(value, entryProblem) {
    if (!isTable(value)) return undefined;
    const severity: Record<string, Severity> = {};
    for (const [code, level] of Object.entries(value)) {
      const known = SEVERITY.read(level, entryProblem);
      if (!RULE_CODES.has(code.toUpperCase())) entryProblem(code, 'is not a rule code');
      else if (known === undefined)
        entryProblem(code, `must be ${SEVERITY.expected.replace(' (a string)', '')}, not ${shownValue(level)}`);
      else severity[code.toUpperCase()] = known;
    }
    return severity;
  },
};

/** A value as the user wrote it, near enough, in TOML or JSON. */
export function shownValue(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(shownValue).join(', ')}]`;
  if (value instanceof Date) return 'a date';
  if (isTable(value)) return 'a table';
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

export function isTable(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function quotedList(values: readonly string[]): string {
  return values.map((value) => `"${value}"`).join(', ');
}
