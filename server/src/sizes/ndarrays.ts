// What an ndarray is made of, as numpy keeps it: a shape, strides in bytes,
// an item type, and whether the data buffer is its own or another array's
// (a view). Views and copies are told apart by these, as numpy tells them.

/**
 * numpy 1.22 and later (2.x too) on 64-bit: sizeof(PyArrayObject_fields) and one
 * npy_intp for each of shape and strides per dimension. The object is 8 bytes
 * smaller in numpy 1.20-1.21 (no mem_handler) and 16 in 1.19 and older (no
 * _buffer_info either).
 */
export const NUMPY = { objectSize: 96, perDimension: 16 } as const;

export interface Dtype {
  readonly name: string;
  readonly size: number;
}

/** The array whose buffer a view reads: its name (or source text) and how big that buffer is. */
export interface DataOwner {
  readonly name: string;
  readonly dataBytes: number;
}

export interface NdarrayLayout {
  readonly shape: readonly number[];
  /** Bytes between neighbours along each axis. */
  readonly strides: readonly number[];
  readonly dtype: Dtype;
  /** The array whose data this one reads; undefined when the array owns its data. */
  readonly owner: DataOwner | undefined;
}

export function itemCount(shape: readonly number[]): number {
  return shape.reduce((product, dim) => product * dim, 1);
}

/** Strides of a C-ordered (row-major) array of this shape. */
export function cStrides(shape: readonly number[], itemSize: number): number[] {
  const strides = new Array<number>(shape.length);
  let step = itemSize;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    strides[axis] = step;
    step *= Math.max(1, shape[axis]!);
  }
  return strides;
}

/** numpy's C-contiguity test (_IsContiguous): axes of length 1 do not count, an empty array is contiguous. */
export function isCContiguous(array: NdarrayLayout): boolean {
  if (array.shape.some((dim) => dim === 0)) return true;
  let expected = array.dtype.size;
  for (let axis = array.shape.length - 1; axis >= 0; axis--) {
    const dim = array.shape[axis]!;
    if (dim === 1) continue;
    if (array.strides[axis] !== expected) return false;
    expected *= dim;
  }
  return true;
}

/** A new C-ordered array that owns its data. */
export function ownedArray(shape: readonly number[], dtype: Dtype): NdarrayLayout {
  return { shape, strides: cStrides(shape, dtype.size), dtype, owner: undefined };
}

export function dataBytes(array: NdarrayLayout): number {
  return itemCount(array.shape) * array.dtype.size;
}

/** sys.getsizeof: the object with its shape and strides, plus the data when the array owns it (ndarray.__sizeof__). */
export function ndarraySize(array: NdarrayLayout): number {
  const header = NUMPY.objectSize + NUMPY.perDimension * array.shape.length;
  return header + (array.owner ? 0 : dataBytes(array));
}

/** The owner a view of `array` reads from: the array's own owner, or the array itself (numpy collapses chains of views). */
export function ownerOf(array: NdarrayLayout, name: string): DataOwner {
  return array.owner ?? { name, dataBytes: dataBytes(array) };
}
