// Where data comes from, as the code spells it: calls that read files,
// databases or the network, and calls that make DataFrames, arrays and
// Series. Data, not branches: a new library is a new line.

/** Qualified names (or prefixes ending in `.` or `_`) whose result is data from outside the program. */
const READERS: readonly string[] = [
  'pandas.read_', 'polars.read_', 'polars.scan_', 'pyarrow.parquet.read_', 'pyarrow.csv.read_', 'dask.dataframe.read_',
  'numpy.load', 'numpy.loadtxt', 'numpy.genfromtxt', 'numpy.fromfile', 'numpy.memmap',
  'builtins.open', 'io.open', 'gzip.open', 'bz2.open', 'lzma.open', 'codecs.open', 'zipfile.ZipFile', 'tarfile.open',
  'json.load', 'pickle.load', 'joblib.load', 'torch.load', 'h5py.File', 'scipy.io.loadmat', 'xarray.open_',
  'csv.reader', 'csv.DictReader', 'fileinput.input', 'sqlite3.connect', 'requests.get', 'requests.post',
  'urllib.request.urlopen', 'datasets.load_dataset', 'sklearn.datasets.fetch_', 'PIL.Image.open', 'cv2.imread',
  'pathlib.Path.read_text', 'pathlib.Path.read_bytes',
];

/** Module attributes that are streams of data from outside the program. */
export const DATA_STREAMS: ReadonlySet<string> = new Set(['sys.stdin', 'sys.stdin.buffer']);

/** Libraries whose values are arrays and frames: what their functions return is data scale. */
const ARRAY_LIBRARIES: readonly string[] = ['numpy.', 'pandas.', 'scipy.', 'torch.', 'polars.', 'xarray.', 'dask.'];

/** Methods whose result is the data a file, cursor or response holds, whatever the receiver is spelled. */
export const READING_METHODS: ReadonlySet<string> = new Set([
  'read', 'readlines', 'read_text', 'read_bytes', 'fetchall', 'fetchmany', 'iterrows', 'itertuples', 'iter_rows',
]);

/**
 * Methods whose result may be far smaller than their receiver: a few rows
 * (`head(5)`), a summary (`describe()`), one row per group. Their result's
 * scale is unknown, not the receiver's.
 */
export const REDUCING_METHODS: ReadonlySet<string> = new Set([
  'head', 'tail', 'sample', 'describe', 'nlargest', 'nsmallest', 'value_counts', 'unique', 'nunique',
  'sum', 'mean', 'median', 'min', 'max', 'std', 'var', 'count', 'size', 'agg', 'aggregate', 'first', 'last', 'corr', 'cov',
]);

/**
 * Attributes of a large value that are not data scale: a frame's column
 * names and shape are a handful of items however many rows it has.
 */
export const SMALL_ATTRIBUTES: ReadonlySet<string> = new Set(['columns', 'dtypes', 'shape', 'ndim', 'size', 'name', 'names', 'dtype', 'keys']);

/** Whether a call of `qualifiedName` reads data from files, databases or the network. */
export function readsData(qualifiedName: string): boolean {
  return READERS.some((reader) => (reader.endsWith('.') || reader.endsWith('_') ? qualifiedName.startsWith(reader) : qualifiedName === reader));
}

/** Whether a call of `qualifiedName` makes or transforms arrays, frames or series. */
export function makesArrays(qualifiedName: string): boolean {
  return ARRAY_LIBRARIES.some((library) => qualifiedName.startsWith(library));
}
