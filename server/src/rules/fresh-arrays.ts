// Expressions that make a new array each time they run, one whose data nothing
// else holds: `np.array(parts)`, `np.zeros(d)`, `x * 2` on an array,
// `np.mean(block, axis=0)`, `m.toarray()`, `cv2.imread(path)`. A list of such
// items holds all their data beside the array numpy then copies them into
// (MEM403, MEM414). Views are not fresh (`x.reshape(1, -1)`, `x[i]`,
// `s.to_numpy()` read data that stays held anyway), nor is anything unproven:
// a call of unknown result may hand back an array it keeps, and `np.log(x)`
// of a number is a number.
import type { Node } from 'web-tree-sitter';
import type { DocumentFacts } from '../semantics/facts';
import { bindingsOf } from '../semantics/initialValues';
import { callArguments, expressionChildren, unparenthesized } from '../semantics/syntax';

const within = (module: string, names: readonly string[]): string[] => names.map((name) => `${module}.${name}`);

/** Calls that return a new array whatever they are given (unless `out=`): 0-d at least, never a scalar. */
const ARRAY_MAKERS: ReadonlySet<string> = new Set([
  ...within('numpy', ['zeros', 'ones', 'empty', 'full', 'zeros_like', 'ones_like', 'empty_like', 'full_like']),
  ...within('numpy', ['eye', 'identity', 'tri', 'arange', 'linspace', 'logspace', 'geomspace', 'copy']),
  ...within('numpy', ['fromstring', 'fromiter', 'loadtxt', 'genfromtxt', 'fromfile']),
  ...within('numpy', ['concatenate', 'stack', 'vstack', 'hstack', 'dstack', 'column_stack', 'row_stack', 'block']),
  ...within('numpy', ['tile', 'repeat', 'outer', 'kron', 'append', 'insert', 'delete', 'pad', 'roll']),
  ...within('numpy', ['cumsum', 'cumprod', 'diff', 'sort', 'argsort', 'bincount', 'convolve', 'correlate']),
  ...within('numpy', ['corrcoef', 'cov']),
  ...within('numpy.random', ['permutation']),
  ...within('numpy.linalg', ['inv', 'pinv', 'solve', 'matrix_power', 'cholesky', 'eigvals', 'eigvalsh']),
  ...within('numpy.fft', ['fft', 'ifft', 'rfft', 'irfft', 'fft2', 'ifft2', 'fftn', 'ifftn', 'fftfreq', 'rfftfreq']),
  // Images read or transformed: a new array per image (cv2.imread gives None for a file it cannot read).
  ...within('cv2', ['imread', 'imdecode', 'resize', 'cvtColor']),
  ...['skimage.io.imread', 'skimage.transform.resize', 'skimage.color.rgb2gray'],
  ...['imageio.imread', 'imageio.v2.imread', 'imageio.v3.imread', 'matplotlib.pyplot.imread'],
  ...['matplotlib.image.imread', 'scipy.ndimage.zoom', 'scipy.ndimage.rotate', 'scipy.ndimage.gaussian_filter'],
]);

/** numpy functions applied element by element (ufuncs and kin): a new array of an array, a numpy scalar of numbers. */
const ELEMENTWISE: ReadonlySet<string> = new Set(
  within('numpy', [
    ...['abs', 'absolute', 'fabs', 'sqrt', 'cbrt', 'square', 'exp', 'exp2', 'expm1', 'log', 'log1p', 'log2'],
    ...['log10', 'sin', 'cos', 'tan', 'arcsin', 'arccos', 'arctan', 'arctan2', 'sinh', 'cosh', 'tanh', 'floor'],
    ...['ceil', 'rint', 'trunc', 'sign', 'negative', 'reciprocal', 'add', 'subtract', 'multiply', 'divide'],
    ...['true_divide', 'floor_divide', 'power', 'mod', 'remainder', 'maximum', 'minimum', 'fmax', 'fmin', 'hypot'],
    ...['deg2rad', 'rad2deg', 'isnan', 'isinf', 'isfinite', 'logical_and', 'logical_or', 'logical_not'],
    ...['logical_xor', 'greater', 'greater_equal', 'less', 'less_equal', 'equal', 'not_equal', 'clip', 'round'],
    ...['around', 'interp', 'digitize', 'searchsorted', 'polyval'],
  ]),
);

/** Whether the numpy function `qualifiedName` works element by element: of numbers it gives a numpy scalar. */
export function isElementwise(qualifiedName: string): boolean {
  return ELEMENTWISE.has(qualifiedName);
}

