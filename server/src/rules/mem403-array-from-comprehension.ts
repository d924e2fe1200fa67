import type { Node } from 'web-tree-sitter';
import { lastPart } from '../text/dottedNames';
import type { DocumentFacts } from '../semantics/facts';
import { callArguments, isAsyncComprehension, unparenthesized } from '../semantics/syntax';
import { calleeAnchors } from './anchors';
import { isScalarFunction, itemKind, type ItemKind } from './array-items';
import type { Finding, Fix, Rule, TextEdit } from './types';
import { DataScales } from '../scale/dataScale';
import { joinScalesOf, type Scale } from '../scale/scale';
import { holdsBuiltinContainer } from '../semantics/values';
import { listHolds } from '../scale/holds';
import { costLead } from '../scale/holdsText';

const ARRAY_CALLS: ReadonlySet<string> = new Set(['numpy.array', 'numpy.asarray']);
const UNPACKED: ReadonlySet<string> = new Set(['keyword_argument', 'list_splat', 'dictionary_splat']);

export const mem403: Rule = {
  code: 'MEM403',
  name: 'array-from-comprehension',
  defaultSeverity: 'warning',
  fixAvailability: 'sometimes',
  summary: '`np.array([comprehension])` builds a list of Python objects before the array',
  docs: {
    whatItDoes:
      "Flags `np.array([… for …])`, `np.array(list(… for …))`, `np.array(list(map(f, xs)))` and the same with `np.asarray` (numpy recognised through its imports: `import numpy as np`, `from numpy import array`) when the tree proves what the items are. Numbers: number literals; arithmetic, `and`/`or` and conditional expressions of numbers; comparisons with `in`/`is`, and other comparisons of numbers; `len`, `int`, `float`, `bool`, `complex`, `ord` and `hash` calls; `abs`, `round`, `min`, `max`, `pow`, `math.*` and numpy's element-wise functions (`np.exp`, `np.sqrt`, `np.clip`…) of numbers; `.item()`; and names bound only to numbers or as the counter of a loop over `range(…)`, `enumerate(…)` or a display of numbers. In `map(f, xs)`, f must give a number whatever the item: `len`, `int`, `float`, `bool`, `complex`, `ord`, `hash`, a `math` function (not `math.floor`, `ceil` or `trunc`, which return what the item's `__floor__` does), or a lambda whose body is a number as above (`lambda s: float(s) / 2`). These get `np.fromiter`. Rows: tuples and lists of such numbers, and new arrays (`np.array(x)`, which copies, numpy constructors, arithmetic on an array, a reduction along an axis, `.toarray()`, images read: the rows MEM414 takes), in a comprehension without `if`. These get preallocation, without a fix: `np.fromiter` raises on them. Anything else is left alone, because it may be an array held elsewhere: a call of unknown result (`hog(im)`, `model.score_samples(X)`), `X[m].mean(0)`, `x ** i` on an unknown `x`, views (`x.reshape(1, -1)`, `s.to_numpy()`), attribute reads, subscripts, names of unknown type; and `map` of any other function.",
    whyBadForMemory:
      'The comprehension builds a complete list first, and only then does numpy copy the numbers into the array: 8 bytes of pointer per item plus the item itself, a Python object (24 bytes per float, 28 to 32 per int past 256; small ints are shared, so a list of lengths costs the 8-byte pointers alone). Measured under tracemalloc with CPython 3.11 and numpy 2.4 for n = 1,000,000: `np.array([i * i for i in range(n)], dtype=np.int64)` peaks at 48,448,488 bytes, `np.fromiter((i * i for i in range(n)), dtype=np.int64, count=n)` at 8,001,208 bytes, the array alone (within 0.3% of these on CPython 3.9 with numpy 1.19 and 3.13 with numpy 2.2); for lengths, 16,449,032 bytes against 8,001,220 with `count=len(words)`, and the same for `np.array(list(map(len, words)), dtype=np.int64)`: 16,448,976 bytes against 8,000,456 for `np.fromiter(map(len, words), dtype=np.int64, count=len(words))` (8,042,792 without `count=`; within 0.01% on 3.9 and 3.13). Without `count=` the array grows by half as it fills and is trimmed at the end: up to 1.5× the array (1,060,016 bytes for 100,000 lengths), still below the list. Rows cost more: each is a tuple, a list or an array object besides its numbers, so `np.array([(i, i * i) for i in range(n)])` peaks at 176,440,336 bytes for a 16,000,000-byte array, and 100,000 rows of 100-float arrays at 175,201,248 bytes for 80,000,000. Filling `np.empty((n, 2))` row by row peaks at the array itself, 16,000,720 bytes; `np.fromiter(…, dtype=np.dtype((np.int64, 2)), count=n)` does the same on numpy 1.23 and later.',
    example:
      'import numpy as np\n\nsquares = np.array([i * i for i in range(n)], dtype=np.int64)\n\nlengths = np.array(list(len(word) for word in words))\n\nsizes = np.array(list(map(len, words)), dtype=np.int64)\n\npoints = np.array([(i, i * i) for i in range(n)])',
    useInstead:
      'import numpy as np\n\nsquares = np.fromiter((i * i for i in range(n)), dtype=np.int64, count=n)\n\nlengths = np.fromiter((len(word) for word in words), dtype=np.intp, count=len(words))\n\nsizes = np.fromiter(map(len, words), dtype=np.int64, count=len(words))\n\npoints = np.empty((n, 2), dtype=np.int64)\nfor i in range(n):\n    points[i] = (i, i * i)',
    fixSafety:
      'A fix is offered only for numbers, when the call gives a `dtype` (`np.fromiter` needs one; the rule does not guess what numpy would infer: `np.array([])` is float64 whatever the items would have been) and names numpy through a module (`np.array`, not a bare `array`), and it is unsafe: the items are computed while the array fills instead of before, and with `count=`, an iterable that yields fewer items than counted raises. `dtype=object` and other dtypes whose items are Python objects need numpy 1.23 or later in `np.fromiter`. `count=` is added when the comprehension has a single `for` over `range(n)` (n a name or a non-negative integer literal) and no `if`, and to `map` over one `range(n)` or over a name every binding of which in its scope is a list, tuple, set, dict or str made there (`count=len(words)`). Calls with other arguments (`copy=`, `order=`, `ndmin=`…) get no fix. Rows get no fix: the row length and dtype are for the reader to write into `np.empty`. Where new arrays are converted to a given dtype, the message says they are held beside the array rather than 2× it: uint8 rows made float32 are a quarter of the result.',
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
    if (!source) return undefined;
    const scales = new DataScales(context.facts, context.dataReads);
    if (source.kind === 'map') return mappedFinding(call, callee, args, source, context.facts, scales);
    if (isAsyncComprehension(source.generator)) return undefined;
    const kind = itemsKind(source.generator, context.facts);
    const dtype = dtypeArgument(args);
    if ((kind === 'row' || kind === 'array') && !hasCondition(source.generator))
      return rowsFinding(call, callee, source, kind === 'array' && dtype !== undefined, scales);
    if (kind !== 'scalar') return undefined;
    const fix =
      dtype && args.length === 2
        ? fromiterFix(callee, source, args[1]!, rangeLength(source.generator, context.facts))
        : undefined;
    return numbersFinding(call, source, dtype !== undefined, fix, context.facts, scales.of(source.generator));
  },
};

