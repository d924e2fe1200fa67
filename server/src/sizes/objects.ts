// The size of one object of each kind, computed from a version's layout table.
import type { CPythonLayout } from './cpython';
import { codePointLength, type PyValue } from './values';

/** sys.getsizeof of a list with room for `capacity` references. */
export function listSize(layout: CPythonLayout, capacity: number): number {
  return layout.gcHeader + layout.list.header + layout.pointer * capacity;
}

/** sys.getsizeof of a tuple of `length` items. */
export function tupleSize(layout: CPythonLayout, length: number): number {
  return layout.gcHeader + layout.tupleHeader + layout.pointer * length;
}

/** Capacity after appending `count` items one by one to an empty list (list_resize growth). */
export function capacityAfterAppends(layout: CPythonLayout, count: number): number {
  let allocated = 0;
  // Only the appends that overflow the capacity resize, so jump from one to the next.
  while (allocated < count) allocated = grownCapacity(layout, allocated, allocated + 1);
  return allocated;
}

/** list_resize: the capacity a list of `size` items gets when asked for `requested` slots it lacks. */
export function grownCapacity(layout: CPythonLayout, size: number, requested: number): number {
  const { shift, padding, smallLimit, smallPadding, alignment, exactWhenCloser } = layout.list.growth;
  const pad = requested < smallLimit ? smallPadding : padding;
  let grown = Math.floor((requested + Math.floor(requested / 2 ** shift) + pad) / alignment) * alignment;
  if (exactWhenCloser && requested - size > grown - requested) grown = Math.ceil(requested / alignment) * alignment;
  return grown;
}

/** Capacity of list(sized iterable) or a constant display: exact, rounded up to the allocator's multiple. */
export function preallocatedCapacity(layout: CPythonLayout, count: number): number {
  const multiple = layout.list.preallocationMultiple;
  return Math.ceil(count / multiple) * multiple;
}

/**
 * Objects/listobject.c list_extend of an iterator without a length (a file,
 * as readlines() and list(f) extend a new list with it): room for the
 * length hint's default first, growth past it, then a cut back when the guess
 * was more than twice too large.
 */
export function capacityAfterIteratorExtend(layout: CPythonLayout, count: number, lengthHint = 8): number {
  let allocated = grownCapacity(layout, 0, lengthHint);
  while (allocated < count) allocated = grownCapacity(layout, allocated, allocated + 1);
  if (count === 0) return 0;
  return count < allocated >> 1 ? grownCapacity(layout, count, count) : allocated;
}

/** What list() copies from: list_extend takes its own path for sets, frozensets and dicts. */
export type ListSource = 'sequence' | 'hashed';

/** Capacity of list(sized iterable) of `count` items. */
export function listCopyCapacity(layout: CPythonLayout, count: number, source: ListSource): number {
  if (source === 'hashed' && layout.list.fromHashed === 'growth')
    return count === 0 ? 0 : grownCapacity(layout, 0, count);
  return preallocatedCapacity(layout, count);
}

/** Number of 30-bit digits CPython stores for an int. */
export function intDigits(layout: CPythonLayout, value: bigint): number {
  const shift = BigInt(layout.int.digitBits);
  let rest = value < 0n ? -value : value;
  // int___sizeof__ counts Py_ABS(Py_SIZE): no digit for zero before 3.11, one for any other small int.
  if (rest === 0n) return layout.int.minimumDigits;
  if (rest < 1n << shift) return 1;
  let digits = 0;
  // Shifting digit by digit is fast for the common small ints (toString(2) is not).
  while (rest > 0n) {
    rest >>= shift;
    digits++;
  }
  return Math.max(layout.int.minimumDigits, digits);
}

export function intSize(layout: CPythonLayout, value: bigint): number {
  return layout.int.header + layout.int.digitBytes * intDigits(layout, value);
}

/** Bytes per character of a str: 1 (ASCII, latin-1), 2 (UCS-2) or 4 (UCS-4), from its widest character. */
export function strKind(text: string): { name: 'ASCII' | 'latin-1' | 'UCS-2' | 'UCS-4'; width: 1 | 2 | 4 } {
  let widest = 0;
  for (const ch of text) widest = Math.max(widest, ch.codePointAt(0)!);
  if (widest < 0x80) return { name: 'ASCII', width: 1 };
  if (widest < 0x100) return { name: 'latin-1', width: 1 };
  if (widest < 0x10000) return { name: 'UCS-2', width: 2 };
  return { name: 'UCS-4', width: 4 };
}

export type StrKind = ReturnType<typeof strKind>;

/** sys.getsizeof of a str of `length` characters of this kind (a NUL of the same width follows them). */
export function strSizeOfKind(layout: CPythonLayout, kind: StrKind, length: number): number {
  const header = kind.name === 'ASCII' ? layout.str.asciiHeader : layout.str.compactHeader;
  const sharedLatin1Char = kind.name === 'latin-1' && length === 1;
  return header + kind.width * (length + 1) + (sharedLatin1Char ? layout.str.latin1CharUtf8 : 0);
}

export function strSize(layout: CPythonLayout, text: string): number {
  return strSizeOfKind(layout, strKind(text), codePointLength(text));
}

export function bytesSize(layout: CPythonLayout, length: number): number {
  return layout.bytesHeader + length;
}

export function rangeSize(layout: CPythonLayout): number {
  return layout.range;
}

/** sys.getsizeof of a generator whose code has `slots` locals plus stack entries (before 3.11 its frame is another object). */
export function generatorSize(layout: CPythonLayout, slots: number): number {
  const { header, embedsFrame } = layout.generator;
  return layout.gcHeader + header + (embedsFrame ? layout.pointer * slots : 0);
}

/** sys.getsizeof of an array.array holding exactly `count` items of `itemSize` bytes. */
export function arraySize(layout: CPythonLayout, itemSize: number, count: number): number {
  return (layout.array.gcTracked ? layout.gcHeader : 0) + layout.array.header + itemSize * count;
}

/** sys.getsizeof of one value (its items not included). */
export function valueSize(layout: CPythonLayout, value: PyValue): number {
  switch (value.type) {
    case 'int':
      return intSize(layout, value.value);
    case 'bool':
      return intSize(layout, value.value ? 1n : 0n);
    case 'float':
      return layout.float;
    case 'complex':
      return layout.complex;
    case 'str':
      return strSize(layout, value.value);
    case 'bytes':
      return bytesSize(layout, value.value.length);
    case 'none':
    case 'ellipsis':
      return layout.none;
    case 'tuple':
      return tupleSize(layout, value.items.length);
  }
}

/**
 * A key naming the interpreter-wide object a value is, when CPython shares one
 * object for it (small ints, True/False/None, empty and one-character strings
 * and bytes, the empty tuple); undefined when each evaluation may make a new one.
 */
export function cachedObjectKey(layout: CPythonLayout, value: PyValue): string | undefined {
  switch (value.type) {
    case 'int':
      return value.value >= layout.int.cachedMin && value.value <= layout.int.cachedMax
        ? `int:${value.value}`
        : undefined;
    case 'bool':
      return `bool:${value.value}`;
    case 'none':
    case 'ellipsis':
      return value.type;
    case 'str':
      return value.value.length === 0 || (value.value.length === 1 && value.value.charCodeAt(0) < 0x100)
        ? `str:${value.value}`
        : undefined;
    case 'bytes':
      return value.value.length <= 1 ? `bytes:${value.value}` : undefined;
    case 'tuple':
      return value.items.length === 0 ? 'tuple:()' : undefined;
    default:
      return undefined;
  }
}
