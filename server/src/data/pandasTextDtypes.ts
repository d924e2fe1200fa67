// The dtype pandas' C parser (pandas/_libs/parsers.pyx, _convert_tokens) gives a
// column of text when the code asks for none: int64, else (on overflow) uint64,
// else float64, else bool, else object. Checked against pandas 1.5.3 and 2.2.3.

/**
 * pandas' default na_values (pandas/_libs/parsers.pyx STR_NA_VALUES), matched
 * exactly, without stripping. 'None' is in it from pandas 2.0; pandas 1.x reads
 * 'None' as text.
 */
const PANDAS_NA_VALUES: ReadonlySet<string> = new Set([
  '',
  '#N/A',
  '#N/A N/A',
  '#NA',
  '-1.#IND',
  '-1.#QNAN',
  '-NaN',
  '-nan',
  '1.#IND',
  '1.#QNAN',
  '<NA>',
  'N/A',
  'NA',
  'NULL',
  'NaN',
  'None',
  'n/a',
  'nan',
  'null',
]);

/** The strings a read takes as missing, and the longest of them. */
export interface NaValues {
  readonly strings: ReadonlySet<string>;
  readonly longest: number;
}

function naValuesOf(strings: ReadonlySet<string>): NaValues {
  return { strings, longest: Math.max(0, ...[...strings].map((value) => value.length)) };
}

export const DEFAULT_NA_VALUES: NaValues = naValuesOf(PANDAS_NA_VALUES);

/** read_csv's NA strings: na_values added to the defaults, or alone when keep_default_na=False. */
export function readNaValues(keepDefault: boolean, extra: readonly string[]): NaValues {
  if (keepDefault && extra.length === 0) return DEFAULT_NA_VALUES;
  return naValuesOf(new Set([...(keepDefault ? PANDAS_NA_VALUES : []), ...extra]));
}

/** A field the row lacks (a short row) is missing too, whatever the NA strings. */
export function isMissing(value: string | undefined, na: NaValues = DEFAULT_NA_VALUES): boolean {
  // The length test spares hashing most fields, which are longer than any NA string.
  return value === undefined || (value.length <= na.longest && na.strings.has(value));
}

/**
 * What an object column holds per row: str objects with NaN for the missing
 * ('text'); True/False with NaN ('bool', a bool column with missing values);
 * str objects for every field, the NA strings too ('unfiltered', what pandas
 * leaves when an integer column overflows uint64 or mixes signs past int64).
 */
export type ObjectItems = 'text' | 'bool' | 'unfiltered';

export type TextDtype =
  | { readonly dtype: 'int64' | 'uint64' | 'float64' | 'bool' }
  | { readonly dtype: 'object'; readonly items: ObjectItems };

// tokenizer.c: str_to_int64 and xstrtod skip ASCII whitespace around the number.
const INTEGER = /^[ \t\n\v\f\r]*([+-]?)0*(\d+)[ \t\n\v\f\r]*$/;
const FLOAT = /^[ \t\n\v\f\r]*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[ \t\n\v\f\r]*$/;
// parsers.pyx _try_double: these compare case-insensitively and with no whitespace.
const INFINITY = /^[+-]?inf(?:inity)?$/i;
// tokenizer.c to_boolean: TRUE/FALSE in any case, exactly.
const BOOLEAN = /^(?:true|false)$/i;

const INT64_MAX = 9223372036854775807n;
const INT64_MIN = -9223372036854775808n;
const UINT64_MAX = 18446744073709551615n;

type Integer = 'int64' | 'above int64' | 'below int64' | 'above uint64' | 'not an integer';

function integerKind(value: string): Integer {
  const match = INTEGER.exec(value);
  if (!match) return 'not an integer';
  const [, sign, digits] = match as unknown as [string, string, string];
  // 18 digits always fit; only longer ones need a BigInt.
  if (digits.length <= 18) return 'int64';
  const number = BigInt(sign === '-' ? `-${digits}` : digits);
  if (number > UINT64_MAX) return 'above uint64';
  if (number > INT64_MAX) return 'above int64';
  return number < INT64_MIN ? 'below int64' : 'int64';
}

