// The Python literals an .npy header is written in (numpy.lib.format writes
// repr() of a dict and reads it back with ast.literal_eval): dicts, tuples,
// lists, strings, integers, True/False/None. Anything else is an error.

export type PyLiteral =
  | string
  | number
  | boolean
  | null
  | { readonly kind: 'tuple' | 'list'; readonly items: readonly PyLiteral[] }
  | { readonly kind: 'dict'; readonly entries: ReadonlyMap<string, PyLiteral> };

export class PyLiteralError extends Error {}

const ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '0': '\0',
  '\\': '\\',
  "'": "'",
  '"': '"',
};

class Parser {
  private at = 0;
  constructor(private readonly text: string) {}

  parseAll(): PyLiteral {
    const value = this.value();
    this.skipSpace();
    if (this.at !== this.text.length) this.fail('unexpected text after the literal');
    return value;
  }

  private fail(why: string): never {
    throw new PyLiteralError(`${why} at offset ${this.at}`);
  }

  private skipSpace(): void {
    while (this.at < this.text.length && /\s/.test(this.text[this.at]!)) this.at++;
  }

  private value(): PyLiteral {
    this.skipSpace();
    const ch = this.text[this.at];
    if (ch === '{') return this.dict();
    if (ch === '(') return this.sequence('tuple', ')');
    if (ch === '[') return this.sequence('list', ']');
    if (ch === "'" || ch === '"') return this.string();
    if (ch !== undefined && /[-+\d]/.test(ch)) return this.integer();
    return this.name();
  }

  private expect(ch: string): void {
    this.skipSpace();
    if (this.text[this.at] !== ch) this.fail(`expected '${ch}'`);
    this.at++;
  }

  /** Items up to `close`, each followed by a comma except perhaps the last; reports whether a comma was seen. */
  private items<T>(close: string, item: () => T): { items: T[]; comma: boolean } {
    const items: T[] = [];
    let comma = false;
    for (;;) {
      this.skipSpace();
      if (this.text[this.at] === close) break;
      items.push(item());
      this.skipSpace();
      if (this.text[this.at] !== ',') break;
      comma = true;
      this.at++;
    }
    this.expect(close);
    return { items, comma };
  }

  private sequence(kind: 'tuple' | 'list', close: string): PyLiteral {
    this.at++;
    const { items, comma } = this.items(close, () => this.value());
    // `(3)` is the int 3 in parentheses, not a tuple.
    if (kind === 'tuple' && items.length === 1 && !comma) return items[0]!;
    return { kind, items };
  }

  private dict(): PyLiteral {
    this.at++;
    const entries = new Map<string, PyLiteral>();
    this.items('}', () => {
      const key = this.value();
      if (typeof key !== 'string') this.fail('a dict key that is not a str');
      this.expect(':');
      entries.set(key, this.value());
    });
    return { kind: 'dict', entries };
  }

  private string(): string {
    const quote = this.text[this.at++]!;
    let out = '';
    for (;;) {
      const ch = this.text[this.at++];
      if (ch === undefined || ch === '\n') this.fail('an unterminated string');
      if (ch === quote) return out;
      out += ch === '\\' ? this.escape() : ch;
    }
  }

  private escape(): string {
    const ch = this.text[this.at++];
    if (ch === undefined) this.fail('an unterminated string');
    if (ch in ESCAPES) return ESCAPES[ch]!;
    const digits = ch === 'x' ? 2 : ch === 'u' ? 4 : ch === 'U' ? 8 : 0;
    if (digits === 0) return `\\${ch}`;
    const hex = this.text.slice(this.at, this.at + digits);
    if (!new RegExp(`^[0-9a-fA-F]{${digits}}$`).test(hex)) this.fail('a bad escape');
    this.at += digits;
    return String.fromCodePoint(parseInt(hex, 16));
  }

  private integer(): number {
    // Python 2 wrote longs with an L suffix (`(3L, 4L)`), which numpy still reads.
    const match = /^[-+]?\d+L?/.exec(this.text.slice(this.at));
    if (!match) this.fail('a malformed number');
    this.at += match[0].length;
    const value = Number(match[0].replace('L', ''));
    if (!Number.isSafeInteger(value)) this.fail('an integer too large');
    return value;
  }

  private name(): PyLiteral {
    const match = /^[A-Za-z_]\w*/.exec(this.text.slice(this.at));
    const names: Record<string, PyLiteral> = { True: true, False: false, None: null };
    if (!match || !(match[0] in names)) this.fail('an unexpected token');
    this.at += match[0].length;
    return names[match[0]]!;
  }
}

/** Parses one Python literal; throws PyLiteralError when the text is not one. */
export function parsePyLiteral(text: string): PyLiteral {
  return new Parser(text).parseAll();
}

export function isSequence(value: PyLiteral): value is { kind: 'tuple' | 'list'; items: readonly PyLiteral[] } {
  return typeof value === 'object' && value !== null && (value.kind === 'tuple' || value.kind === 'list');
}

export function isDict(value: PyLiteral): value is { kind: 'dict'; entries: ReadonlyMap<string, PyLiteral> } {
  return typeof value === 'object' && value !== null && value.kind === 'dict';
}
