import type { Node } from 'web-tree-sitter';
import { lastPart } from '../analysis/calleeNames';
import type { DocumentFacts } from '../analysis/facts';
import { callArguments, isAsyncComprehension, unparenthesized } from '../analysis/syntax';
import { calleeAnchors } from './anchors';
import type { Fix, Rule, TextEdit } from './types';

const ARRAY_CALLS: ReadonlySet<string> = new Set(['numpy.array', 'numpy.asarray']);

/** Items that are evidently not scalars: each makes a row, and np.fromiter makes 1-D arrays of scalars. */
const NON_SCALAR_ITEMS: ReadonlySet<string> = new Set([
  'list', 'tuple', 'set', 'dictionary', 'list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression',
]);
/** numpy calls that make arrays (an item that is an array makes a row). */
const ARRAY_MAKERS: ReadonlySet<string> = new Set(
  ['array', 'asarray', 'zeros', 'ones', 'empty', 'full', 'arange', 'linspace', 'concatenate', 'stack', 'hstack', 'vstack', 'fromiter', 'frombuffer', 'load', 'loadtxt']
    .map((name) => `numpy.${name}`),
);
/** Methods that return arrays or lists whatever their receiver. */
const ARRAY_METHODS: ReadonlySet<string> = new Set(['to_numpy', 'tolist', 'reshape', 'flatten', 'ravel', 'copy', 'astype']);

export const mem403: Rule = {
  code: 'MEM403',
  name: 'array-from-comprehension',
  defaultSeverity: 'warning',
  fixAvailability: 'sometimes',
  summary: '`np.array([comprehension])` builds a list of Python objects before the array',
  docs: {
    whatItDoes:
      'Flags `np.array([… for …])`, `np.array(list(… for …))` and the same with `np.asarray` (numpy recognised through its imports: `import numpy as np`, `from numpy import array`). Items that are evidently rows rather than numbers (lists, tuples and other displays, comprehensions, numpy arrays, `.tolist()`/`.to_numpy()` results) are left alone: `np.fromiter` makes one-dimensional arrays.',
    whyBadForMemory:
      'The comprehension builds a complete list first: 8 bytes of pointer per item plus a Python object per item (24 bytes per float, 28 per int on CPython 3.11, 64-bit), and only then does numpy copy the numbers into the array. For 1,000,000 floats that is 8,448,728 bytes of list plus 24,000,000 bytes of float objects, about 32 MB alive at once before the 8 MB array exists. `np.fromiter` takes the numbers one at a time from a generator and writes them straight into the array; with `count=` it allocates the array once at its final size, without it the array grows as it fills.',
    example:
      'import numpy as np\n\nsquares = np.array([i * i for i in range(n)], dtype=np.int64)\nlengths = np.array(list(len(word) for word in words))',
    useInstead:
      'import numpy as np\n\nsquares = np.fromiter((i * i for i in range(n)), dtype=np.int64, count=n)\nlengths = np.fromiter((len(word) for word in words), dtype=np.intp)',
    fixSafety:
      'A fix is offered only when the call gives a `dtype` (`np.fromiter` needs one; the rule does not guess what numpy would infer) and names numpy through a module (`np.array`, not a bare `array`), and it is unsafe: the items are computed while the array fills instead of before; `np.fromiter` raises where `np.array` would build an object array or a 2-D array (items that turn out to be sequences); and with `count=`, a range that yields fewer items than counted raises. `dtype=object` and other dtypes whose items are Python objects need numpy 1.23 or later in `np.fromiter`. `count=` is added when the comprehension has a single `for` over `range(n)` (n a name or a non-negative integer literal) and no `if`. Calls with other arguments (`copy=`, `order=`, `ndmin=`…) get no fix.',
  },
  anchors: calleeAnchors([...ARRAY_CALLS].map(lastPart)),
  check(call, context) {
    const callee = call.childForFieldName('function');
    const args = context.facts.callArguments(call);
    // The shape first: resolving the callee's name costs a lookup.
    if (!callee || (args[0]?.type !== 'list_comprehension' && args[0]?.type !== 'call')) return undefined;
    if (!ARRAY_CALLS.has(context.facts.qualifiedName(callee) ?? '')) return undefined;
    if (args.some((arg) => arg.type === 'list_splat' || arg.type === 'dictionary_splat')) return undefined;
    const source = args[0] ? itemsSource(args[0], context.facts) : undefined;
    if (!source || isAsyncComprehension(source.generator) || !isScalarItem(source.generator, context.facts)) return undefined;
    const dtype = dtypeArgument(args);
    const fix = dtype && args.length === 2 ? fromiterFix(callee, source, args[1]!, context.facts) : undefined;
    const shape = source.kind === 'comprehension' ? '[…]' : 'list(…)';
    return {
      code: mem403.code,
      message: `\`${callee.text}(${shape})\` builds a list with a Python object per item before copying the numbers into the array: \`np.fromiter(generator, dtype=…${fix?.count ? ', count=…' : ''})\` fills the array directly${dtype ? '' : ' (it needs a `dtype`)'}`,
      severity: mem403.defaultSeverity,
      start: call.startIndex,
      end: call.endIndex,
      ...(fix ? { fix: fix.fix } : {}),
    };
  },
};

