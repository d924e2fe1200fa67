import type { Node } from 'web-tree-sitter';
import { lastPart } from '../text/dottedNames';
import type { DocumentFacts } from '../semantics/facts';
import { callArguments, isAsyncComprehension, unparenthesized } from '../semantics/syntax';
import { calleeAnchors } from './anchors';
import { itemKind, type ItemKind } from './mem403-array-from-comprehension/array-items';
import type { Finding, Fix, Rule, TextEdit } from './types';
import { DataScales } from '../scale/dataScale';
import { listHolds } from '../scale/holds';
import { costLead } from '../scale/holdsText';

const ARRAY_CALLS: ReadonlySet<string> = new Set(['numpy.array', 'numpy.asarray']);

export const mem403: Rule = {
  code: 'MEM403',
  name: 'array-from-comprehension',
  defaultSeverity: 'warning',
  fixAvailability: 'sometimes',
  summary: '`np.array([comprehension])` builds a list of Python objects before the array',
  docs: {
    whatItDoes:
      'Flags `np.array([… for …])`, `np.array(list(… for …))` and the same with `np.asarray` (numpy recognised through its imports: `import numpy as np`, `from numpy import array`) when the tree proves what the items are. Numbers: number literals; arithmetic, `and`/`or` and conditional expressions of numbers; comparisons with `in`/`is`, and other comparisons of numbers; `len`, `int`, `float`, `bool`, `complex`, `ord` and `hash` calls; `abs`, `round`, `min`, `max`, `pow` and `math.*` of numbers; `.item()`; and names bound only to numbers or as the counter of a loop over `range(…)`, `enumerate(…)` or a display of numbers. These get `np.fromiter`. Rows: tuples and lists of such numbers, and `np.zeros`/`ones`/`empty`/`full`/`arange`/`linspace` calls, in a comprehension without `if`. These get preallocation, without a fix: `np.fromiter` raises on them. Anything else is left alone, because it may be an array: a call of unknown result (`hog(im)`, `model.score_samples(X)`), `X[m].mean(0)`, `x ** i` on an unknown `x`, attribute reads, subscripts, names of unknown type.',
    whyBadForMemory:
      'The comprehension builds a complete list first, and only then does numpy copy the numbers into the array: 8 bytes of pointer per item plus the item itself, a Python object (24 bytes per float, 28 to 32 per int past 256; small ints are shared, so a list of lengths costs the 8-byte pointers alone). Measured under tracemalloc with CPython 3.11 and numpy 2.4 for n = 1,000,000: `np.array([i * i for i in range(n)], dtype=np.int64)` peaks at 48,448,488 bytes, `np.fromiter((i * i for i in range(n)), dtype=np.int64, count=n)` at 8,001,208 bytes, the array alone (within 0.3% of these on CPython 3.9 with numpy 1.19 and 3.13 with numpy 2.2); for lengths, 16,449,032 bytes against 8,001,220 with `count=len(words)`. Without `count=` the array grows by half as it fills and is trimmed at the end: up to 1.5× the array (1,060,016 bytes for 100,000 lengths), still below the list. Rows cost more: each is a tuple, a list or an array object besides its numbers, so `np.array([(i, i * i) for i in range(n)])` peaks at 176,440,336 bytes for a 16,000,000-byte array, and 100,000 rows of 100-float arrays at 175,201,248 bytes for 80,000,000. Filling `np.empty((n, 2))` row by row peaks at the array itself, 16,000,720 bytes; `np.fromiter(…, dtype=np.dtype((np.int64, 2)), count=n)` does the same on numpy 1.23 and later.',
    example:
      'import numpy as np\n\nsquares = np.array([i * i for i in range(n)], dtype=np.int64)\n\nlengths = np.array(list(len(word) for word in words))\n\npoints = np.array([(i, i * i) for i in range(n)])',
    useInstead:
      'import numpy as np\n\nsquares = np.fromiter((i * i for i in range(n)), dtype=np.int64, count=n)\n\nlengths = np.fromiter((len(word) for word in words), dtype=np.intp, count=len(words))\n\npoints = np.empty((n, 2), dtype=np.int64)\nfor i in range(n):\n    points[i] = (i, i * i)',
    fixSafety:
      'A fix is offered only for numbers, when the call gives a `dtype` (`np.fromiter` needs one; the rule does not guess what numpy would infer) and names numpy through a module (`np.array`, not a bare `array`), and it is unsafe: the items are computed while the array fills instead of before, and with `count=`, a range that yields fewer items than counted raises. `dtype=object` and other dtypes whose items are Python objects need numpy 1.23 or later in `np.fromiter`. `count=` is added when the comprehension has a single `for` over `range(n)` (n a name or a non-negative integer literal) and no `if`. Calls with other arguments (`copy=`, `order=`, `ndmin=`…) get no fix. Rows get no fix: the row length and dtype are for the reader to write into `np.empty`.',
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
    if (!source || isAsyncComprehension(source.generator)) return undefined;
    const kind = itemsKind(source.generator, context.facts);
    if (kind === 'row' && !hasCondition(source.generator))
      return rowsFinding(call, callee, source, new DataScales(context.facts, context.dataReads));
    if (kind !== 'scalar') return undefined;
    const dtype = dtypeArgument(args);
    const fix = dtype && args.length === 2 ? fromiterFix(callee, source, args[1]!, context.facts) : undefined;
    const holds = listHolds(source.argument, context.facts, 'items');
    return {
      code: mem403.code,
      message: `${costLead(holds, 'Python numbers')} listed before the array (8–40 B each): \`np.fromiter\` fills it directly${dtype ? '' : ' (with a dtype)'}`,
      severity: mem403.defaultSeverity,
      ...(holds ? { holds } : {}),
      scale: new DataScales(context.facts, context.dataReads).of(source.generator),
      start: call.startIndex,
      end: call.endIndex,
      ...(fix ? { fix: fix.fix } : {}),
    };
  },
};

