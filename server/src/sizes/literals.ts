// Python literal text to values, as the CPython tokenizer reads it: integer
// bases and underscores, floats, and string/bytes literals with their prefixes
// and escape sequences. Pure functions of the source text.
import { bytes, float, int, str, type PyValue } from './values';

/** The value of an integer literal (`1_000`, `0xff`, `0o17`, `0b101`); complex for a `j` suffix. */
export function integerLiteral(text: string): PyValue | undefined {
  const clean = text.replace(/_/g, '');
  if (/[jJ]$/.test(clean)) return { type: 'complex' };
  const match = /^0([xXoObB])(.+)$/.exec(clean);
  try {
    if (match) return int(BigInt(`0${match[1]!.toLowerCase()}${match[2]}`));
    return /^\d+$/.test(clean) ? int(BigInt(clean)) : undefined;
  } catch {
    return undefined;
  }
}

export function floatLiteral(text: string): PyValue | undefined {
  const clean = text.replace(/_/g, '');
  if (/[jJ]$/.test(clean)) return { type: 'complex' };
  const value = Number(clean);
  return Number.isNaN(value) ? undefined : float(value);
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '\n': '',
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

/**
 * The value of one string literal (`'a'`, `r"\d"`, `b'\x00'`, `"""..."""`).
 * Undefined for f-strings (their value is only known at run time) and for
 * `\N{...}` escapes (the character would need Unicode's name table).
 */
export function stringLiteral(text: string): PyValue | undefined {
  const match = /^([A-Za-z]*)('''|"""|'|")/.exec(text);
  if (!match) return undefined;
  const prefix = match[1]!.toLowerCase();
  const quote = match[2]!;
  if (prefix.includes('f') || !text.endsWith(quote) || text.length < prefix.length + 2 * quote.length) return undefined;
  // The tokenizer reads source with universal newlines.
  const body = text.slice(prefix.length + quote.length, text.length - quote.length).replace(/\r\n?/g, '\n');
  const isBytes = prefix.includes('b');
  if (prefix.includes('r')) return isBytes ? bytes(body) : str(body);
  const decoded = decodeEscapes(body, isBytes);
  if (decoded === undefined) return undefined;
  return isBytes ? bytes(decoded) : str(decoded);
}

function decodeEscapes(body: string, isBytes: boolean): string | undefined {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch !== '\\' || i + 1 >= body.length) {
      out += ch;
      continue;
    }
    const next = body[i + 1]!;
    const simple = SIMPLE_ESCAPES[next];
    if (simple !== undefined) {
      out += simple;
      i++;
      continue;
    }
    const octal = /^[0-7]{1,3}/.exec(body.slice(i + 1, i + 4));
    if (octal) {
      out += String.fromCodePoint(parseInt(octal[0], 8) & (isBytes ? 0xff : 0x1ff));
      i += octal[0].length;
      continue;
    }
    const hexLength = next === 'x' ? 2 : !isBytes && next === 'u' ? 4 : !isBytes && next === 'U' ? 8 : 0;
    if (hexLength > 0) {
      const digits = body.slice(i + 2, i + 2 + hexLength);
      if (!new RegExp(`^[0-9a-fA-F]{${hexLength}}$`).test(digits)) return undefined;
      const code = parseInt(digits, 16);
      if (code > 0x10ffff) return undefined;
      out += String.fromCodePoint(code);
      i += 1 + hexLength;
      continue;
    }
    if (!isBytes && next === 'N') return undefined;
    // An unknown escape keeps its backslash.
    out += ch;
  }
  return out;
}