/** numpy.random functions that give an array when told a size (`size=`, or at this position), one number otherwise. */
const SIZED_RANDOM: ReadonlyMap<string, number> = new Map(
  Object.entries({
    rand: 0,
    randn: 0,
    random: 0,
    random_sample: 0,
    standard_normal: 0,
    uniform: 2,
    normal: 2,
    exponential: 1,
  }).map(([name, position]) => [`numpy.random.${name}`, position]),
);

/** numpy reductions: a new array along an axis of an array of 2 or more dimensions; without an axis, one number. */
const REDUCTIONS: readonly string[] = [
  ...['sum', 'mean', 'std', 'var', 'min', 'max', 'amin', 'amax', 'median', 'prod', 'any', 'all', 'argmax'],
  ...['argmin', 'ptp', 'average', 'nansum', 'nanmean', 'nanstd', 'nanvar', 'nanmin', 'nanmax', 'nanmedian'],
  'count_nonzero',
];
const NUMPY_REDUCTIONS: ReadonlySet<string> = new Set([...within('numpy', REDUCTIONS), 'numpy.linalg.norm']);
const REDUCING_METHODS: ReadonlySet<string> = new Set(REDUCTIONS);

/** Methods of an array that copy its data into a new one. */
const COPYING_METHODS: ReadonlySet<string> = new Set(['copy', 'astype', 'flatten', 'cumsum', 'cumprod', 'repeat']);
/** Methods of an array that give a view of it: fresh when the array is. */
const VIEW_METHODS: ReadonlySet<string> = new Set(['reshape', 'ravel', 'transpose', 'squeeze', 'swapaxes', 'view']);
/** Methods that make a dense array of a sparse matrix, whatever the receiver is spelled. */
const DENSIFYING_METHODS: ReadonlySet<string> = new Set(['toarray', 'todense']);

/** Calls that return an array, not always a new one (`np.asarray(a)` is `a`). */
const ARRAY_CALLS: ReadonlySet<string> = new Set(within('numpy', ['asarray', 'asanyarray', 'ascontiguousarray']));

/** Operators that give a new array when an operand is one (`is`, `in`, `not` give a bool). */
const ARRAY_OPERATORS: ReadonlySet<string> = new Set(
  ['+', '-', '*', '/', '//', '%', '**', '@', '&', '|', '^', '<<', '>>', '~'].concat(['<', '<=', '>', '>=', '==', '!=']),
);

/** How many name bindings and parts to follow: enough for real code, and no cycle runs forever. */
const MAX_DEPTH = 8;

/** Whether the expression makes a new array, holding data of its own, each time it runs. */
export function isFreshArray(expression: Node, facts: DocumentFacts, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  const node = unparenthesized(expression);
  const next = depth + 1;
  switch (node.type) {
    case 'call':
      return isFreshCall(node, facts, next);
    case 'binary_operator': {
      const operator = node.childForFieldName('operator')?.text ?? '';
      const operands = [node.childForFieldName('left'), node.childForFieldName('right')];
      return ARRAY_OPERATORS.has(operator) && operands.some((part) => part !== null && isArray(part, facts, next));
    }
    case 'comparison_operator':
      return (
        node.childrenForFieldName('operators').every((operator) => ARRAY_OPERATORS.has(operator.type)) &&
        expressionChildren(node).some((part) => isArray(part, facts, next))
      );
    case 'unary_operator': {
      const argument = node.childForFieldName('argument');
      return argument !== null && isArray(argument, facts, next);
    }
    case 'conditional_expression': {
      const [whenTrue, , whenFalse] = expressionChildren(node);
      return [whenTrue, whenFalse].every((part) => part !== undefined && isFreshArray(part, facts, next));
    }
    case 'attribute':
      // `.T` is a view: its base comes with it.
      return node.childForFieldName('attribute')?.text === 'T' && isFreshArray(receiverOf(node), facts, next);
    case 'subscript':
      // A slice of a fresh array is a view that keeps it; `a[0]` may be a number.
      return isSlicing(node) && isFreshArray(node.childForFieldName('value')!, facts, next);
    default:
      return false;
  }
}

