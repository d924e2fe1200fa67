// The scale of the data an expression stands for, told from where it comes:
// a literal is small, a file read or a DataFrame is large, a name is as large
// as what it is bound to, a loop variable as large as what the loop iterates.
// Anything the code does not show (parameters, other functions' results) is
// unknown: a guess either way would make a warning mean nothing.
import type { Node } from 'web-tree-sitter';
import type { DocumentFacts } from '../semantics/facts';
import { bindingsOf, type NameBinding } from '../semantics/initialValues';
import { callArguments, expressionChildren, UNPACKING_TARGETS, unparenthesized } from '../semantics/syntax';
import { Folder } from '../semantics/fold';
import { constantRangeLength } from '../semantics/rangeLength';
import {
  DATA_STREAMS,
  holdsDataFrame,
  makesArrays,
  READING_METHODS,
  REDUCING_METHODS,
  readsData,
  SMALL_ATTRIBUTES,
} from './dataSources';
import { joinScalesOf, LARGE_COUNT, type Scale } from './scale';
import { queryRowLimit } from './queryRowLimit';
import type { DataEstimate } from '../data/dataEstimate';
import type { MemoryLimit } from './memoryLimit';

/** How many names deep a value is followed: past it the scale is unknown. */
const MAX_DEPTH = 8;

/** Builtins whose result holds (or iterates) their arguments' items: as large as those. */
const PASS_THROUGH: ReadonlySet<string> = new Set(
  ['list', 'tuple', 'set', 'frozenset', 'dict', 'sorted', 'reversed', 'enumerate', 'zip', 'iter', 'map', 'filter'].map(
    (name) => `builtins.${name}`,
  ),
);

/**
 * The scale of a read whose data file the workspace holds, from the file's
 * own size (a 40-row CSV is small, a 5 GB one large); undefined when no file
 * in the workspace says.
 */
export interface DataReadScales {
  scaleOf(call: Node, facts: DocumentFacts): Scale | undefined;
  /** What the read will hold as loaded, column by column, when the workspace holds its file. */
  estimateOf(call: Node, facts: DocumentFacts): DataEstimate | undefined;
  /** The memory the program may take, when asked (the machine's free memory changes). */
  memoryLimit(): MemoryLimit;
}

/** Scales of the expressions of one document, sharing folded constants. */
export class DataScales {
  readonly folder: Folder;
  private readonly visiting = new Set<number>();

  constructor(
    readonly facts: DocumentFacts,
    readonly reads?: DataReadScales,
  ) {
    this.folder = new Folder(facts);
  }

  of(node: Node | null | undefined): Scale {
    if (!node) return 'unknown';
    const expression = unparenthesized(node);
    const classify = BY_NODE_TYPE[expression.type];
    if (!classify || this.visiting.has(expression.id) || this.visiting.size >= MAX_DEPTH) return 'unknown';
    this.visiting.add(expression.id);
    try {
      return classify(expression, this);
    } finally {
      this.visiting.delete(expression.id);
    }
  }

  /** The scale of what a `for` statement or a comprehension's `for … in` clause iterates: a DataFrame yields its column names. */
  ofIteration(loop: Node): Scale {
    const iterable = loop.childForFieldName('right');
    return iterable && holdsDataFrame(unparenthesized(iterable), this.facts) ? 'small' : this.of(iterable);
  }

  /** The value of an integer constant expression, folded through names bound once. */
  integer(node: Node): bigint | undefined {
    return this.folder.integer(node);
  }

  /** How many items a count stands for (`n`, `len(rows)`, `df.shape[0]`), as a scale. */
  ofCount(count: Node): Scale {
    const value = this.integer(count);
    if (value !== undefined) return value > BigInt(LARGE_COUNT) ? 'large' : 'small';
    const measured = measuredValue(unparenthesized(count), this.facts);
    return measured ? this.of(measured) : 'unknown';
  }
}

type Classifier = (node: Node, scales: DataScales) => Scale;

/**
 * Methods that take one item from their receiver: `reader.__next__()`,
 * `f.readline()`, `queue.popleft()`. Not `pop`: a DataFrame's gives a whole column.
 */
const ONE_ITEM_METHODS: ReadonlySet<string> = new Set(['__next__', 'readline', 'popleft', 'popitem']);

const small: Classifier = () => 'small';

