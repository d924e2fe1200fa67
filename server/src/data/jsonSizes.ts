// The bytes of the Python objects json.loads builds from JSON text, walked
// without building them, as CPython's C scanner (Modules/_json.c) makes them:
// an object is PyDict_New() filled by PyDict_SetItem, an array PyList_New(0)
// filled by PyList_Append, keys are memoized (one str per distinct key in a
// document), and the objects CPython shares (small ints, True, False, None,
// '' and 1-character latin-1 strings, json's NaN and Infinity) cost nothing new.
import type { CPythonLayout } from '../sizes/cpython';
import { capacityAfterAppends, intSize, listSize, strSize } from '../sizes/objects';
import { dictSize, dictTable } from '../sizes/tables';

/** The text ends inside a value: in a sample, the rest is past its end. */
export class JsonIncomplete extends Error {}
/** The text is not JSON that json.loads accepts. */
export class JsonInvalid extends Error {}

/** The C scanner recurses per nesting level, so deeper documents raise RecursionError at the default limit. */
const MAX_DEPTH = 1000;

const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/y;
// biome-ignore lint/suspicious/noControlCharactersInRegex: JSON strings may not hold raw control characters (RFC 8259).
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const CONSTANTS = ['true', 'false', 'null', 'NaN', 'Infinity', '-Infinity'] as const;

function isWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

export class JsonSizer {
  /** Where the scan is in the text. */
  at = 0;
  /** Bytes of the memoized keys seen so far, each distinct key once. */
  keyBytes = 0;
  private readonly keys = new Set<string>();

  /** `whole`: the text is the whole document, so its end is the document's end, not a sample's. */
  constructor(
    private readonly text: string,
    private readonly layout: CPythonLayout,
    private readonly whole: boolean,
  ) {}

  /** The text ended inside a value: cut by the sample, or, for a whole document, invalid. */
  private ended(): never {
    if (this.whole) throw new JsonInvalid('the document ends inside a value');
    throw new JsonIncomplete();
  }

  skipWhitespace(): void {
    while (this.at < this.text.length && isWhitespace(this.text.charCodeAt(this.at))) this.at++;
  }

  /** The next non-space character, or JsonIncomplete at the end of the text. */
  peek(): string {
    this.skipWhitespace();
    if (this.at >= this.text.length) this.ended();
    return this.text[this.at]!;
  }

  atEnd(): boolean {
    this.skipWhitespace();
    return this.at >= this.text.length;
  }

  /** Consumes `ch` (after spaces) or throws. */
  expect(ch: string): void {
    if (this.peek() !== ch) throw new JsonInvalid(`expected '${ch}' at ${this.at}`);
    this.at++;
  }

  /** Bytes of the objects one value builds, its memoized keys aside (they go to keyBytes). */
  value(depth = 0): number {
    if (depth > MAX_DEPTH) throw new JsonInvalid('nested too deeply');
    const ch = this.peek();
    if (ch === '{') return this.object(depth);
    if (ch === '[') return this.array(depth);
    if (ch === '"') return this.stringValue();
    const constant = CONSTANTS.find((name) => this.text.startsWith(name, this.at));
    if (constant) {
      this.at += constant.length;
      return 0;
    }
    return this.number();
  }

  /** A JSON string token as the str it decodes to. */
  private string(): string {
    STRING.lastIndex = this.at;
    const match = STRING.exec(this.text);
    if (!match) {
      // An unterminated string at the end of a sample is cut, not wrong.
      if (!this.text.includes('"', this.at + 1)) this.ended();
      throw new JsonInvalid(`a malformed string at ${this.at}`);
    }
    this.at += match[0].length;
    // JSON.parse decodes escapes as json does, surrogate pairs joined and lone surrogates kept.
    return JSON.parse(match[0]) as string;
  }

  private stringValue(): number {
    const value = this.string();
    return isSharedStr(value) ? 0 : strSize(this.layout, value);
  }

  private number(): number {
    NUMBER.lastIndex = this.at;
    const match = NUMBER.exec(this.text);
    if (!match) throw new JsonInvalid(`an unexpected character at ${this.at}`);
    // A number that runs into the end of a sample may have more digits past it.
    if (this.at + match[0].length >= this.text.length && !this.whole) this.ended();
    this.at += match[0].length;
    if (match[1] !== undefined || match[2] !== undefined) return this.layout.float;
    const value = BigInt(match[0]);
    return value >= BigInt(this.layout.int.cachedMin) && value <= BigInt(this.layout.int.cachedMax)
      ? 0
      : intSize(this.layout, value);
  }

  private array(depth: number): number {
    this.at++;
    let items = 0;
    let bytes = 0;
    if (this.peek() === ']') {
      this.at++;
    } else {
      for (;;) {
        bytes += this.value(depth + 1);
        items++;
        if (this.peek() === ']') break;
        this.expect(',');
      }
      this.at++;
    }
    return bytes + listSize(this.layout, capacityAfterAppends(this.layout, items));
  }

  /** Reads a key; the first time a document has it, its str joins the memo. */
  private key(): string {
    if (this.peek() !== '"') throw new JsonInvalid(`expected a key at ${this.at}`);
    const key = this.string();
    if (!this.keys.has(key)) {
      this.keys.add(key);
      if (!isSharedStr(key)) this.keyBytes += strSize(this.layout, key);
    }
    return key;
  }

  private object(depth: number): number {
    this.at++;
    // A repeated key replaces its value, which is freed: the dict holds each distinct key with its last value.
    const values = new Map<string, number>();
    if (this.peek() === '}') {
      this.at++;
    } else {
      for (;;) {
        const key = this.key();
        this.expect(':');
        values.set(key, this.value(depth + 1));
        if (this.peek() === '}') break;
        this.expect(',');
      }
      this.at++;
    }
    const table = dictTable(this.layout, values.size, values.size);
    let bytes = dictSize(this.layout, table.size, table.strOnly);
    for (const valueBytes of values.values()) bytes += valueBytes;
    return bytes;
  }
}

/** '' and the 1-character latin-1 strings are CPython's shared objects, which json returns as they are. */
function isSharedStr(value: string): boolean {
  return value.length === 0 || (value.length === 1 && value.charCodeAt(0) < 0x100);
}