/** Whether the expression is a numpy array: a fresh one, one that may be shared, or a name bound only to arrays. */
function isArray(expression: Node, facts: DocumentFacts, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  const node = unparenthesized(expression);
  const next = depth + 1;
  if (isFreshArray(node, facts, depth)) return true;
  if (node.type === 'identifier') return isArrayName(node, facts, next);
  // Views of an array: `a.T`, `a[:, 0]`.
  if (node.type === 'attribute')
    return node.childForFieldName('attribute')?.text === 'T' && isArray(receiverOf(node), facts, next);
  if (node.type === 'subscript') return isSlicing(node) && isArray(node.childForFieldName('value')!, facts, next);
  const callee = node.type === 'call' ? node.childForFieldName('function') : null;
  if (!callee) return false;
  const name = facts.qualifiedName(callee);
  if (name === 'numpy.array' || ARRAY_CALLS.has(name ?? '')) return true;
  const method = callee.type === 'attribute' ? callee.childForFieldName('attribute')?.text : undefined;
  if (method === 'to_numpy') return true;
  return method !== undefined && VIEW_METHODS.has(method) && isArray(receiverOf(callee), facts, next);
}

function isArrayName(name: Node, facts: DocumentFacts, depth: number): boolean {
  const found = bindingsOf(facts, name.text, name);
  if (!found || found.bindings.length === 0) return false;
  return found.bindings.every((binding) => binding.kind === 'value' && isArray(binding.value, facts, depth));
}

function isFreshCall(call: Node, facts: DocumentFacts, depth: number): boolean {
  const callee = call.childForFieldName('function');
  if (!callee) return false;
  const args = callArguments(call);
  if (args.some((arg) => arg.type === 'dictionary_splat' || arg.type === 'list_splat' || keywordNamed(arg) === 'out'))
    return false;
  const name = facts.qualifiedName(callee);
  if (name !== undefined) return isFreshFunctionCall(name, args, facts, depth);
  if (callee.type !== 'attribute') return false;
  const method = callee.childForFieldName('attribute')?.text ?? '';
  if (DENSIFYING_METHODS.has(method)) return args.length === 0;
  const receiver = receiverOf(callee);
  if (VIEW_METHODS.has(method)) return isFreshArray(receiver, facts, depth);
  if (COPYING_METHODS.has(method)) return copies(args) && isArray(receiver, facts, depth);
  return REDUCING_METHODS.has(method) && hasAxis(args, 0) && isArray(receiver, facts, depth);
}

function isFreshFunctionCall(name: string, args: readonly Node[], facts: DocumentFacts, depth: number): boolean {
  if (name === 'numpy.array') return copies(args);
  // np.where(condition) alone gives a tuple of index arrays.
  if (name === 'numpy.where') return args.length === 3;
  if (ARRAY_MAKERS.has(name)) return true;
  if (ELEMENTWISE.has(name)) return args.some((arg) => arg.type !== 'keyword_argument' && isArray(arg, facts, depth));
  if (NUMPY_REDUCTIONS.has(name)) return hasAxis(args, 1);
  if (ARRAY_CALLS.has(name)) return args[0] !== undefined && isNewDisplay(args[0]);
  const sized = SIZED_RANDOM.get(name);
  return sized !== undefined && hasArgument(args, 'size', sized);
}

/** `np.array(x)` and `a.astype(t)` copy unless told not to (`copy=False`, `copy=None`). */
function copies(args: readonly Node[]): boolean {
  const copy = args.find((arg) => keywordNamed(arg) === 'copy');
  return copy === undefined || copy.childForFieldName('value')?.type === 'true';
}

/** `axis=k` (not None), or an axis at the given positional index. */
function hasAxis(args: readonly Node[], position: number): boolean {
  return hasArgument(args, 'axis', position);
}

/** The keyword (not None), or a positional argument at this index (not None). */
function hasArgument(args: readonly Node[], keyword: string, position: number): boolean {
  const named = args.find((arg) => keywordNamed(arg) === keyword);
  if (named) return named.childForFieldName('value')?.type !== 'none';
  const positional = args.filter((arg) => arg.type !== 'keyword_argument');
  const given = positional[position];
  return given !== undefined && given.type !== 'none';
}

/** `a[:, 0]`, `a[1:]`, `a[..., None]`: an index with a slice, an ellipsis or a new axis gives an array. */
function isSlicing(subscript: Node): boolean {
  return subscript
    .childrenForFieldName('subscript')
    .some((index) => index.type === 'slice' || index.type === 'ellipsis' || index.type === 'none');
}

/** A display or comprehension written there: what `np.asarray` cannot hand back as it is. */
function isNewDisplay(argument: Node): boolean {
  const node = unparenthesized(argument);
  return node.type === 'list' || node.type === 'tuple' || node.type === 'list_comprehension';
}

function keywordNamed(arg: Node): string | undefined {
  return arg.type === 'keyword_argument' ? arg.childForFieldName('name')?.text : undefined;
}

function receiverOf(attribute: Node): Node {
  return attribute.childForFieldName('object')!;
}