/** A display's item count is bounded by its text; unpacked parts (`[*rows]`) are as large as they are. */
const display: Classifier = (node, scales) =>
  joinScalesOf(expressionChildren(node), (item) =>
    item.type === 'list_splat' || item.type === 'dictionary_splat' ? scales.of(item.namedChild(0)) : 'small',
  );

const comprehension: Classifier = (node, scales) =>
  joinScalesOf(
    expressionChildren(node).filter((clause) => clause.type === 'for_in_clause'),
    (clause) => scales.ofIteration(clause),
  );

const call: Classifier = (node, scales) => {
  const callee = node.childForFieldName('function');
  if (!callee) return 'unknown';
  const name = scales.facts.qualifiedName(callee);
  if (name === 'builtins.range') return rangeScale(node, scales);
  const read = scales.reads?.scaleOf(node, scales.facts);
  if (read) return read;
  if (name !== undefined && readsData(name)) return limitedQueryScale(node, scales) ?? 'large';
  // `np.unique(y)`, `np.mean(X, axis=0)`: a reduction may be far smaller than what it reduces, as its method is.
  if (name !== undefined && makesArrays(name))
    return REDUCING_METHODS.has(name.slice(name.lastIndexOf('.') + 1)) ? 'unknown' : 'large';
  if (name !== undefined && PASS_THROUGH.has(name))
    return joinScalesOf(positional(node, scales.facts), (arg) => scales.of(arg));
  if (callee.type !== 'attribute') return 'unknown';
  // A method: reading a file or cursor is data scale; a reduction may be any size;
  // other methods give what their receiver holds (`df.groupby(…)`, `s.split()`).
  const method = callee.childForFieldName('attribute')?.text ?? '';
  // One item of a large container or stream (a CSV's header row, one line) is as unknown as a loop's item.
  if (ONE_ITEM_METHODS.has(method))
    return scales.of(callee.childForFieldName('object')) === 'small' ? 'small' : 'unknown';
  if (READING_METHODS.has(method)) return scales.of(callee.childForFieldName('object')) === 'small' ? 'small' : 'large';
  if (REDUCING_METHODS.has(method) || name !== undefined) return 'unknown';
  return scales.of(callee.childForFieldName('object'));
};

const attribute: Classifier = (node, scales) => {
  if (SMALL_ATTRIBUTES.has(node.childForFieldName('attribute')?.text ?? '')) return 'small';
  // A module's attribute is none of the program's data (`sys.modules`, `os.environ`), unless it is a stream of it (`sys.stdin`).
  const name = scales.facts.qualifiedName(node);
  if (name === undefined) return scales.of(node.childForFieldName('object'));
  return DATA_STREAMS.has(name) ? 'large' : 'unknown';
};

/** `rows[:10]` holds at most ten items; any other subscript is as large as what it subscripts. */
const subscript: Classifier = (node, scales) => {
  const slice = node.childForFieldName('subscript');
  if (slice?.type === 'slice' && isShortSlice(slice, scales)) return 'small';
  return scales.of(node.childForFieldName('value'));
};

const operands: Classifier = (node, scales) => joinScalesOf(expressionChildren(node), (operand) => scales.of(operand));

const name: Classifier = (node, scales) => {
  const found = bindingsOf(scales.facts, node.text, node);
  if (!found) return 'unknown';
  const values = found.bindings.filter((binding) => binding.kind !== 'annotation');
  return values.length === 0 ? 'unknown' : joinScalesOf(values, (binding) => bindingScale(binding, scales));
};

const BY_NODE_TYPE: Readonly<Record<string, Classifier>> = {
  integer: small,
  float: small,
  string: small,
  concatenated_string: small,
  true: small,
  false: small,
  none: small,
  list: display,
  tuple: display,
  set: display,
  dictionary: display,
  list_comprehension: comprehension,
  set_comprehension: comprehension,
  dictionary_comprehension: comprehension,
  generator_expression: comprehension,
  call,
  attribute,
  subscript,
  identifier: name,
  binary_operator: operands,
  boolean_operator: operands,
  conditional_expression: operands,
  await: operands,
};

/**
 * What one binding stores: a value, an update, a context manager's value
 * (`with open(p) as f`), or one item of a loop. An item is one row, line or
 * element, whatever the loop's scale (rules that grow something over the
 * passes ask for the loop's scale itself): unknown, except the chunks a
 * pandas reader yields, each a frame of many rows.
 */
