// Unboxed containers for a list of numbers: `array.array('q' | 'd', ...)` and
// a numpy int64 / float64 array, with what each costs. A list pays a pointer
// and (mostly) an object per number; these pay 8 bytes per number.
import type { CPythonLayout } from './cpython';
import { NUMPY } from './ndarrays';
import { arraySize } from './objects';
import { addSizes, exactSize, isSmaller, perCountSize, type Size } from './size';
import { arrayCapacityAfterAppends } from './tables';
import type { Alternative, Estimate } from './sizeEstimate';
import type { PyValue } from './values';

export type NumberKind = 'int64' | 'float64';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
/** Ints a double holds exactly, for a list that mixes ints and floats. */
const EXACT_IN_DOUBLE = 2n ** 53n;

const ITEM_SIZE = 8;
const TYPE_CODE: Readonly<Record<NumberKind, string>> = { int64: 'q', float64: 'd' };
const DESCRIPTION: Readonly<Record<NumberKind, string>> = { int64: '64-bit ints', float64: 'doubles' };

/** Follows the values of a list one by one: all ints that fit int64, all numbers that fit a double, or neither. */
export class NumberKindTracker {
  private ints = true;
  private numbers = true;
  private seen = false;

  add(value: PyValue): void {
    this.seen = true;
    if (value.type === 'int') {
      const magnitude = value.value < 0n ? -value.value : value.value;
      if (value.value < INT64_MIN || value.value > INT64_MAX) this.ints = false;
      if (magnitude > EXACT_IN_DOUBLE) this.numbers = false;
    } else if (value.type === 'float') {
      this.ints = false;
    } else {
      this.ints = this.numbers = false;
    }
  }

  get kind(): NumberKind | undefined {
    if (!this.seen) return undefined;
    if (this.ints) return 'int64';
    return this.numbers ? 'float64' : undefined;
  }
}

export function numberKindOf(values: Iterable<PyValue>): NumberKind | undefined {
  const tracker = new NumberKindTracker();
  for (const value of values) tracker.add(value);
  return tracker.kind;
}

/** An item count: a number, or the source text of a count known only by name (`n` of `[a, b] * n` stands for 2 items). */
export type ItemCount = number | { readonly text: string; readonly itemsPerUnit: number };

/** How an array.array is filled: exactly (from a list or by repetition) or by appending item by item (from an iterator). */
export type ArrayFilling = 'exact' | 'appended';

export function arrayForm(
  layout: CPythonLayout,
  kind: NumberKind,
  code: (typeCode: string) => string,
  count: ItemCount,
  filling: ArrayFilling,
): Alternative {
  const what = `an array of ${DESCRIPTION[kind]} (\`import array\`), no object per number`;
  const empty = arraySize(layout, ITEM_SIZE, 0);
  let size: Size;
  if (typeof count !== 'number') {
    const perUnit = ITEM_SIZE * count.itemsPerUnit;
    // Appending over-allocates by about 1/16.
    size =
      filling === 'exact'
        ? perCountSize(empty, perUnit, count.text)
        : perCountSize(empty, perUnit + perUnit / 16, count.text, true);
  } else {
    size = exactSize(arraySize(layout, ITEM_SIZE, filling === 'exact' ? count : arrayCapacityAfterAppends(count)));
  }
  return {
    code: code(TYPE_CODE[kind]),
    // Filled item by item, an array over-allocates by about 1/16 (arrayCapacityAfterAppends).
    what,
    size,
  };
}

export function numpyForm(kind: NumberKind, code: (dtype: string) => string, count: ItemCount): Alternative {
  const header = NUMPY.objectSize + NUMPY.perDimension;
  return {
    code: code(`np.${kind}`),
    what: `a numpy ${kind} array (\`import numpy as np\`), no object per number`,
    size:
      typeof count === 'number'
        ? exactSize(header + ITEM_SIZE * count)
        : perCountSize(header, ITEM_SIZE * count.itemsPerUnit, count.text),
  };
}

/**
 * The list's estimate offering the forms that take less than what the list
 * frees when it goes: itself and the number objects made for it, not the
 * shared small ints or the code's constants, which stay either way.
 */
export function withCheaperForms(list: Estimate, forms: readonly Alternative[]): Estimate {
  const own = list.objects
    ?.groups()
    .filter((group) => group.sharing === 'own')
    .reduce((total, group) => total + group.bytes, 0);
  const freed = own === undefined ? (list.deep ?? list.shallow) : addSizes(list.shallow, exactSize(own))!;
  return { ...list, compactForms: forms.filter((form) => isSmaller(form.size, freed)) };
}
