// Python values the size model can reason about: the results of constant
// expressions (literals, arithmetic on them, names bound once to them).

export type PyValue =
  | { readonly type: 'int'; readonly value: bigint }
  | { readonly type: 'bool'; readonly value: boolean }
  | { readonly type: 'float'; readonly value: number }
  | { readonly type: 'complex' }
  | { readonly type: 'str'; readonly value: string }
  /** Bytes as a string of char codes 0..255, so that + and * work as on str. */
  | { readonly type: 'bytes'; readonly value: string }
  | { readonly type: 'none' }
  | { readonly type: 'ellipsis' }
  | { readonly type: 'tuple'; readonly items: readonly PyValue[] };

export const NONE: PyValue = { type: 'none' };

export const int = (value: bigint): PyValue => ({ type: 'int', value });
export const float = (value: number): PyValue => ({ type: 'float', value });
export const bool = (value: boolean): PyValue => ({ type: 'bool', value });
export const str = (value: string): PyValue => ({ type: 'str', value });
export const bytes = (value: string): PyValue => ({ type: 'bytes', value });

/** The integer a value stands for in arithmetic (bools are ints), or undefined. */
export function asInteger(value: PyValue): bigint | undefined {
  if (value.type === 'int') return value.value;
  if (value.type === 'bool') return value.value ? 1n : 0n;
  return undefined;
}

/** Python's truth value, when it can be known. */
export function truthy(value: PyValue): boolean | undefined {
  switch (value.type) {
    case 'int':
      return value.value !== 0n;
    case 'bool':
      return value.value;
    case 'float':
      return value.value !== 0;
    case 'str':
    case 'bytes':
      return value.value.length > 0;
    case 'none':
      return false;
    case 'tuple':
      return value.items.length > 0;
    default:
      return undefined;
  }
}

/** Number of Unicode code points (Python's len of a str). */
export function codePointLength(text: string): number {
  let length = 0;
  for (const _ of text) length++;
  return length;
}

/** A short display of the value, as Python would print it (abbreviated when long). */
export function display(value: PyValue): string {
  switch (value.type) {
    case 'int':
      return value.value.toString();
    case 'bool':
      return value.value ? 'True' : 'False';
    case 'float':
      return Number.isInteger(value.value) && Math.abs(value.value) < 1e16
        ? value.value.toFixed(1)
        : String(value.value);
    case 'complex':
      return 'a complex number';
    case 'str':
      return value.value.length > 20 ? `'${value.value.slice(0, 17)}...'` : `'${value.value}'`;
    case 'bytes':
      return value.value.length > 20
        ? `b'${escapeBytes(value.value.slice(0, 17))}...'`
        : `b'${escapeBytes(value.value)}'`;
    case 'none':
      return 'None';
    case 'ellipsis':
      return 'Ellipsis';
    case 'tuple':
      return value.items.length > 4
        ? `(${value.items.slice(0, 3).map(display).join(', ')}, ...)`
        : `(${value.items.map(display).join(', ')}${value.items.length === 1 ? ',' : ''})`;
  }
}

function escapeBytes(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** The Python type name. */
export function typeName(value: PyValue): string {
  return value.type === 'none' ? 'NoneType' : value.type;
}
