// Hash tables and growing buffers: how big the table of a dict or set, or the
// buffer of an array.array, is after a given way of filling it.
import type { CPythonLayout } from './cpython';
import { tableSizeFor, usable } from './instances';

/** Objects/dictobject.c DK_IXSIZE: the width of one index of a table of `size` slots. */
function indexBytes(size: number): number {
  if (size <= 0x80) return 1;
  if (size <= 0x8000) return 2;
  if (size <= 0x80000000) return 4;
  return 8;
}

/** sys.getsizeof of a dict whose key table has `size` slots (0: no table of its own, as `{}`). */
export function dictSize(layout: CPythonLayout, size: number, strKeys: boolean): number {
  const { header, keysHeader, entry, strEntry } = layout.dict;
  const object = layout.gcHeader + header;
  if (size === 0) return object;
  return object + keysHeader + indexBytes(size) * size + usable(size) * (strKeys ? strEntry : entry);
}

export interface DictTable {
  /** Index slots; 0 for a dict without a table of its own. */
  readonly size: number;
  /** Whether the table holds the smaller str-only entries (3.11+). */
  readonly strOnly: boolean;
}

/**
 * The key table after inserting `count` distinct keys, the first
 * `leadingStrKeys` of them str, one by one into a dict made empty or presized
 * for `presizedFor` items (_PyDict_NewPresized, ESTIMATE_SIZE). A table grows
 * to three times its entries when full (insertion_resize); a str-only table
 * is rebuilt as a general one when a key that is not a str arrives.
 */
export function dictTable(layout: CPythonLayout, count: number, leadingStrKeys: number, presizedFor = 0): DictTable {
  const { minSize, strEntry, entry } = layout.dict;
  const distinctKinds = strEntry !== entry;
  let size = presizedFor > usable(minSize) ? tableSizeFor(layout, Math.floor((3 * presizedFor + 1) / 2)) : 0;
  let strOnly = leadingStrKeys >= count;
  if (size === 0 && count > 0) {
    size = minSize;
    strOnly = leadingStrKeys > 0;
  }
  // Jump from one resize to the next: before inserting key k, a full table or a first non-str key resizes it.
  for (let k = 0; k < count; ) {
    const conversionAt = distinctKinds && strOnly ? leadingStrKeys : Number.POSITIVE_INFINITY;
    const next = Math.min(conversionAt, usable(size));
    if (next >= count) break;
    if (next === conversionAt) strOnly = false;
    k = next;
    size = tableSizeFor(layout, k * 3);
  }
  if (!distinctKinds) strOnly = false;
  return { size, strOnly };
}

/** sys.getsizeof of a set whose table has `slots` slots; up to PySet_MINSIZE they sit inside the object. */
export function setSize(layout: CPythonLayout, slots: number): number {
  const { header, entry, minSize } = layout.set;
  return layout.gcHeader + header + (slots > minSize ? slots * entry : 0);
}

/** Objects/setobject.c set_table_resize: the smallest power of two above `minimum`. */
function setTableFor(layout: CPythonLayout, minimum: number): number {
  let size = layout.set.minSize;
  while (size <= minimum) size *= 2;
  return size;
}

/** The table after adding `count` distinct items one by one (set_add_entry resizes once fill·5 >= mask·3). */
export function setTableAfterAdds(layout: CPythonLayout, count: number): number {
  let slots = layout.set.minSize;
  for (;;) {
    const mask = slots - 1;
    const resizeAt = Math.ceil((mask * 3) / 5);
    if (resizeAt > count) return slots;
    slots = setTableFor(layout, resizeAt > 50000 ? resizeAt * 2 : resizeAt * 4);
  }
}

/** The table after merging a set of `count` items into an empty one (set_merge, the constant-set display). */
export function setTableAfterMerge(layout: CPythonLayout, count: number): number {
  const slots = layout.set.minSize;
  return count * 5 >= (slots - 1) * 3 ? setTableFor(layout, count * 2) : slots;
}

/** Modules/arraymodule.c array_resize: the capacity after appending `count` items one by one. */
export function arrayCapacityAfterAppends(count: number): number {
  let allocated = 0;
  let size = 0;
  while (size < count) {
    if (allocated > size) {
      size = Math.min(count, allocated);
      continue;
    }
    const requested = size + 1;
    allocated = (requested >> 4) + (size < 8 ? 3 : 7) + requested;
    size = requested;
  }
  return allocated;
}
