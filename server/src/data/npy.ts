// np.load("x.npy"): the array's shape and dtype from the file's header, and
// the bytes it holds once loaded. Only the header is read.
//
// What is reported is ndarray.nbytes (item size × items), exactly what
// np.load(p).nbytes says. A tracemalloc measurement of np.load adds to it the
// array objects (numpy.fromfile makes a 1-D array and reshapes it into a view,
// NUMPY.objectSize + NUMPY.perDimension × ndim each: a few hundred bytes), and
// sys.getsizeof of the loaded array is only its header, since the reshaped
// array does not own its data.
import {
  DEFAULT_SAMPLE_LIMITS,
  type DataEstimate,
  type DataEstimateResult,
  type DataFormat,
  type SampleLimits,
} from './dataEstimate';
import {
  NPY_MAX_HEADER_SIZE,
  NPY_PREFIX_BYTES,
  npyDataBytes,
  npyHeaderSpan,
  parseNpyHeader,
  type NpyHeader,
  type NpyHeaderSpan,
} from './npyHeader';
import { NotEstimated, withSampledFile, type SampledFile } from './regularFile';

/** The header's span from the file's first bytes, refusing what np.load refuses. */
export function checkedNpyHeaderSpan(prefix: Buffer): NpyHeaderSpan {
  const span = npyHeaderSpan(prefix);
  // numpy.lib.format._read_array_header raises for a longer header unless allow_pickle is given.
  if (span.length > NPY_MAX_HEADER_SIZE)
    throw new NotEstimated(`the .npy header is ${span.length} bytes, more than np.load reads without allow_pickle`);
  return span;
}

/** The header from the bytes through its end, refusing object arrays. */
export function checkedNpyHeader(span: NpyHeaderSpan, bytes: Buffer): NpyHeader {
  const header = parseNpyHeader(span, bytes);
  if (header.dtype.hasObject)
    throw new NotEstimated('object array (np.load unpickles its Python objects, whose sizes the header does not give)');
  return header;
}

/** The loaded array, given its header and how many bytes of data follow it. */
export function arrayEstimate(
  header: NpyHeader,
  format: DataFormat,
  fileBytes: number,
  storedBytes: number,
): DataEstimate {
  const bytes = npyDataBytes(header);
  // np.load reads exactly nbytes after the header: fewer and it raises (a truncated file).
  if (header.dataOffset + bytes > storedBytes) {
    throw new NotEstimated(
      `truncated: the header promises ${bytes} bytes of data, the file holds ${Math.max(0, storedBytes - header.dataOffset)}`,
    );
  }
  return {
    format,
    fileBytes,
    rows: header.shape[0],
    rowsExact: true,
    shape: header.shape,
    dtype: header.dtype.name,
    bytes,
    bytesExact: true,
  };
}

function estimateOpened(file: SampledFile): DataEstimateResult {
  const span = checkedNpyHeaderSpan(file.read(0, NPY_PREFIX_BYTES, 'the .npy header'));
  const header = checkedNpyHeader(span, file.read(0, span.start + span.length, 'the .npy header'));
  return { estimate: arrayEstimate(header, 'npy', file.size, file.size) };
}

/** What np.load(path) holds for an .npy file: exact shape, dtype and nbytes from the header. */
export function estimateNpy(path: string, limits: SampleLimits = DEFAULT_SAMPLE_LIMITS): DataEstimateResult {
  return withSampledFile(path, limits, estimateOpened);
}
