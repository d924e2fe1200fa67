// The fixes of MEM409, where the sparse matrix gives what its dense form did.
// One row by a literal index: `m.toarray()[k]` and `m.A[k]` → `m[k].toarray().ravel()`,
// `m.todense()[k]` → `m[k].todense()`: the same values, dtype and shape, safe
// for a CSR or LIL `*_matrix` (a `*_array` in scipy before 1.14 cannot take
// one index, a CSC matrix's row is laid out otherwise, COO and DIA cannot be
// indexed), unsafe for a CSC or CSR/LIL of unknown kind. A reduction
// `.todense().sum(axis)` → `m.sum(axis)` gives the same type (np.matrix for
// a `*_matrix`, ndarray for a `*_array`) but sums fewer zeros in another
// order, so floats may differ in the last bits: unsafe. `.toarray().sum(axis)`
// of a `*_matrix` is an ndarray where `m.sum(axis)` is an np.matrix: no fix.
import type { Node } from 'web-tree-sitter';
import { integerLiteral } from '../../semantics/literals';
import { descendants } from '../../semantics/syntax';
import type { Fix, FixSafety } from '../types';
import type { Densified } from './densified';
import type { SparseMatrix } from './sparseMatrices';

/** Node types that `m[k]` and `m.sum()` can follow without parentheses. */
const PRIMARY_TYPES: ReadonlySet<string> = new Set([
  'identifier',
  'attribute',
  'call',
  'subscript',
  'parenthesized_expression',
]);

export function sparseFix(found: Densified, matrix: SparseMatrix): Fix | undefined {
  if (hasComment(found.node)) return undefined;
  const receiver = PRIMARY_TYPES.has(found.matrix.type) ? found.matrix.text : `(${found.matrix.text})`;
  const fix =
    found.use.kind === 'index'
      ? rowFix(found, found.use.keys, matrix, receiver)
      : reductionFix(found, matrix, receiver);
  return fix && { ...fix, edits: [{ start: found.node.startIndex, end: found.node.endIndex, text: fix.text }] };
}

interface Rewrite {
  readonly title: string;
  readonly safety: FixSafety;
  readonly text: string;
}

function rowFix(found: Densified, keys: readonly Node[], matrix: SparseMatrix, receiver: string): Rewrite | undefined {
  const row = keys.length === 1 ? integerLiteral(keys[0]!) : undefined;
  if (row === undefined || !['csr', 'lil', 'csc'].includes(matrix.format ?? '')) return undefined;
  // `.A` exists on a `*_matrix` alone: where it runs, the matrix is one.
  const kind = found.how === 'A' ? 'matrix' : matrix.kind;
  const safety: FixSafety = kind === 'matrix' && matrix.format !== 'csc' ? 'safe' : 'unsafe';
  const key = keys[0]!.text;
  return found.how === 'todense'
    ? { title: 'Index the sparse matrix first', safety, text: `${receiver}[${key}].todense()` }
    : { title: 'Index the sparse matrix first', safety, text: `${receiver}[${key}].toarray().ravel()` };
}

function reductionFix(found: Densified, matrix: SparseMatrix, receiver: string): Rewrite | undefined {
  if (found.use.kind !== 'reduce' || !axisOnly(found.use.args)) return undefined;
  const sameType = found.how === 'todense' || found.use.args.length === 0 || matrix.kind === 'array';
  if (!sameType || (found.how === 'A' && found.use.args.length > 0)) return undefined;
  const args = found.use.args.map((arg) => arg.text).join(', ');
  return {
    title: `Reduce the sparse matrix: .${found.use.method}()`,
    safety: 'unsafe',
    text: `${receiver}.${found.use.method}(${args})`,
  };
}

/** No arguments, or the axis alone (positional or `axis=`): what both the dense and the sparse reduction take alike. */
function axisOnly(args: readonly Node[]): boolean {
  if (args.length === 0) return true;
  if (args.length > 1) return false;
  const only = args[0]!;
  if (only.type === 'keyword_argument') return only.childForFieldName('name')?.text === 'axis';
  return only.type !== 'list_splat' && only.type !== 'dictionary_splat';
}

function hasComment(node: Node): boolean {
  for (const part of descendants(node)) if (part.type === 'comment') return true;
  return false;
}
