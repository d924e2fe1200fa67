// What the code shows a value to be when it is a scipy sparse matrix: made by
// a scipy.sparse constructor or loader, by a scikit-learn text vectorizer
// (whose documents-by-terms output is CSR), or converted from one; a name is
// one when every binding of it is. Its format and kind (a `*_matrix`, whose
// dense forms are np.matrix, or a `*_array`) decide which fixes hold; its
// shape, when the code spells it, what densifying it costs.
import type { Node } from 'web-tree-sitter';
import type { DocumentFacts } from '../../semantics/facts';
import { bindingsOf } from '../../semantics/initialValues';
import { stringLiteral } from '../../semantics/literals';
import { unparenthesized } from '../../semantics/syntax';
import { boundValues } from '../open-files';

const FORMATS = ['csr', 'csc', 'coo', 'lil', 'dok', 'bsr', 'dia'] as const;
type SparseFormat = (typeof FORMATS)[number];

export interface SparseMatrix {
  /** Undefined when the code does not show it (a loaded file, a stack of matrices, a transpose). */
  readonly format: SparseFormat | undefined;
  /** `matrix` (scipy's spmatrix: `todense()` gives an np.matrix, sums give np.matrix), `array`, or undefined. */
  readonly kind: 'matrix' | 'array' | undefined;
  /** Its rows and columns, as the code spells them. */
  readonly shape?: readonly [Node, Node];
}

interface Maker {
  readonly kind: SparseMatrix['kind'];
  /** The format when `format=` is not given. */
  readonly format: SparseFormat | undefined;
  /** Where the format goes when passed positionally. */
  readonly formatPosition?: number;
  /** Where rows and columns are: two positional arguments (a second one absent is the first again), or a `shape` tuple. */
  readonly shape?: 'rows-columns' | 'square' | 'tuple';
}

const MAKERS: ReadonlyMap<string, Maker> = new Map<string, Maker>([
  ...FORMATS.flatMap((format): [string, Maker][] => [
    [`${format}_matrix`, { kind: 'matrix', format, shape: 'tuple' }],
    [`${format}_array`, { kind: 'array', format, shape: 'tuple' }],
  ]),
  ['random', { kind: 'matrix', format: 'coo', formatPosition: 3, shape: 'rows-columns' }],
  ['rand', { kind: 'matrix', format: 'coo', formatPosition: 3, shape: 'rows-columns' }],
  ['random_array', { kind: 'array', format: 'coo', shape: 'tuple' }],
  ['eye', { kind: 'matrix', format: 'dia', shape: 'square' }],
  ['identity', { kind: 'matrix', format: 'dia', formatPosition: 2, shape: 'square' }],
  ['eye_array', { kind: 'array', format: 'dia', shape: 'square' }],
  ['diags', { kind: 'matrix', format: 'dia' }],
  ['spdiags', { kind: 'matrix', format: 'dia' }],
  ['diags_array', { kind: 'array', format: 'dia' }],
  // As their parts are, but always sparse.
  ['hstack', { kind: undefined, format: undefined }],
  ['vstack', { kind: undefined, format: undefined }],
  ['bmat', { kind: undefined, format: undefined }],
  ['block_diag', { kind: undefined, format: undefined }],
  ['kron', { kind: undefined, format: undefined }],
  ['kronsum', { kind: undefined, format: undefined }],
  ['load_npz', { kind: undefined, format: undefined }],
]);

/** scikit-learn's text vectorizers: `fit_transform` and `transform` give a CSR matrix of documents by terms. */
const VECTORIZERS: ReadonlySet<string> = new Set(
  ['CountVectorizer', 'TfidfVectorizer', 'HashingVectorizer', 'TfidfTransformer'].map(
    (name) => `sklearn.feature_extraction.text.${name}`,
  ),
);
const VECTORIZING_METHODS: ReadonlySet<string> = new Set(['fit_transform', 'transform']);

/** Methods of a sparse matrix that give one of the same kind: a conversion names its format. */
const CONVERSIONS: ReadonlyMap<string, SparseFormat | 'same' | undefined> = new Map<
  string,
  SparseFormat | 'same' | undefined
>([
  ...FORMATS.map((format): [string, SparseFormat] => [`to${format}`, format]),
  ['copy', 'same'],
  ['astype', 'same'],
  ['transpose', undefined],
]);

/** How many names deep a value is followed. */
const MAX_DEPTH = 8;

