// The estimate of a list from its shape: how many items, how many slots
// CPython allocated for them, and the objects the items are.
import type { CPythonLayout } from '../../sizes/cpython';
import { deepSize, objectParts } from '../../sizes/describe';
import { countSymbol, formatCount } from '../../sizes/format';
import { listSize } from '../../sizes/objects';
import { addSizes, exactSize, perCountSize, type Size } from '../../sizes/size';
import type { ObjectTally } from '../../sizes/tally';
import type { Alternative, Estimate, NumberSequence, Part } from '../../sizes/sizeEstimate';

export interface ListShape {
  readonly items: number;
  readonly capacity: number;
  /** The objects the items are; undefined when unknown. */
  readonly objects: ObjectTally | undefined;
  readonly alternative?: Alternative;
  /** Unboxed containers for the same numbers. */
  readonly compactForms?: readonly Alternative[];
  readonly compactFormsNote?: string;
  readonly notes?: readonly string[];
  /** The items as numbers, when every one is known. */
  readonly numbers?: NumberSequence | undefined;
}

function headerPart(layout: CPythonLayout): Part {
  return { size: exactSize(layout.gcHeader + layout.list.header), label: 'header' };
}

export function listEstimate(layout: CPythonLayout, shape: ListShape): Estimate {
  const shallow = exactSize(listSize(layout, shape.capacity));
  const slots =
    shape.capacity === shape.items
      ? `${formatCount(shape.capacity)} slots`
      : `${formatCount(shape.capacity)} slots for ${formatCount(shape.items)} items`;
  const deep = shape.objects ? deepSize(shallow, shape.objects) : undefined;
  return {
    kind: 'list',
    what: `a list of ${formatCount(shape.items)} item${shape.items === 1 ? '' : 's'}`,
    shallow,
    shallowParts: [
      headerPart(layout),
      { size: exactSize(layout.pointer * shape.capacity), label: `of pointers (${slots})` },
    ],
    deep,
    deepParts: shape.objects ? objectParts(shape.objects) : [],
    objects: shape.objects,
    notes: shape.notes ?? [],
    alternative: shape.alternative,
    compactForms: shape.compactForms ?? [],
    ...(shape.compactFormsNote ? { compactFormsNote: shape.compactFormsNote } : {}),
    ...(shape.numbers ? { numbers: shape.numbers } : {}),
  };
}

export interface SymbolicListShape {
  /** The item count as written in the source: `n`, `len(xs)`. */
  readonly count: string;
  /** Slots per counted unit (`[a, b] * n` has 2). */
  readonly slotsPerUnit: number;
  /** True when growth may add spare slots beyond the count. */
  readonly approximate: boolean;
  /** What the items add to the deep size, when it can be said. */
  readonly held?: { readonly size: Size; readonly parts: readonly Part[] };
  readonly alternative?: Alternative;
  readonly compactForms?: readonly Alternative[];
  readonly compactFormsNote?: string;
  readonly notes?: readonly string[];
}

/** A list whose length is only known by name: `[0] * n` is 56 + 8·n B. */
export function symbolicListEstimate(layout: CPythonLayout, shape: SymbolicListShape): Estimate {
  const pointers = perCountSize(0, layout.pointer * shape.slotsPerUnit, shape.count, shape.approximate);
  const shallow = addSizes(exactSize(layout.gcHeader + layout.list.header), pointers)!;
  const deep = shape.held ? addSizes(shallow, shape.held.size) : undefined;
  return {
    kind: 'list',
    what: `a list of ${shape.slotsPerUnit === 1 ? countSymbol(shape.count) : `${shape.slotsPerUnit}·${countSymbol(shape.count)}`} items`,
    shallow,
    shallowParts: [headerPart(layout), { size: pointers, label: 'of pointers' }],
    deep,
    deepParts: shape.held?.parts ?? [],
    objects: undefined,
    notes: shape.notes ?? [],
    alternative: shape.alternative,
    compactForms: shape.compactForms ?? [],
    ...(shape.compactFormsNote ? { compactFormsNote: shape.compactFormsNote } : {}),
  };
}
