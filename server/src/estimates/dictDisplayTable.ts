// The key table of a dict display, built as Python/compile.c compiler_dict
// builds it: from 3.10 a display of more than STACK_USE_GUIDELINE / 2 pairs is
// cut into chunks; a chunk of more than that many pairs is an empty dict
// filled key by key (BUILD_MAP 0, MAP_ADD), a smaller one is made presized
// (BUILD_MAP n, BUILD_CONST_KEY_MAP n), and each chunk after the first is
// merged into the first with DICT_UPDATE (Objects/dictobject.c dict_merge).
import type { CPythonLayout } from '../sizes/cpython';
import { hashKey } from './estimators/hashed';
import { tableSizeFor, usable } from '../sizes/instances';
import { dictTable, type DictTable } from '../sizes/tables';
import type { PyValue } from '../sizes/values';

interface Chunk {
  readonly keys: readonly PyValue[];
  /** Filled key by key from an empty dict (otherwise made presized for its pairs). */
  readonly big: boolean;
}

/** compiler_dict and compiler_subdict: where the pairs are cut, for a display of `keys` (no `**` items). */
function displayChunks(layout: CPythonLayout, keys: readonly PyValue[]): Chunk[] {
  const guideline = layout.compiler.stackUseGuideline;
  const chunk = (begin: number, end: number): Chunk => ({
    keys: keys.slice(begin, end),
    big: (end - begin) * 2 > guideline,
  });
  const chunks: Chunk[] = [];
  let elements = 0;
  for (let i = 0; i < keys.length; i++) {
    if (elements * 2 > guideline) {
      chunks.push(chunk(i - elements, i + 1));
      elements = 0;
    } else {
      elements++;
    }
  }
  if (elements > 0) chunks.push(chunk(keys.length - elements, keys.length));
  return chunks;
}

const isStr = (key: PyValue): boolean => key.type === 'str';

function distinct(keys: readonly PyValue[]): PyValue[] {
  const seen = new Map<string, PyValue>();
  for (const key of keys) if (!seen.has(hashKey(key))) seen.set(hashKey(key), key);
  return [...seen.values()];
}

function leadingStr(keys: readonly PyValue[]): number {
  const first = keys.findIndex((key) => !isStr(key));
  return first === -1 ? keys.length : first;
}

/** The key table a display of these keys ends with. */
export function displayKeyTable(layout: CPythonLayout, keys: readonly PyValue[]): DictTable {
  const [first, ...rest] = displayChunks(layout, keys);
  if (!first) return { size: 0, strOnly: false };
  const firstKeys = distinct(first.keys);
  let { size, strOnly } = dictTable(layout, firstKeys.length, leadingStr(firstKeys), first.big ? 0 : first.keys.length);
  const present = new Set(firstKeys.map(hashKey));
  const distinctKinds = layout.dict.strEntry !== layout.dict.entry;
  // A chunk's own table is unicode when every key is a str, however it was made.
  for (const chunk of rest) {
    const other = distinct(chunk.keys);
    // dict_merge: one resize up front when the whole table could not hold the other dict's items.
    if (usable(size) < other.length) {
      size = tableSizeFor(layout, Math.floor((3 * (present.size + other.length) + 1) / 2));
      strOnly = strOnly && other.every(isStr);
    }
    for (const key of other) {
      // insertdict: a key that is not a str turns a unicode table into a general one (insertion_resize).
      if (strOnly && distinctKinds && !isStr(key)) {
        size = tableSizeFor(layout, present.size * 3);
        strOnly = false;
      }
      if (present.has(hashKey(key))) continue;
      if (usable(size) - present.size <= 0) size = tableSizeFor(layout, present.size * 3);
      present.add(hashKey(key));
    }
  }
  return { size, strOnly: distinctKinds && strOnly };
}
