import type { Node } from 'web-tree-sitter';
import { DataScales } from '../scale/dataScale';
import { costLead } from '../scale/holdsText';
import type { Scale } from '../scale/scale';
import { approximateSize, perCountSize, type Size } from '../sizes/size';
import { nameAnchors } from './anchors';
import {
  DENSE_ATTRIBUTE,
  DENSIFYING_METHODS,
  type Densified,
  denseFromName,
  densified,
} from './mem409-densified-sparse-matrix/densified';
import { sparseFix } from './mem409-densified-sparse-matrix/sparseFix';
import { type SparseMatrix, sparseMatrix } from './mem409-densified-sparse-matrix/sparseMatrices';
import type { Rule } from './types';

/** A float64 cell of the dense form: scipy's constructors and the vectorizers' TF-IDF default to it. */
const CELL_BYTES = 8;

export const mem409: Rule = {
  code: 'MEM409',
  name: 'densified-sparse-matrix',
  defaultSeverity: 'warning',
  fixAvailability: 'sometimes',
  summary:
    'A sparse matrix made dense, zeros and all, to read part of it or reduce it, which the sparse matrix does itself',
  docs: {
    whatItDoes:
      'Flags `m.toarray()[…]`, `m.todense()[…]` and `m.A[…]` (a row, a column, a cell, a slice: anything but `[:]`), and `m.toarray().sum(…)`, `m.todense().mean(…)` and the like, where `m` is surely a scipy sparse matrix: made by a `scipy.sparse` constructor (`csr_matrix`, `csc_array`, `coo_matrix`…), `sparse.random`, `eye`, `identity`, `diags`, `hstack`, `vstack`, `bmat`, `block_diag`, `kron`, `load_npz`, by `fit_transform` or `transform` of scikit-learn’s `CountVectorizer`, `TfidfVectorizer`, `HashingVectorizer` or `TfidfTransformer`, or converted from one (`.tocsr()`, `.T`, `.astype(…)`), through names bound only to such values. Not flagged: `toarray()` kept whole, and the same methods of anything else (an `np.matrix` has `.A` too).',
    whyBadForMemory:
      '`toarray()` and `todense()` allocate every cell of the matrix, zeros included: 8 bytes per cell for float64, rows × columns × 8 bytes, however few values are stored. A 100,000 × 10,000 TF-IDF matrix of 0.1% density stores 1,000,000 values in about 12 MB and densifies to 8,000,000,192 bytes under tracemalloc (7.7 GB resident with Debian’s CPython 3.11, numpy 1.24 and scipy 1.10: numpy asks for transparent huge pages, and values scattered over them make every page resident). A row read from the dense array is a view of it: `first = m.toarray()[0]` keeps all of it alive as long as `first` lives. Indexing the sparse matrix first, `m[0].toarray()`, densifies one row (columns × 8 bytes); `m.sum(axis=0)` sums the stored values only. Measured with tracemalloc on a 100,000 × 1,000 CSR matrix of 1% density (1,000,000 stored values; dense, 800,000,000 bytes): one row through `toarray()` peaks at 800,000,344 bytes on CPython 3.11 with scipy 1.17 (800,002,368 on 3.9 with scipy 1.6, 800,000,352 on 3.13 with scipy 1.15) and keeps 800,000,192 of them while the row lives, against 9,536 bytes for `m[0].toarray().ravel()` (17,332 and 9,616); column sums through `todense()` peak at 800,009,917 bytes (800,079,000 and 800,075,357), and `m.sum(axis=0)` at 826,485 (824,950 and 812,474), most of it a row of ones, 8 bytes per row of the matrix, that the sparse sum multiplies by.',
    example:
      'from scipy import sparse\n\nX = sparse.random(100_000, 1_000, density=0.01, format="csr", random_state=0)\n\nfirst = X.toarray()[0]\n\ntotals = X.todense().sum(axis=0)',
    useInstead:
      'from scipy import sparse\n\nX = sparse.random(100_000, 1_000, density=0.01, format="csr", random_state=0)\n\nfirst = X[0].toarray().ravel()\n\ntotals = X.sum(axis=0)',
    fixSafety:
      'One row by a literal index: `m.toarray()[k]` and `m.A[k]` become `m[k].toarray().ravel()`, and `m.todense()[k]` becomes `m[k].todense()`: the same values, dtype and shape (a 1-D array; a 1 × n np.matrix). Safe for a CSR or LIL `*_matrix` (and wherever `.A` runs, which only a `*_matrix` has); unsafe for a CSC matrix (its dense row is not contiguous, the fixed one is) and for CSR, LIL or CSC matrices whose kind the code does not show (a `*_array` takes one index only from scipy 1.14 on); no fix for other formats (COO and DIA cannot be indexed) or other keys. A reduction, `m.todense().sum(axis)` → `m.sum(axis)`, `m.toarray().sum()` → `m.sum()` (and `.mean`): the same type (an np.matrix for a `*_matrix`’s axis sums either way) and the same sum, but over the stored values only and in another order, so float results may differ in the last bits: unsafe. No fix for `m.toarray().sum(axis)` of a `*_matrix` (an ndarray, where `m.sum(axis)` is an np.matrix: `np.asarray(m.sum(axis)).ravel()` is the same), for `dtype=`, `out=` or `keepdims=`, or when a comment inside would be lost.',
  },
  anchors: nameAnchors([...DENSIFYING_METHODS, DENSE_ATTRIBUTE], denseFromName),
  check(dense, context) {
    const found = densified(dense, context.facts);
    const matrix = found && sparseMatrix(found.matrix, context.facts);
    if (!found || !matrix) return undefined;
    const scales = new DataScales(context.facts, context.dataReads);
    const holds = denseSize(matrix, scales);
    const fix = sparseFix(found, matrix);
    return {
      code: mem409.code,
      message: `${costLead(holds, 'a dense copy')} ${purpose(found)}: ${advice(found, matrix)}`,
      severity: mem409.defaultSeverity,
      holds,
      scale: matrixScale(found.matrix, scales),
      start: found.node.startIndex,
      end: found.node.endIndex,
      ...(fix ? { fix } : {}),
    };
  },
};

