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
  const valueSlots = attributes + instance.spareValueSlots;
  if (valueSlots >= instance.sharedKeysMaxSize) return undefined;
  const prefix = roundUp(valueSlots + instance.valuesPrefixExtra, pointer);
  return gcHeader + instance.managedDictPointers + instance.header + instance.weakrefSlot + prefix + pointer * valueSlots;
}

/** An instance of a class whose `__slots__` name `slots` attributes (no `__dict__`, no `__weakref__`). */
export function slottedInstanceSize(layout: CPythonLayout, slots: number): number {
  return layout.gcHeader + layout.instance.header + layout.pointer * slots;
}

function roundUp(value: number, multiple: number): number {
  return Math.ceil(value / multiple) * multiple;
}
