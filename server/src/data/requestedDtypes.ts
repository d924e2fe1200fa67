// How a column is stored when the code names its dtype (read_csv's dtype=):
// the numpy and pandas names a literal may spell, mapped to what a row costs.

export type Storage =
  /** One fixed-size item per row (numpy dtypes). */
  | { readonly kind: 'fixed'; readonly dtype: string; readonly itemsize: number }
  /** pandas' masked arrays (Int64, Float32, boolean): the item and a 1-byte mask per row. */
  | { readonly kind: 'masked'; readonly dtype: string; readonly itemsize: number }
  | { readonly kind: 'category' }
  /** Python str objects: an object column, or pandas' StringDtype with python storage. */
  | { readonly kind: 'text'; readonly dtype: 'object' | 'string' };

const FIXED: ReadonlyMap<string, readonly [string, number]> = new Map([
  ['int', ['int64', 8]],
  ['float', ['float64', 8]],
  ['bool', ['bool', 1]],
  ['?', ['bool', 1]],
  ['b1', ['bool', 1]],
  ['complex', ['complex128', 16]],
  ['datetime64', ['datetime64[ns]', 8]],
  ['datetime64[ns]', ['datetime64[ns]', 8]],
  ['<M8[ns]', ['datetime64[ns]', 8]],
  ['M8[ns]', ['datetime64[ns]', 8]],
  ['timedelta64[ns]', ['timedelta64[ns]', 8]],
  ['m8[ns]', ['timedelta64[ns]', 8]],
]);

// numpy's sized names and one-letter codes (int8, uint16, float32, i4, f8…), with their bytes per item.
const NUMPY_BITS: Readonly<Record<string, readonly number[]>> = {
  int: [8, 16, 32, 64],
  uint: [8, 16, 32, 64],
  float: [16, 32, 64, 128],
  complex: [64, 128, 256],
};
const SIZED = /^(int|uint|float|complex)(\d+)$/;
const CODED = /^[<>=|]?([iufc])(\d+)$/;
const CODE_KIND: Readonly<Record<string, string>> = { i: 'int', u: 'uint', f: 'float', c: 'complex' };
const MASKED = /^(?:U?Int(8|16|32|64)|Float(32|64))$/;

function numpySized(kind: string, bits: number): Storage | undefined {
  return NUMPY_BITS[kind]?.includes(bits) ? { kind: 'fixed', dtype: `${kind}${bits}`, itemsize: bits / 8 } : undefined;
}

/** What a row of a column read with `dtype` costs; undefined for a dtype not modelled (the inferred one stands). */
export function requestedStorage(dtype: string): Storage | undefined {
  const name = dtype.trim();
  if (name === 'category') return { kind: 'category' };
  if (name === 'object' || name === 'O' || name === 'str') return { kind: 'text', dtype: 'object' };
  if (name === 'string' || name === 'string[python]') return { kind: 'text', dtype: 'string' };
  if (name === 'boolean') return { kind: 'masked', dtype: 'boolean', itemsize: 1 };
  const fixed = FIXED.get(name);
  if (fixed) return { kind: 'fixed', dtype: fixed[0], itemsize: fixed[1] };
  const masked = MASKED.exec(name);
  if (masked) return { kind: 'masked', dtype: name, itemsize: Number(masked[1] ?? masked[2]) / 8 };
  const sized = SIZED.exec(name);
  if (sized) return numpySized(sized[1]!, Number(sized[2]));
  const coded = CODED.exec(name);
  return coded ? numpySized(CODE_KIND[coded[1]!]!, Number(coded[2]) * 8) : undefined;
}