function bindingScale(binding: NameBinding, scales: DataScales): Scale {
  if (binding.kind === 'value' || binding.kind === 'augmented') return scales.of(binding.value);
  if (binding.kind !== 'other') return 'unknown';
  const bound = boundFrom(binding.site.node);
  if (!bound) return 'unknown';
  if (!bound.isLoopItem) return scales.of(bound.source);
  return yieldsChunks(bound.source, scales.facts) ? 'large' : scales.of(bound.source) === 'small' ? 'small' : 'unknown';
}

/** The expression a loop target or `as` name takes its value from: the iterable, or the context manager. */
function boundFrom(target: Node): { readonly source: Node; readonly isLoopItem: boolean } | undefined {
  for (let node = target.parent; node; node = node.parent) {
    const isLoop = node.type === 'for_statement' || node.type === 'for_in_clause';
    const source = isLoop
      ? node.childForFieldName('right')
      : node.type === 'as_pattern'
        ? node.namedChild(0)
        : undefined;
    if (source !== undefined) return source ? { source, isLoopItem: isLoop } : undefined;
    if (!TARGET_PARTS.has(node.type)) return undefined;
  }
  return undefined;
}

/** `pd.read_csv(path, chunksize=…)` and its kin: a loop over it gets frames. */
function yieldsChunks(iterable: Node, facts: DocumentFacts): boolean {
  const call = unparenthesized(iterable);
  const callee = call.type === 'call' ? call.childForFieldName('function') : null;
  return callee !== null && (facts.qualifiedName(callee) ?? '').startsWith('pandas.read_');
}

/** What stands between a loop's target name and the loop: `for i, (a, b) in …`. */
const TARGET_PARTS: ReadonlySet<string> = new Set([...UNPACKING_TARGETS, 'as_pattern_target']);

/** A read of a query closed by `LIMIT n`: n rows of a width the code does not show, large only past LARGE_COUNT. */
function limitedQueryScale(read: Node, scales: DataScales): Scale | undefined {
  const limit = queryRowLimit(positional(read, scales.facts)[0], scales.folder);
  if (limit === undefined) return undefined;
  return limit > BigInt(LARGE_COUNT) ? 'large' : 'unknown';
}

function rangeScale(call: Node, scales: DataScales): Scale {
  const args = positional(call, scales.facts);
  if (args.length === 0 || args.length > 3) return 'unknown';
  const length = constantRangeLength(call, scales.facts);
  if (length !== undefined) return length > BigInt(LARGE_COUNT) ? 'large' : 'small';
  return scales.ofCount(args.length === 1 ? args[0]! : args[1]!);
}

/**
 * The value a count measures: `x` in `len(x)`, `df` in `df.shape[0]` or
 * `arr.size`. A frame's shape is small as a value but counts its rows.
 */
function measuredValue(count: Node, facts: DocumentFacts): Node | null {
  if (count.type === 'call' && facts.qualifiedName(count.childForFieldName('function')!) === 'builtins.len')
    return callArguments(count)[0] ?? null;
  if (count.type === 'attribute') return attributeOf(count, 'size');
  // `X.shape[0]` counts rows; `X.shape[1]` counts columns (28 classes, 784 pixels), which do not grow with the rows.
  if (count.type !== 'subscript' || count.childForFieldName('subscript')?.text !== '0') return null;
  return attributeOf(unparenthesized(count.childForFieldName('value')!), 'shape');
}

/** `x` in `x.<attribute>`. */
function attributeOf(node: Node, attribute: string): Node | null {
  return node.type === 'attribute' && node.childForFieldName('attribute')?.text === attribute
    ? node.childForFieldName('object')
    : null;
}

/** `[:k]`, `[-k:]` or `[a:b]` with constant bounds at most LARGE_COUNT apart. */
function isShortSlice(slice: Node, scales: DataScales): boolean {
  const bounds = expressionChildren(slice);
  if (bounds.length === 0 || bounds.length > 2 || slice.children.filter((child) => child?.type === ':').length !== 1)
    return false;
  const values = bounds.map((bound) => scales.integer(bound));
  if (values.some((value) => value === undefined)) return false;
  const startsWithColon = slice.child(0)?.type === ':';
  const [first, second] = values as bigint[];
  const span = second !== undefined ? second - first! : startsWithColon ? first! : -first!;
  return span >= 0n && span <= BigInt(LARGE_COUNT);
}

function positional(call: Node, facts: DocumentFacts): Node[] {
  return facts.callArguments(call).filter((arg) => arg.type !== 'keyword_argument' && arg.type !== 'dictionary_splat');
}
