// Python's arithmetic, comparison and sequence operators on constant values,
// with Python's semantics (floor division, modulo sign, int/float promotion).
// Results too large to be worth computing give undefined, never a hang.
import { asInteger, bool, bytes, float, int, str, type PyValue } from './values';

/** Results past this many bits (or characters) are not computed. */
const MAX_RESULT_BITS = 1_000_000;
const MAX_SEQUENCE_LENGTH = 10_000_000;

type IntOperator = (a: bigint, b: bigint) => PyValue | undefined;
type FloatOperator = (a: number, b: number) => number | undefined;

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

export function bitLength(value: bigint): number {
  const magnitude = value < 0n ? -value : value;
  // Most values fit a double exactly, where counting bits is cheap.
  if (magnitude <= SAFE) {
    const number = Number(magnitude);
    const high = Math.floor(number / 2 ** 32);
    return high > 0 ? 64 - Math.clz32(high) : 32 - Math.clz32(number >>> 0);
  }
  return magnitude.toString(2).length;
}

export function floorDivide(a: bigint, b: bigint): bigint {
  const quotient = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? quotient - 1n : quotient;
}

function modulo(a: bigint, b: bigint): bigint {
  const remainder = a % b;
  return remainder !== 0n && remainder < 0n !== b < 0n ? remainder + b : remainder;
}

const INT_OPERATORS: Readonly<Record<string, IntOperator>> = {
  '+': (a, b) => int(a + b),
  '-': (a, b) => int(a - b),
  '*': (a, b) => (bitLength(a) + bitLength(b) > MAX_RESULT_BITS ? undefined : int(a * b)),
  '//': (a, b) => (b === 0n ? undefined : int(floorDivide(a, b))),
  '%': (a, b) => (b === 0n ? undefined : int(modulo(a, b))),
  '/': (a, b) => (b === 0n ? undefined : float(Number(a) / Number(b))),
  '**': (a, b) => {
    if (b < 0n) return a === 0n ? undefined : float(Number(a) ** Number(b));
    if (bitLength(a) > 1 && BigInt(bitLength(a)) * b > BigInt(MAX_RESULT_BITS)) return undefined;
    return int(a ** b);
  },
  '<<': (a, b) => (b < 0n || BigInt(bitLength(a)) + b > BigInt(MAX_RESULT_BITS) ? undefined : int(a << b)),
  '>>': (a, b) => (b < 0n ? undefined : int(a >> b)),
  '&': (a, b) => int(a & b),
  '|': (a, b) => int(a | b),
  '^': (a, b) => int(a ^ b),
};

const FLOAT_OPERATORS: Readonly<Record<string, FloatOperator>> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  '/': (a, b) => (b === 0 ? undefined : a / b),
  '//': (a, b) => (b === 0 ? undefined : Math.floor(a / b)),
  '%': (a, b) => (b === 0 ? undefined : a - b * Math.floor(a / b)),
  '**': (a, b) => (a === 0 && b < 0 ? undefined : a ** b),
};

function asNumber(value: PyValue): number | undefined {
  if (value.type === 'float') return value.value;
  const integer = asInteger(value);
  return integer === undefined ? undefined : Number(integer);
}

function repeat(sequence: PyValue, times: bigint): PyValue | undefined {
  const count = times < 0n ? 0 : Number(times);
  if (sequence.type === 'str' || sequence.type === 'bytes') {
    if (sequence.value.length * count > MAX_SEQUENCE_LENGTH) return undefined;
    const repeated = sequence.value.repeat(count);
    return sequence.type === 'str' ? str(repeated) : bytes(repeated);
  }
  if (sequence.type === 'tuple') {
    if (sequence.items.length * count > MAX_SEQUENCE_LENGTH) return undefined;
    return { type: 'tuple', items: Array.from({ length: count }, () => sequence.items).flat() };
  }
  return undefined;
}

function concatenate(a: PyValue, b: PyValue): PyValue | undefined {
  if (a.type === 'str' && b.type === 'str') return str(a.value + b.value);
  if (a.type === 'bytes' && b.type === 'bytes') return bytes(a.value + b.value);
  if (a.type === 'tuple' && b.type === 'tuple') return { type: 'tuple', items: [...a.items, ...b.items] };
  return undefined;
}

/** `a <op> b` for a binary operator of Python, or undefined when unknown or an error. */
export function binaryOperation(operator: string, a: PyValue, b: PyValue): PyValue | undefined {
  const x = asInteger(a);
  const y = asInteger(b);
  if (x !== undefined && y !== undefined) return INT_OPERATORS[operator]?.(x, y);
  const floatOperator = FLOAT_OPERATORS[operator];
  const p = asNumber(a);
  const q = asNumber(b);
  if (floatOperator && p !== undefined && q !== undefined) {
    const result = floatOperator(p, q);
    return result === undefined ? undefined : float(result);
  }
  if (operator === '+') return concatenate(a, b);
  if (operator === '*') {
    if (y !== undefined) return repeat(a, y);
    if (x !== undefined) return repeat(b, x);
  }
  return undefined;
}

export function unaryOperation(operator: string, a: PyValue): PyValue | undefined {
  const integer = asInteger(a);
  if (integer !== undefined) {
    if (operator === '-') return int(-integer);
    if (operator === '+') return int(integer);
    if (operator === '~') return int(~integer);
    return undefined;
  }
  if (a.type === 'float') {
    if (operator === '-') return float(-a.value);
    if (operator === '+') return a;
  }
  return undefined;
}

const ORDERINGS: Readonly<Record<string, (order: number) => boolean>> = {
  '<': (order) => order < 0,
  '<=': (order) => order <= 0,
  '>': (order) => order > 0,
  '>=': (order) => order >= 0,
  '==': (order) => order === 0,
  '!=': (order) => order !== 0,
};

function order(a: PyValue, b: PyValue): number | undefined {
  const x = asInteger(a);
  const y = asInteger(b);
  if (x !== undefined && y !== undefined) return x < y ? -1 : x > y ? 1 : 0;
  const p = asNumber(a);
  const q = asNumber(b);
  if (p !== undefined && q !== undefined) return p < q ? -1 : p > q ? 1 : 0;
  if ((a.type === 'str' && b.type === 'str') || (a.type === 'bytes' && b.type === 'bytes')) {
    return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
  }
  return undefined;
}

/** `a <op> b` for one comparison operator, when both sides are comparable constants. */
export function comparison(operator: string, a: PyValue, b: PyValue): PyValue | undefined {
  const test = ORDERINGS[operator];
  const ordered = order(a, b);
  if (!test || ordered === undefined) return undefined;
  return bool(test(ordered));
}
