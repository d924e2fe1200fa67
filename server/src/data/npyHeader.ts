// The header of an .npy file (numpy.lib.format): the magic string \x93NUMPY,
// a version (1.0, 2.0, 3.0), the header's length (2 bytes in version 1, 4
// after), then repr() of a dict with 'descr', 'fortran_order' and 'shape',
// padded with spaces and a newline so that the data starts aligned.
import { npyDtype, type NpyDtype } from './npyDtype';
import { isDict, isSequence, parsePyLiteral, PyLiteralError, type PyLiteral } from './pyLiteral';
import { NotEstimated } from './regularFile';

const MAGIC = Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]);

/** Bytes before the header dict in version 1 (magic, version, 2-byte length); versions 2 and 3 have two more. */
export const NPY_PREFIX_BYTES = 12;

/** numpy.lib.format's default max_header_size: np.load refuses a longer header (numpy 1.24+). */
export const NPY_MAX_HEADER_SIZE = 10000;

export interface NpyHeader {
  readonly version: 1 | 2 | 3;
  readonly dtype: NpyDtype;
  readonly fortranOrder: boolean;
  readonly shape: readonly number[];
  /** Where the array's data begins in the file. */
  readonly dataOffset: number;
}

export interface NpyHeaderSpan {
  readonly version: 1 | 2 | 3;
  /** Where the header dict starts and how long it is. */
  readonly start: number;
  readonly length: number;
}

/** Reads the magic string, version and header length from the first NPY_PREFIX_BYTES (or fewer) bytes. */
export function npyHeaderSpan(prefix: Buffer): NpyHeaderSpan {
  if (prefix.length < 10 || !prefix.subarray(0, MAGIC.length).equals(MAGIC))
    throw new NotEstimated('not an .npy file (no \\x93NUMPY magic string)');
  const major = prefix[6]!;
  if (major === 1) return { version: 1, start: 10, length: prefix.readUInt16LE(8) };
  if (major !== 2 && major !== 3)
    throw new NotEstimated(`.npy format version ${major}.${prefix[7]} is not one numpy writes`);
  if (prefix.length < NPY_PREFIX_BYTES) throw new NotEstimated('the .npy header is truncated');
  return { version: major, start: 12, length: prefix.readUInt32LE(8) };
}

function headerDict(text: string): ReadonlyMap<string, PyLiteral> {
  try {
    const literal = parsePyLiteral(text);
    if (isDict(literal)) return literal.entries;
  } catch (error) {
    if (!(error instanceof PyLiteralError)) throw error;
  }
  throw new NotEstimated('the .npy header is not a Python dict literal');
}

function shapeOf(value: PyLiteral | undefined): number[] {
  if (value !== undefined && isSequence(value)) {
    const dims = value.items;
    if (dims.every((dim): dim is number => typeof dim === 'number' && dim >= 0)) return [...dims];
  }
  throw new NotEstimated("the .npy header's shape is not a tuple of sizes");
}

/** Parses the header dict, given the span and the bytes from the start of the file through the header's end. */
export function parseNpyHeader(span: NpyHeaderSpan, bytes: Buffer): NpyHeader {
  const end = span.start + span.length;
  if (bytes.length < end) throw new NotEstimated('the .npy header is truncated');
  const text = bytes.toString(span.version === 3 ? 'utf8' : 'latin1', span.start, end);
  const dict = headerDict(text);
  const descr = dict.get('descr');
  const fortranOrder = dict.get('fortran_order');
  if (typeof fortranOrder !== 'boolean') throw new NotEstimated("the .npy header's fortran_order is not True or False");
  const dtype = descr === undefined ? undefined : npyDtype(descr);
  if (!dtype) throw new NotEstimated(`the .npy header's descr ${JSON.stringify(descr)} is not a dtype numpy writes`);
  return { version: span.version, dtype, fortranOrder, shape: shapeOf(dict.get('shape')), dataOffset: end };
}

/** ndarray.nbytes: the item size times the number of items. */
export function npyDataBytes(header: NpyHeader): number {
  return header.shape.reduce((product, dim) => product * dim, header.dtype.itemSize);
}
