// An .npy header's 'descr' as the numpy dtype it stands for: a type string
// ('<f8', '|S5', '<U10', '<M8[ns]') or, for a structured dtype, a list of
// fields (name, descr[, shape]) whose sizes add up to the item size, padding
// included (numpy.lib.format.dtype_to_descr writes padding as ('', '|V8')).
import { isSequence, type PyLiteral } from './pyLiteral';

export interface NpyDtype {
  /** numpy's dtype.name: 'float64', 'bool', 'str320' (U10), 'bytes40' (S5), 'void192' (a structured dtype). */
  readonly name: string;
  /** dtype.itemsize in bytes. */
  readonly itemSize: number;
  /** Whether an item holds Python objects, which np.load can only unpickle. */
  readonly hasObject: boolean;
}

/** Bytes per character of numpy's fixed-width unicode ('U'): UCS-4. */
const UNICODE_CHAR_BYTES = 4;

const TYPE_STRING = /^[<>|=]?([biufcmMOSUVa])(\d*)(\[\w+\])?$/;

/** numpy's name for a kind of the given item size. */
function kindName(kind: string, itemSize: number, unit: string): string {
  const bits = 8 * itemSize;
  switch (kind) {
    case 'b':
      return 'bool';
    case 'i':
      return `int${bits}`;
    case 'u':
      return `uint${bits}`;
    case 'f':
      return `float${bits}`;
    case 'c':
      return `complex${bits}`;
    case 'M':
      return `datetime64${unit}`;
    case 'm':
      return `timedelta64${unit}`;
    case 'O':
      return 'object';
    case 'U':
      return `str${bits}`;
    case 'V':
      return `void${bits}`;
    default:
      return `bytes${bits}`;
  }
}

function typeStringDtype(descr: string): NpyDtype | undefined {
  const match = TYPE_STRING.exec(descr);
  if (!match) return undefined;
  const [, kind, digits, unit = ''] = match as unknown as [string, string, string, string | undefined];
  if (kind === 'O') return { name: 'object', itemSize: 8, hasObject: true };
  // A type string always carries its size, but for S/U/V a missing size means an empty item (np.dtype('S') is S0).
  if (digits === '' && !'SUVa'.includes(kind)) return undefined;
  const count = digits === '' ? 0 : Number(digits);
  const itemSize = kind === 'U' ? UNICODE_CHAR_BYTES * count : count;
  if ((kind === 'M' || kind === 'm') && itemSize !== 8) return undefined;
  return { name: kindName(kind, itemSize, unit), itemSize, hasObject: false };
}

function subarrayCount(shape: PyLiteral | undefined): number | undefined {
  if (shape === undefined) return 1;
  if (typeof shape === 'number') return shape >= 0 ? shape : undefined;
  if (!isSequence(shape)) return undefined;
  let count = 1;
  for (const dim of shape.items) {
    if (typeof dim !== 'number' || dim < 0) return undefined;
    count *= dim;
  }
  return count;
}

function fieldsDtype(fields: readonly PyLiteral[]): NpyDtype | undefined {
  let itemSize = 0;
  let hasObject = false;
  for (const field of fields) {
    if (!isSequence(field) || field.items.length < 2 || field.items.length > 3) return undefined;
    const [name, format, shape] = field.items;
    // A field's name is a str, or a (title, name) tuple.
    if (typeof name !== 'string' && !isSequence(name)) return undefined;
    const dtype = format === undefined ? undefined : npyDtype(format);
    const count = subarrayCount(shape);
    if (!dtype || count === undefined) return undefined;
    itemSize += dtype.itemSize * count;
    hasObject ||= dtype.hasObject;
  }
  return { name: `void${8 * itemSize}`, itemSize, hasObject };
}

/** The dtype a header's 'descr' describes, or undefined when it is not one numpy writes. */
export function npyDtype(descr: PyLiteral): NpyDtype | undefined {
  if (typeof descr === 'string') return typeStringDtype(descr);
  if (isSequence(descr) && descr.kind === 'list' && descr.items.length > 0) return fieldsDtype(descr.items);
  return undefined;
}