type Attempt<T> = T | 'invalid' | 'overflow';

/** _try_int64: the first invalid token gives up, the first overflowing one raises; a missing value makes it no int column. */
function tryInt64(values: readonly (string | undefined)[], na: NaValues): Attempt<'int64' | 'missing'> {
  let missing = false;
  for (const value of values) {
    if (isMissing(value, na)) {
      missing = true;
      continue;
    }
    const kind = integerKind(value!);
    if (kind === 'not an integer') return 'invalid';
    if (kind !== 'int64') return 'overflow';
  }
  return missing ? 'missing' : 'int64';
}

/** _try_uint64: invalid gives up; past uint64, or big values beside negatives or missing ones, raises. */
function tryUint64(values: readonly (string | undefined)[], na: NaValues): Attempt<'uint64'> {
  let negative = false;
  let missing = false;
  let aboveInt64 = false;
  for (const value of values) {
    if (isMissing(value, na)) {
      missing = true;
      continue;
    }
    const kind = integerKind(value!);
    if (kind === 'not an integer') return 'invalid';
    if (kind === 'above uint64' || kind === 'below int64') return 'overflow';
    if (kind === 'above int64') aboveInt64 = true;
    else if (value!.trim().startsWith('-')) negative = true;
  }
  return aboveInt64 && (negative || missing) ? 'overflow' : 'uint64';
}

function isFloat(value: string): boolean {
  return FLOAT.test(value) || INFINITY.test(value);
}

/**
 * The fields as pandas' number parsers see them with a thousands separator:
 * tokenizer.c skips it after a digit of a number's integer part ("1,234.5" is
 * 1234.5); elsewhere it stays, and the field is no number. Only the dtype is
 * inferred from these: an object column keeps the fields as written.
 */
export function withoutThousands(
  values: readonly (string | undefined)[],
  thousands: string | undefined,
): readonly (string | undefined)[] {
  if (thousands === undefined) return values;
  return values.map((value) => (value?.includes(thousands) ? integerPartWithout(value, thousands) : value));
}

function integerPartWithout(value: string, separator: string): string {
  let result = '';
  let inIntegerPart = true;
  for (let index = 0; index < value.length; index++) {
    const character = value[index]!;
    if (inIntegerPart && character === separator && isDigit(value[index - 1])) continue;
    if (character === '.' || character === 'e' || character === 'E') inIntegerPart = false;
    result += character;
  }
  return result;
}

function isDigit(character: string | undefined): boolean {
  return character !== undefined && character >= '0' && character <= '9';
}

/** The dtype pandas infers for a column of text, given its fields in row order (undefined: the row is short). */
export function inferTextDtype(values: readonly (string | undefined)[], na: NaValues = DEFAULT_NA_VALUES): TextDtype {
  const missing = (value: string | undefined) => isMissing(value, na);
  // A header with no rows under it: pandas makes empty object columns.
  if (values.length === 0) return { dtype: 'object', items: 'text' };
  const integer = tryInt64(values, na);
  if (integer === 'int64') return { dtype: 'int64' };
  if (integer === 'overflow') {
    const unsigned = tryUint64(values, na);
    if (unsigned === 'uint64') return { dtype: 'uint64' };
    // parsers.pyx falls back to plain strings here, without the NA filter.
    if (unsigned === 'overflow') return { dtype: 'object', items: 'unfiltered' };
  }
  if (values.every((value) => missing(value) || isFloat(value!))) return { dtype: 'float64' };
  if (values.every((value) => missing(value) || BOOLEAN.test(value!))) {
    return values.some(missing) ? { dtype: 'object', items: 'bool' } : { dtype: 'bool' };
  }
  return { dtype: 'object', items: 'text' };
}