/** The sparse matrix `expression` surely is, or undefined. */
export function sparseMatrix(expression: Node, facts: DocumentFacts, depth = 0): SparseMatrix | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const node = unparenthesized(expression);
  if (node.type === 'identifier') return boundMatrix(node, facts, depth);
  if (node.type === 'attribute' && node.childForFieldName('attribute')?.text === 'T') {
    const transposed = sparseMatrix(node.childForFieldName('object')!, facts, depth + 1);
    return transposed && { format: undefined, kind: transposed.kind };
  }
  if (node.type !== 'call') return undefined;
  const callee = node.childForFieldName('function');
  if (!callee) return undefined;
  const name = facts.qualifiedName(callee);
  const maker = name?.startsWith('scipy.sparse.') ? MAKERS.get(name.slice(name.lastIndexOf('.') + 1)) : undefined;
  if (maker) return made(node, maker, facts);
  if (callee.type !== 'attribute') return undefined;
  const method = callee.childForFieldName('attribute')?.text ?? '';
  const receiver = callee.childForFieldName('object');
  if (!receiver) return undefined;
  if (VECTORIZING_METHODS.has(method))
    return isVectorizer(receiver, facts) ? { format: 'csr', kind: undefined } : undefined;
  if (!CONVERSIONS.has(method)) return undefined;
  const converted = sparseMatrix(receiver, facts, depth + 1);
  const format = CONVERSIONS.get(method);
  if (!converted) return undefined;
  return format === 'same' ? converted : { format, kind: converted.kind };
}

/** A name every binding of which, in the scope it is read from, stores a sparse matrix. */
function boundMatrix(name: Node, facts: DocumentFacts, depth: number): SparseMatrix | undefined {
  const bindings = bindingsOf(facts, name.text, name)?.bindings;
  if (!bindings?.length || bindings.some((binding) => binding.kind !== 'value')) return undefined;
  const matrices = bindings.map((binding) =>
    binding.kind === 'value' ? sparseMatrix(binding.value, facts, depth + 1) : undefined,
  );
  if (matrices.some((matrix) => matrix === undefined)) return undefined;
  const [first, ...others] = matrices as SparseMatrix[];
  const format = others.every((other) => other.format === first!.format) ? first!.format : undefined;
  const kind = others.every((other) => other.kind === first!.kind) ? first!.kind : undefined;
  return { format, kind, ...(others.length === 0 && first!.shape ? { shape: first!.shape } : {}) };
}

function made(call: Node, maker: Maker, facts: DocumentFacts): SparseMatrix {
  const args = facts.callArguments(call);
  const keyword = (name: string) =>
    args
      .find((arg) => arg.type === 'keyword_argument' && arg.childForFieldName('name')?.text === name)
      ?.childForFieldName('value') ?? undefined;
  const positional = args.filter((arg) => arg.type !== 'keyword_argument');
  const formatArgument =
    keyword('format') ?? (maker.formatPosition === undefined ? undefined : positional[maker.formatPosition]);
  const spelled = formatArgument ? stringLiteral(formatArgument)?.value : undefined;
  const format = formatArgument ? FORMATS.find((known) => known === spelled) : maker.format;
  const shape = shapeOf(maker, positional, keyword('shape'));
  return { format, kind: maker.kind, ...(shape ? { shape } : {}) };
}

function shapeOf(maker: Maker, positional: readonly Node[], shapeKeyword: Node | undefined): [Node, Node] | undefined {
  if (maker.shape === 'rows-columns' || maker.shape === 'square') {
    const rows = positional[0];
    const columns = positional[1] ?? (maker.shape === 'square' ? rows : undefined);
    return rows && columns ? [rows, columns] : undefined;
  }
  if (maker.shape !== 'tuple') return undefined;
  const tuple = shapeKeyword ?? (positional[0]?.type === 'tuple' ? positional[0] : undefined);
  const items = tuple
    ? unparenthesized(tuple).namedChildren.filter((child): child is Node => child !== null && child.type !== 'comment')
    : [];
  // A tuple of two numbers is a shape; a tuple of arrays is (data, (rows, columns)) and names no shape.
  return items.length === 2 &&
    items.every((item) => item.type === 'integer' || item.type === 'identifier' || item.type === 'binary_operator')
    ? [items[0]!, items[1]!]
    : undefined;
}

/** A vectorizer made in place or a name bound only to vectorizers. */
function isVectorizer(receiver: Node, facts: DocumentFacts): boolean {
  const node = unparenthesized(receiver);
  const values = node.type === 'identifier' ? boundValues(facts, node) : [node];
  return (
    (values?.length ?? 0) > 0 &&
    values!.every((value) => {
      const callee = value.type === 'call' ? value.childForFieldName('function') : null;
      return callee !== null && VECTORIZERS.has(facts.qualifiedName(callee) ?? '');
    })
  );
}
