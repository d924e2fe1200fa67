// numpy basic indexing on a known layout: `a[1:]`, `a[::2]`, `m[0]`, `m[:, 0]`,
// `a[None]`, `m[..., 1]` make views (shape and strides change, the data stays
// the owner's); an index list `a[[1, 5, 7]]` makes a copy.
import type { NdarrayLayout } from './ndarrays';
import { ownedArray, ownerOf } from './ndarrays';

/** One item of a subscript, with its parts folded to integers (undefined where absent). */
export type IndexItem =
  | { readonly kind: 'integer'; readonly value: number }
  | {
      readonly kind: 'slice';
      readonly start: number | undefined;
      readonly stop: number | undefined;
      readonly step: number | undefined;
    }
  | { readonly kind: 'new axis' }
  | { readonly kind: 'ellipsis' }
  | { readonly kind: 'index list'; readonly length: number };

/** Objects/sliceobject.c PySlice_AdjustIndices: the length of a slice of a dimension of `length`. */
function sliceLength(
  length: number,
  start: number | undefined,
  stop: number | undefined,
  step = 1,
): { first: number; count: number } | undefined {
  if (step === 0) return undefined;
  const clamp = (value: number | undefined, fallback: number, low: number, high: number): number => {
    if (value === undefined) return fallback;
    const adjusted = value < 0 ? value + length : value;
    return Math.min(Math.max(adjusted, low), high);
  };
  const [from, to] =
    step > 0
      ? [clamp(start, 0, 0, length), clamp(stop, length, 0, length)]
      : [clamp(start, length - 1, -1, length - 1), clamp(stop, -1, -1, length - 1)];
  const count =
    step > 0
      ? to > from
        ? Math.floor((to - from - 1) / step) + 1
        : 0
      : from > to
        ? Math.floor((from - to - 1) / -step) + 1
        : 0;
  return { first: from, count };
}

/** The array `array[items]` makes, named `name` for the view's owner; undefined when numpy would raise or make a scalar. */
export function indexArray(array: NdarrayLayout, name: string, items: readonly IndexItem[]): NdarrayLayout | undefined {
  const [list] = items;
  if (list?.kind === 'index list') {
    // Advanced indexing along the first axis copies the chosen rows.
    return items.length === 1 && array.shape.length > 0
      ? ownedArray([list.length, ...array.shape.slice(1)], array.dtype)
      : undefined;
  }
  if (items.some((item) => item.kind === 'index list') || items.filter((item) => item.kind === 'ellipsis').length > 1)
    return undefined;
  const consuming = items.filter((item) => item.kind === 'integer' || item.kind === 'slice').length;
  if (consuming > array.shape.length) return undefined;
  const expanded = items.flatMap((item): IndexItem[] =>
    item.kind === 'ellipsis'
      ? Array.from({ length: array.shape.length - consuming }, () => ({
          kind: 'slice',
          start: undefined,
          stop: undefined,
          step: undefined,
        }))
      : [item],
  );
  const shape: number[] = [];
  const strides: number[] = [];
  let axis = 0;
  for (const item of expanded) {
    if (item.kind === 'new axis') {
      shape.push(1);
      strides.push(0);
      continue;
    }
    const length = array.shape[axis]!;
    const stride = array.strides[axis]!;
    axis++;
    if (item.kind === 'integer') {
      if (item.value >= length || item.value < -length) return undefined;
      continue;
    }
    if (item.kind !== 'slice') return undefined;
    const slice = sliceLength(length, item.start, item.stop, item.step);
    if (!slice) return undefined;
    shape.push(slice.count);
    strides.push(stride * (item.step ?? 1));
  }
  shape.push(...array.shape.slice(axis));
  strides.push(...array.strides.slice(axis));
  // Every axis indexed by an integer: a numpy scalar, not an array.
  if (shape.length === 0) return undefined;
  return { shape, strides, dtype: array.dtype, owner: ownerOf(array, name) };
}