/** Numbers listed before the array: `np.fromiter` fills it without the list. */
function numbersFinding(
  call: Node,
  source: ItemsSource,
  hasDtype: boolean,
  fix: Fix | undefined,
  facts: DocumentFacts,
  scale: Scale,
): Finding {
  const holds = listHolds(source.argument, facts, 'items');
  return {
    code: mem403.code,
    message: `${costLead(holds, 'Python numbers')} listed before the array (8–40 B each): \`np.fromiter\` fills it directly${hasDtype ? '' : ' (with a dtype)'}`,
    severity: mem403.defaultSeverity,
    ...(holds ? { holds } : {}),
    scale,
    start: call.startIndex,
    end: call.endIndex,
    ...(fix ? { fix } : {}),
  };
}

/** `np.array(list(map(f, xs)))` with f giving numbers: `np.fromiter(map(f, xs), …)`. */
function mappedFinding(
  call: Node,
  callee: Node,
  args: readonly Node[],
  source: MappedSource,
  facts: DocumentFacts,
  scales: DataScales,
): Finding | undefined {
  const mapArgs = facts.callArguments(source.map);
  const [f, ...iterables] = mapArgs;
  // map takes positional arguments only: a keyword or an unpacking hides what f is given.
  if (!f || iterables.length === 0 || mapArgs.some((arg) => UNPACKED.has(arg.type))) return undefined;
  if (!isScalarFunction(f, facts)) return undefined;
  const dtype = dtypeArgument(args);
  const count = iterables.length === 1 ? sizedLength(iterables[0]!, facts) : undefined;
  const fix = dtype && args.length === 2 ? fromiterFix(callee, source, args[1]!, count) : undefined;
  return numbersFinding(
    call,
    source,
    dtype !== undefined,
    fix,
    facts,
    joinScalesOf(iterables, (it) => scales.of(it)),
  );
}

/** Rows (tuples of numbers, numpy arrays): np.fromiter would raise; an array filled in place holds no row objects. */
function rowsFinding(
  call: Node,
  callee: Node,
  source: GeneratedSource,
  converted: boolean,
  scales: DataScales,
): Finding {
  const made = `\`${callee.text}(${shapeOf(source)})\``;
  // Arrays converted to another dtype may be smaller than the result: they are held beside it, not 2× it.
  const cost = converted
    ? `Rows as arrays, held beside the array ${made} converts them into`
    : `Rows as Python objects, 2× the array or more, before ${made} copies them`;
  return {
    code: mem403.code,
    message: `${cost}: fill \`np.empty((n, …))\``,
    severity: mem403.defaultSeverity,
    scale: scales.of(source.generator),
    start: call.startIndex,
    end: call.endIndex,
  };
}