/** Rows (tuples of numbers, numpy arrays): np.fromiter would raise; an array filled in place holds no row objects. */
function rowsFinding(call: Node, callee: Node, source: ItemsSource, scales: DataScales): Finding {
  return {
    code: mem403.code,
    message: `Rows as Python objects, 2× the array or more, before \`${callee.text}(${shapeOf(source)})\` copies them: fill \`np.empty((n, …))\``,
    severity: mem403.defaultSeverity,
    scale: scales.of(source.generator),
    start: call.startIndex,
    end: call.endIndex,
  };
}

function shapeOf(source: ItemsSource): string {
  return source.kind === 'comprehension' ? '[…]' : 'list(…)';
}

function itemsKind(generator: Node, facts: DocumentFacts): ItemKind {
  const body = generator.childForFieldName('body');
  return body ? itemKind(body, facts) : 'unknown';
}

/** An `if` clause: the row count is not known before the loop, so there is no `n` to preallocate. */
function hasCondition(generator: Node): boolean {
  return generator.namedChildren.some((child) => child?.type === 'if_clause');
}

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
  if (!callee || generator?.type !== 'generator_expression' || facts.qualifiedName(callee) !== 'builtins.list')
    return undefined;
  return { kind: 'list-call', generator, argument };
}

/** `dtype=X` or the second positional argument. */
function dtypeArgument(args: readonly Node[]): Node | undefined {
  const keyword = args.find(
    (arg) => arg.type === 'keyword_argument' && arg.childForFieldName('name')?.text === 'dtype',
  );
  if (keyword) return keyword;
  const second = args[1];
  return second && second.type !== 'keyword_argument' ? second : undefined;
}

/** `np.array([x for x in xs], dtype=T)` → `np.fromiter((x for x in xs), dtype=T)`, with `count=` when the length is plain. */
function fromiterFix(
  callee: Node,
  source: ItemsSource,
  lastArgument: Node,
  facts: DocumentFacts,
): { fix: Fix; count: boolean } | undefined {
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
  const clauses = generator.namedChildren.filter(
    (child): child is Node => child?.type === 'for_in_clause' || child?.type === 'if_clause',
  );
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