interface ItemsSource {
  readonly kind: 'comprehension' | 'list-call';
  /** The list comprehension, or the generator expression inside `list(…)`. */
  readonly generator: Node;
  /** The first argument as written. */
  readonly argument: Node;
}

/** `[… for …]` or `list(… for …)` (builtin list). */
function itemsSource(argument: Node, facts: DocumentFacts): ItemsSource | undefined {
  if (argument.type === 'list_comprehension') return { kind: 'comprehension', generator: argument, argument };
  if (argument.type !== 'call') return undefined;
  const callee = argument.childForFieldName('function');
  const generator = argument.childForFieldName('arguments');
  if (!callee || generator?.type !== 'generator_expression' || facts.qualifiedName(callee) !== 'builtins.list') return undefined;
  return { kind: 'list-call', generator, argument };
}

/** Whether the items may be numbers, as far as the text shows. */
function isScalarItem(generator: Node, facts: DocumentFacts): boolean {
  const body = generator.childForFieldName('body');
  if (!body) return false;
  const item = unparenthesized(body);
  if (NON_SCALAR_ITEMS.has(item.type)) return false;
  if (item.type !== 'call') return true;
  const callee = item.childForFieldName('function');
  if (!callee) return false;
  if (ARRAY_MAKERS.has(facts.qualifiedName(callee) ?? '')) return false;
  return !(callee.type === 'attribute' && ARRAY_METHODS.has(callee.childForFieldName('attribute')?.text ?? ''));
}

/** `dtype=X` or the second positional argument. */
function dtypeArgument(args: readonly Node[]): Node | undefined {
  const keyword = args.find((arg) => arg.type === 'keyword_argument' && arg.childForFieldName('name')?.text === 'dtype');
  if (keyword) return keyword;
  const second = args[1];
  return second && second.type !== 'keyword_argument' ? second : undefined;
}

/** `np.array([x for x in xs], dtype=T)` → `np.fromiter((x for x in xs), dtype=T)`, with `count=` when the length is plain. */
function fromiterFix(callee: Node, source: ItemsSource, lastArgument: Node, facts: DocumentFacts): { fix: Fix; count: boolean } | undefined {
  const name = callee.type === 'attribute' ? callee.childForFieldName('attribute') : null;
  if (!name) return undefined;
  const edits: TextEdit[] = [{ start: name.startIndex, end: name.endIndex, text: 'fromiter' }];
  if (source.kind === 'comprehension') {
    edits.push({ start: source.generator.startIndex, end: source.generator.startIndex + 1, text: '(' });
    edits.push({ start: source.generator.endIndex - 1, end: source.generator.endIndex, text: ')' });
  } else {
    edits.push({ start: source.argument.startIndex, end: source.generator.startIndex, text: '' });
  }
  const count = rangeLength(source.generator, facts);
  if (count) edits.push({ start: lastArgument.endIndex, end: lastArgument.endIndex, text: `, count=${count}` });
  return { fix: { title: 'Use np.fromiter', safety: 'unsafe', edits }, count: count !== undefined };
}

/** For `… for x in range(n)` alone (no other clause, no `if`), the text of n: a name or a non-negative integer literal. */
function rangeLength(generator: Node, facts: DocumentFacts): string | undefined {
  const clauses = generator.namedChildren.filter((child): child is Node => child?.type === 'for_in_clause' || child?.type === 'if_clause');
  if (clauses.length !== 1 || clauses[0]!.type !== 'for_in_clause') return undefined;
  const iterable = clauses[0]!.childForFieldName('right');
  const range = iterable ? unparenthesized(iterable) : undefined;
  const callee = range?.type === 'call' ? range.childForFieldName('function') : null;
  if (!range || !callee || facts.qualifiedName(callee) !== 'builtins.range') return undefined;
  const bounds = callArguments(range);
  if (bounds.length !== 1) return undefined;
  const bound = bounds[0]!;
  if (bound.type === 'identifier' || (bound.type === 'integer' && /^[0-9_]+$/.test(bound.text))) return bound.text;
  return undefined;
}
