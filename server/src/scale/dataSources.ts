// Where data comes from, as the code spells it: calls that read files,
// databases or the network, and calls that make DataFrames, arrays and
// Series. Data, not branches: a new library is a new line.
import type { Node } from 'web-tree-sitter';
import type { DocumentFacts } from '../semantics/facts';
import { bindingsOf, type NameBinding } from '../semantics/initialValues';
import { unparenthesized } from '../semantics/syntax';

/** Qualified names (or prefixes ending in `.` or `_`) whose result is data from outside the program. */
const READERS: readonly string[] = [
  'pandas.read_',
  'polars.read_',
  'polars.scan_',
  'pyarrow.parquet.read_',
  'pyarrow.csv.read_',
  'dask.dataframe.read_',
  'numpy.load',
  'numpy.loadtxt',
  'numpy.genfromtxt',
  'numpy.fromfile',
  'numpy.memmap',
  'builtins.open',
  'io.open',
  'gzip.open',
  'bz2.open',
  'lzma.open',
  'codecs.open',
  'zipfile.ZipFile',
  'tarfile.open',
  'json.load',
  'pickle.load',
  'joblib.load',
  'torch.load',
  'h5py.File',
  'scipy.io.loadmat',
  'xarray.open_',
  'csv.reader',
  'csv.DictReader',
  'fileinput.input',
  'sqlite3.connect',
  'requests.get',
  'requests.post',
  'urllib.request.urlopen',
  'datasets.load_dataset',
  'sklearn.datasets.fetch_',
  'PIL.Image.open',
  'cv2.imread',
  'pathlib.Path.read_text',
  'pathlib.Path.read_bytes',
];

/** Module attributes that are streams of data from outside the program. */
export const DATA_STREAMS: ReadonlySet<string> = new Set(['sys.stdin', 'sys.stdin.buffer']);

/** Libraries whose values are arrays and frames: what their functions return is data scale. */
const ARRAY_LIBRARIES: readonly string[] = ['numpy.', 'pandas.', 'scipy.', 'torch.', 'polars.', 'xarray.', 'dask.'];

/** Methods whose result is the data a file, cursor or response holds, whatever the receiver is spelled. */
export const READING_METHODS: ReadonlySet<string> = new Set([
  'read',
  'readlines',
  'read_text',
  'read_bytes',
  'fetchall',
  'fetchmany',
  'iterrows',
  'itertuples',
  'iter_rows',
]);

/**
 * Methods whose result may be far smaller than their receiver: a few rows
 * (`head(5)`), a summary (`describe()`), one row per group. Their result's
 * scale is unknown, not the receiver's.
 */
export const REDUCING_METHODS: ReadonlySet<string> = new Set([
  'head',
  'tail',
  'sample',
  'describe',
  'nlargest',
  'nsmallest',
  'value_counts',
  'unique',
  'nunique',
  'sum',
  'mean',
  'median',
  'min',
  'max',
  'std',
  'var',
  'count',
  'size',
  'agg',
  'aggregate',
  'first',
  'last',
  'corr',
  'cov',
]);

/**
 * Attributes of a large value that are not data scale: a frame's column
 * names and shape are a handful of items however many rows it has.
 */
export const SMALL_ATTRIBUTES: ReadonlySet<string> = new Set([
  'columns',
  'dtypes',
  'shape',
  'ndim',
  'size',
  'name',
  'names',
  'dtype',
  'keys',
]);

/** Whether a call of `qualifiedName` reads data from files, databases or the network. */
export function readsData(qualifiedName: string): boolean {
  return READERS.some((reader) =>
    reader.endsWith('.') || reader.endsWith('_') ? qualifiedName.startsWith(reader) : qualifiedName === reader,
  );
}

/** Whether a call of `qualifiedName` makes or transforms arrays, frames or series. */
export function makesArrays(qualifiedName: string): boolean {
  return ARRAY_LIBRARIES.some((library) => qualifiedName.startsWith(library));
}

/** Calls whose result is a pandas DataFrame, unless given one of NOT_A_FRAME. */
const FRAME_MAKERS: ReadonlySet<string> = new Set(
  [
    'DataFrame',
    'merge',
    'pivot_table',
    'crosstab',
    'json_normalize',
    'read_csv',
    'read_table',
    'read_fwf',
    'read_excel',
    'read_json',
    'read_parquet',
    'read_feather',
    'read_orc',
    'read_sql',
    'read_sql_query',
    'read_sql_table',
    'read_stata',
    'read_sas',
    'read_spss',
    'read_xml',
  ].map((name) => `pandas.${name}`),
);

/** Keywords that make a reader return chunks (`chunksize=`), a dict of sheets (`sheet_name=`) or a Series (`typ=`). */
const NOT_A_FRAME: ReadonlySet<string> = new Set(['chunksize', 'iterator', 'sheet_name', 'typ']);

/**
 * Whether a name holds a pandas DataFrame wherever it is read: every binding
 * of it in its scope is a call that makes one (`pd.read_csv(path)`,
 * `pd.DataFrame(…)`) or a parameter annotated `pd.DataFrame`. Iterating a
 * frame yields its column names, while `len()` counts its rows.
 */
export function holdsDataFrame(name: Node, facts: DocumentFacts): boolean {
  return everyBindingOf(name, facts, makesDataFrame);
}

/** Whether the name has bindings in its scope (annotations aside) and each one passes `test`. */
function everyBindingOf(
  name: Node,
  facts: DocumentFacts,
  test: (binding: NameBinding, facts: DocumentFacts) => boolean,
): boolean {
  if (name.type !== 'identifier') return false;
  const values = bindingsOf(facts, name.text, name)?.bindings.filter((binding) => binding.kind !== 'annotation') ?? [];
  return values.length > 0 && values.every((binding) => test(binding, facts));
}

function makesDataFrame(binding: NameBinding, facts: DocumentFacts): boolean {
  if (binding.kind === 'parameter')
    return binding.annotation !== undefined && facts.qualifiedName(binding.annotation) === 'pandas.DataFrame';
  const call = binding.kind === 'value' ? unparenthesized(binding.value) : undefined;
  const callee = call?.type === 'call' ? call.childForFieldName('function') : null;
  if (!callee || !FRAME_MAKERS.has(facts.qualifiedName(callee) ?? '')) return false;
  return facts
    .callArguments(call!)
    .every(
      (arg) =>
        arg.type !== 'dictionary_splat' &&
        !(arg.type === 'keyword_argument' && NOT_A_FRAME.has(arg.childForFieldName('name')?.text ?? '')),
    );
}

/**
 * Whether a name holds a numpy array wherever it is read: every binding of it
 * in its scope stores what a numpy function returns (`np.zeros(4, dtype=…)`,
 * a structured array whose fields are read as `data["age"]` but which has no
 * `.loc`).
 */
export function holdsNumpyArray(name: Node, facts: DocumentFacts): boolean {
  return everyBindingOf(name, facts, madeByNumpy);
}

function madeByNumpy(binding: NameBinding, facts: DocumentFacts): boolean {
  const call = binding.kind === 'value' ? unparenthesized(binding.value) : undefined;
  const callee = call?.type === 'call' ? call.childForFieldName('function') : null;
  return callee !== null && (facts.qualifiedName(callee) ?? '').startsWith('numpy.');
}