/** rows × columns × 8 bytes: in bytes when the code spells the shape, else per cell. */
function denseSize(matrix: SparseMatrix, scales: DataScales): Size {
  const [rows, columns] = matrix.shape?.map((dimension) => scales.integer(dimension)) ?? [];
  if (rows !== undefined && columns !== undefined) return approximateSize(Number(rows * columns) * CELL_BYTES);
  return perCountSize(0, CELL_BYTES, 'rows × columns', true);
}

const UNINDEXABLE: ReadonlySet<string> = new Set(['coo', 'dia', 'bsr']);

const PURPOSES: Readonly<Record<string, string>> = { sum: 'to sum it', mean: 'to average it' };

function purpose(found: Densified): string {
  return found.use.kind === 'index' ? 'to read part of it' : PURPOSES[found.use.method]!;
}

/** What to write instead, in the code's own words where they are short. */
function advice(found: Densified, matrix: SparseMatrix): string {
  const name = found.matrix.type === 'identifier' && found.matrix.text.length <= 16 ? found.matrix.text : 'm';
  if (found.use.kind === 'reduce') {
    const args = found.use.args.map((arg) => arg.text).join(', ');
    return `\`${name}.${found.use.method}(${args.length <= 12 ? args : '…'})\` works on the stored values alone`;
  }
  const { keys } = found.use;
  const spelled = keys.map((key) => key.text).join(', ');
  const key = spelled.length <= 12 && !spelled.includes('\n') ? spelled : 'i';
  // Two keys, neither a slice, read one cell: the sparse matrix gives it as a number.
  const cell = keys.length === 2 && keys.every((part) => part.type !== 'slice');
  // COO, DIA and BSR matrices cannot be indexed: CSR can.
  const indexable = matrix.format && UNINDEXABLE.has(matrix.format) ? `${name}.tocsr()` : name;
  return `index first, \`${indexable}[${key}]${cell ? '' : '.toarray()'}\``;
}
/** A sparse matrix holds data: large, unless the code shows it small. */
function matrixScale(node: Node, scales: DataScales): Scale {
  return scales.of(node) === 'small' ? 'small' : 'large';
}
