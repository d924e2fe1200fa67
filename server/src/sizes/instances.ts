// The bytes one instance of a Python class takes, with and without
// `__slots__`: what tracemalloc counts per instance once a program has made
// many of them (the first few instances of a class take more, see below).
import type { CPythonLayout } from './cpython';

/**
 * An instance of a class without `__slots__` that sets `attributes` attributes:
 * the object (sys.getsizeof) plus the separate array its attribute values live
 * in. CPython sizes that array from the class's shared keys, which leave room
 * for the attributes plus one once a few dozen instances exist. Undefined when
 * there are too many attributes to share keys, and every instance gets a dict.
 */
export function dictInstanceSize(layout: CPythonLayout, attributes: number): number | undefined {
  const { instance, pointer, gcHeader } = layout;
  const object = gcHeader + instance.preHeader + instance.header + instance.slots;
  if (instance.attributes === 'dict') {
    // Objects/dictobject.c _PyObjectDict_SetItem: the __dict__ is made by the first attribute set.
    if (attributes === 0) return object;
    // The __dict__ object and its values array, one slot per usable entry of the class's shared keys.
    return object + gcHeader + layout.dict.header + pointer * usable(sharedKeysSize(layout, attributes));
  }
  const valueSlots = attributes + instance.spareValueSlots;
  if (valueSlots >= instance.sharedKeysMaxSize) return undefined;
  if (instance.attributes === 'inline') {
    // _PyInlineValuesSize: a byte per slot rounded up to a pointer, the PyDictValues header word, the slots.
    return object + roundUp(valueSlots, pointer) + pointer * (valueSlots + 1);
  }
  const prefix = roundUp(valueSlots + instance.valuesPrefixExtra, pointer);
  return object + prefix + pointer * valueSlots;
}

/** An instance of a class whose `__slots__` name `slots` attributes (no `__dict__`, no `__weakref__`). */
export function slottedInstanceSize(layout: CPythonLayout, slots: number): number {
  return layout.gcHeader + layout.instance.header + layout.pointer * slots;
}

/** Entries a dict key table of `size` slots can hold: USABLE_FRACTION. */
export function usable(size: number): number {
  return Math.floor((2 * size) / 3);
}

/**
 * 3.8-3.10: the shared keys start at PyDict_MINSIZE and, when an attribute
 * does not fit, grow to hold three times the entries (insertion_resize).
 */
function sharedKeysSize(layout: CPythonLayout, attributes: number): number {
  let size = layout.dict.minSize;
  while (usable(size) < attributes) size = tableSizeFor(layout, usable(size) * 3);
  return size;
}

/** The table size dictresize picks for a request of `minimum` slots. */
export function tableSizeFor(layout: CPythonLayout, minimum: number): number {
  const { minSize, rounding } = layout.dict;
  if (rounding === 'atLeast') {
    let size = minSize;
    while (size < minimum) size *= 2;
    return size;
  }
  // calculate_log2_keysize: bit_length(((minimum | MINSIZE) - 1) | (MINSIZE - 1)).
  const bits = (((minimum | minSize) - 1) | (minSize - 1)).toString(2).length;
  return 2 ** bits;
}

function roundUp(value: number, multiple: number): number {
  return Math.ceil(value / multiple) * multiple;
}