function shapeOf(source: GeneratedSource): string {
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

interface GeneratedSource {
  readonly kind: 'comprehension' | 'list-call';
  /** The list comprehension, or the generator expression inside `list(…)`. */
  readonly generator: Node;
  /** The first argument as written. */
  readonly argument: Node;
}

interface MappedSource {
  readonly kind: 'map';
  /** The `map(f, xs)` call inside `list(…)`. */
  readonly map: Node;
  /** The first argument as written. */
  readonly argument: Node;
}

type ItemsSource = GeneratedSource | MappedSource;

/** `[… for …]`, `list(… for …)` or `list(map(…))` (builtin list and map). */
function itemsSource(argument: Node, facts: DocumentFacts): ItemsSource | undefined {
  if (argument.type === 'list_comprehension') return { kind: 'comprehension', generator: argument, argument };
  if (argument.type !== 'call') return undefined;
  const callee = argument.childForFieldName('function');
  const generator = argument.childForFieldName('arguments');
  if (!callee || !generator || facts.qualifiedName(callee) !== 'builtins.list') return undefined;
  if (generator.type === 'generator_expression') return { kind: 'list-call', generator, argument };
  const listed = facts.callArguments(argument);
  const mapped = listed.length === 1 && listed[0]!.type === 'call' ? listed[0]! : undefined;
  const mapCallee = mapped?.childForFieldName('function');
  return mapped && mapCallee && facts.qualifiedName(mapCallee) === 'builtins.map'
    ? { kind: 'map', map: mapped, argument }
    : undefined;
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

/**
 * `np.array([x for x in xs], dtype=T)` → `np.fromiter((x for x in xs), dtype=T)`,
 * `np.array(list(map(f, xs)), dtype=T)` → `np.fromiter(map(f, xs), dtype=T)`,
 * with `count=` when the length is plain.
 */
function fromiterFix(
  callee: Node,
  source: ItemsSource,
  lastArgument: Node,
  count: string | undefined,
): Fix | undefined {
  const name = callee.type === 'attribute' ? callee.childForFieldName('attribute') : null;
  if (!name) return undefined;
  const edits: TextEdit[] = [{ start: name.startIndex, end: name.endIndex, text: 'fromiter' }];
  if (source.kind === 'comprehension') {
    edits.push({ start: source.generator.startIndex, end: source.generator.startIndex + 1, text: '(' });
    edits.push({ start: source.generator.endIndex - 1, end: source.generator.endIndex, text: ')' });
  } else {
    // `list(` and its `)` go: the generator or the map is what np.fromiter iterates.
    const inner = source.kind === 'map' ? source.map : source.generator;
    edits.push({ start: source.argument.startIndex, end: inner.startIndex, text: '' });
    if (source.kind === 'map') edits.push({ start: inner.endIndex, end: source.argument.endIndex, text: '' });
  }
  if (count) edits.push({ start: lastArgument.endIndex, end: lastArgument.endIndex, text: `, count=${count}` });
  return { title: 'Use np.fromiter', safety: 'unsafe', edits };
}

/**
 * The length of what `map` iterates, as `count=` can say it before the
 * iteration: `n` for `range(n)`, `len(xs)` for a local name every binding of
 * which is a builtin container made on the spot (a list, a tuple, a str…).
 */
function sizedLength(iterable: Node, facts: DocumentFacts): string | undefined {
  const node = unparenthesized(iterable);
  if (node.type === 'identifier')
    return holdsBuiltinContainer(node, facts, 'container') ? `len(${node.text})` : undefined;
  return rangeBound(node, facts);
}

/** For `… for x in range(n)` alone (no other clause, no `if`), the text of n: a name or a non-negative integer literal. */
function rangeLength(generator: Node, facts: DocumentFacts): string | undefined {
  const clauses = generator.namedChildren.filter(
    (child): child is Node => child?.type === 'for_in_clause' || child?.type === 'if_clause',
  );
  if (clauses.length !== 1 || clauses[0]!.type !== 'for_in_clause') return undefined;
  const iterable = clauses[0]!.childForFieldName('right');
  return iterable ? rangeBound(unparenthesized(iterable), facts) : undefined;
}

/** n in `range(n)`, when n is a name or a non-negative integer literal. */
function rangeBound(range: Node, facts: DocumentFacts): string | undefined {
  const callee = range.type === 'call' ? range.childForFieldName('function') : null;
  if (!callee || facts.qualifiedName(callee) !== 'builtins.range') return undefined;
  const bounds = callArguments(range);
  if (bounds.length !== 1) return undefined;
  const bound = bounds[0]!;
  if (bound.type === 'identifier' || (bound.type === 'integer' && /^[0-9_]+$/.test(bound.text))) return bound.text;
  return undefined;
}
