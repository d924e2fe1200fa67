import type { Node } from 'web-tree-sitter';
import { mayBeAliased } from '../semantics/aliasing';
import { mayEndIn } from '../semantics/calleeNames';
import { chainOf, isMaximalChain, type Chain } from '../semantics/chains';
import { comprehensionElement, returnsExistingObject } from '../semantics/existingObjects';
import type { DocumentFacts } from '../semantics/facts';
import { containersOfAssignedItem, isSubscripted, mayChangeAnItem, writesInPlace } from '../semantics/itemChanges';
import { mayMutate } from '../semantics/mutation';
import { isSideEffectFreeComprehension } from '../semantics/purity';
import { callArguments, descendants, isAsyncComprehension, shortText, unparenthesized } from '../semantics/syntax';
import { holdsBuiltinContainer, type ContainerKind } from '../semantics/values';
import { DataScales, type DataReadScales } from '../scale/dataScale';
import { holdsDataFrame } from '../scale/dataSources';
import { listHolds } from '../scale/holds';
import { amountText } from '../scale/holdsText';
import { CPYTHON, DEFAULT_PYTHON_VERSION } from '../sizes/cpython';
import { isSmaller, perCountSize, type Size } from '../sizes/size';
import { keywordAnchor, parentOfType } from './anchors';
import { generatorExpressionFix } from './generator-fix';
import type { Finding, Fix, FixSafety, Rule, Severity, TextEdit } from './types';

export const mem102: Rule = {
  code: 'MEM102',
  name: 'loop-over-copy',
  defaultSeverity: 'warning',
  fixAvailability: 'always',
  summary: 'Loop over a materialised copy that is iterated only once',
  docs: {
    whatItDoes:
      "Flags a `for` loop over a list or tuple built only to be walked once: `for x in list(items)`, `for x in tuple(items)`, `for x in list(map(f, xs))` (or `filter`, `zip`, a generator…), `for k, v in list(d.items())` (or `keys()`, `values()`), and `for x in [f(y) for y in ys]`. It stays quiet when the loop may change what was copied, because then the copy is the point: the loop calls a method on it that is not known to only look (`append`, `remove`, `pop`, `clear`, `update`…, or any method of an object it hangs from, like `self.reset()` for `self.items`), assigns or deletes one of its items (`d[k] = v`, `del d[k]`), rebinds it, passes it to a function other than builtins that only look at it (`len`, `print`, `isinstance`…), or lets another name hold it; nor when the copied local was handed elsewhere before the loop (`self.pending = pending`, `holder = [a]`, a closure) and the loop calls anything but harmless builtins or writes into anything but its own items (`del holder[0][k]`), since either may change it through that other reference. A copy of one item of a container (`list(adj[n])`, or of a local assigned one, `nbrs = adj[n]`) counts as changed when the loop changes any item of that container (`del adj[u][n]`, `adj[u].pop(n)`): `adj[u]` is `adj[n]` when `u == n`, as for a graph's self-loop. Iterating it again inside the loop also counts unless it is known to be a container, since an iterator would be used up. It also stays quiet when the copy is of a container that other code may reach (a parameter, a global, an attribute, a local handed elsewhere) and the loop runs the items' own code or hands them to code it cannot see (`for conn in list(self.conns): conn.close()`, `for key in list(keys): delete(key)`): closing or deleting an item often removes it from that container, or from what an iterator walks, and the copy is what keeps the loop safe. Copies of `globals()`, `locals()` and `vars()` are never flagged: at module level the loop's own target is a key of that dict. Code in nested function and class bodies does not run in the loop and is not counted. The same holds when what is copied may change through another path while a direct loop walks it: the loop changes it under another spelling (`del modules[name]` after `from sys import modules` for `sys.modules`; `tree.children.clear()` after `tree = node` for `node.children`); it yields or awaits, so other code runs between items, and the copy is of anything but a local nothing else can reach; it is a module-level value and the loop calls code that may change it (a function of this file whose body does, or that the analysis cannot see; functions of other modules cannot reach it); it is another module's value and the loop calls anything but builtins that only look (`site.addsitedir` appends to `sys.path`). `sys.modules` is never flagged: any import adds to it, even one the interpreter makes to look up a codec, and the `sys` documentation asks for a copy to iterate it. A comprehension that keeps the items it walks (`[c for c in node.children if c.marked]`) and the result of a method (`list(root.iter(\"x\"))`) count as copies of the object walked, so handing their items on is a change too (`parents[element].remove(element)`). `list` and `tuple` must be the builtins, in parentheses or not (`(list)(items)`), and a local `list = ...` is left alone; `sorted(...)` and `set(...)` are not flagged, since they change the order or the items; `list(range(...))` is MEM103's. A copy of a pandas DataFrame (`list(df)`, `df` bound to `pd.read_csv(…)`, `pd.DataFrame(…)` or annotated `pd.DataFrame`) keeps its column names, but `list()` first makes a slot for each of the `len(df)` rows: the saving is counted in rows, while a comprehension over the frame is counted in columns (`len(df.columns)`). The message leads with what iterating directly saves, sized by the size model where it can, and the severity follows it: a hint where only the copy's pointers go, a warning for the pair tuples of `items()` and for items built, information for a list of another call's result. That severity is for data at scale: the scale of what is copied lowers it (information where unknown, a hint where small).",
    whyBadForMemory:
      'The copy holds every item at once before the first iteration starts, where iterating directly holds under 1.3 KB whatever the count. Measured under tracemalloc for 10^5 and 10^6 items on CPython 3.9, 3.11 and 3.13: `list(xs)`, `list(d)`, `list(d.keys())` cost 8 bytes of pointer per item, 8 MB for 1,000,000 items; `list(d.items())` builds a two-item tuple per key as well, 64 bytes per item, 64 MB in all, where the `d.items()` view costs 40 bytes; a list comprehension of new ints holds 36 (3.9) to 40 bytes per item, pointer and int, where a generator expression costs about 200 bytes however many items it yields. A comprehension whose items exist already (`[x for x in xs if x]`) saves only the pointers.',
    example:
      'for key, value in list(totals.items()):\n    print(key, value)\n\nfor name in [line.upper() for line in lines]:\n    print(name)',
    useInstead:
      'for key, value in totals.items():\n    print(key, value)\n\nfor name in (line.upper() for line in lines):\n    print(name)',
    fixSafety:
      'Iterating directly is lazy: each item is fetched while the loop body runs, not all before it. The fix is safe only when that cannot change behaviour: what is copied is a local name (or its `keys()`, `values()` or `items()`) whose every binding assigns a builtin container made on the spot (a display, a comprehension, `list(...)`, `dict(...)`…) and that no other name, container or function can reach; a comprehension is free of side effects outside its first iterable; and the loop body calls only builtins that do not change their arguments (`print`, `len`, `str`, `min`, `sum`, `isinstance`…), with no `yield`, `await`, `with`, `import`, lambda or class definition. Otherwise the fix is unsafe: a function called in the loop might change the original through another reference, an iterator would now interleave its work with the loop, and a dict changed while its view is iterated raises `RuntimeError`.',
  },
  anchors: [keywordAnchor('for', parentOfType('for_statement'))],
  check(loop, context) {
    const { facts, source } = context;
    // `async for` starts with its keyword; most loops iterate no copy. Both are told before
    // the loop's other children are asked for, each a call into WASM.
    if (source.startsWith('async', loop.startIndex)) return undefined;
    const right = loop.childForFieldName('right');
    const copy = right ? copyIn(unparenthesized(right), facts) : undefined;
    if (!copy || copiesNamespace(copy, facts)) return undefined;
    const body = loop.childForFieldName('body');
    const left = loop.childForFieldName('left');
    if (!body || !left) return undefined;
    for (const source of sourcesOf(copy, facts)) {
      if (
        mayMutate([left, body], source.chain, { facts, iteratingConsumes: source.iteratingConsumes, ownRegions: true })
      )
        return undefined;
      if (changesAnItemCopied(source, loop, [left, body], facts)) return undefined;
    }
    // A local stored elsewhere before the loop (`self.pending = pending`, `b = [a]`) can be
    // changed by any call in it, or by a write through the other reference (`del b[0][k]`).
    const name = copiedName(copy);
    if (name && (!bodyOnlyLooks(body, facts) || writesInPlace(body, loopTargets(left))) && mayBeAliased(name, facts))
      return undefined;
    // `for x in list(self.conns): x.close()`: an item's own code may remove it from a container others share.
    if (copiesSharedContainer(copy, facts) && handsOnItems(left, body, facts)) return undefined;
    const finding: Finding = {
      code: mem102.code,
      ...toldSaving(copy, facts, context.dataReads),
      start: copy.node.startIndex,
      end: copy.node.endIndex,
      fix: fixFor(copy, fixSafety(copy, body, facts)),
    };
    return finding;
  },
};

/**
 * A copy made in a loop header. `node` is what is flagged: the `list(...)` /
 * `tuple(...)` call or the list comprehension. `contents` is what is iterated
 * after the fix: the call's argument (a generator expression keeps its
 * parentheses), or the comprehension itself, its brackets made parentheses.
 */
interface Copy {
  readonly node: Node;
  readonly contents: Node;
  /** The builtin that copies (`list`, `tuple`), or undefined for a list comprehension. */
  readonly builtin: string | undefined;
}

const COPYING_BUILTINS: ReadonlyMap<string, string> = new Map([
  ['builtins.list', 'list'],
  ['builtins.tuple', 'tuple'],
]);

const COPYING_NAMES: readonly string[] = [...COPYING_BUILTINS.values()];

const DICT_VIEWS: ReadonlySet<string> = new Set(['keys', 'values', 'items']);

function copyIn(iterable: Node, facts: DocumentFacts): Copy | undefined {
  if (iterable.type === 'list_comprehension') {
    return isAsyncComprehension(iterable) ? undefined : { node: iterable, contents: iterable, builtin: undefined };
  }
  if (iterable.type !== 'call') return undefined;
  const written = iterable.childForFieldName('function');
  const callee = written && unparenthesized(written);
  // Most loops iterate other calls: their callee's name says so without a lookup.
  if (!callee || !mayEndIn(callee, COPYING_NAMES, facts)) return undefined;
  const builtin = COPYING_BUILTINS.get(facts.qualifiedName(callee) ?? '');
  const args = iterable.childForFieldName('arguments');
  if (!builtin || !args) return undefined;
  if (args.type === 'generator_expression') {
    return isAsyncComprehension(args) ? undefined : { node: iterable, contents: args, builtin };
  }
  const [argument, ...rest] = callArguments(iterable);
  if (!argument || rest.length > 0 || ['keyword_argument', 'list_splat', 'dictionary_splat'].includes(argument.type))
    return undefined;
  // A copied range is MEM103's: it is flagged wherever the list is only read, not only in loops.
  if (argument.type === 'call' && facts.qualifiedName(argument.childForFieldName('function')!) === 'builtins.range')
    return undefined;
  return { node: iterable, contents: argument, builtin };
}

/**
 * `for u in list(adj[n]): del adj[u][n]`: `adj[u]` is `adj[n]` when `u == n`.
 * So too when the copy is of a local assigned an item (`nbrs = adj[n]`).
 */
function changesAnItemCopied(source: Source, loop: Node, regions: readonly Node[], facts: DocumentFacts): boolean {
  const containers = source.readsItems ? [source.chain] : [];
  if (source.chain.length === 1) containers.push(...containersOfAssignedItem(source.chain[0]!, loop, facts));
  return containers.some((container) => mayChangeAnItem(regions, container, facts));
}

/** A value whose changes the loop must not make. */
interface Source {
  readonly chain: Chain;
  /** The value may be an iterator that iterating it again in the loop would use up. */
  readonly iteratingConsumes: boolean;
  /** The copy reads an item of it (`adj` of `list(adj[n])`), so a change to any of its items may be one to what is copied. */
  readonly readsItems: boolean;
}

/**
 * What the copy is taken from: the copied name or attribute chain (`self.items`),
 * the dict of a view (`d` of `d.items()`), or else every name the copied
 * expression reads, since a lazy expression reads them while the loop runs.
 */
function sourcesOf(copy: Copy, facts: DocumentFacts): Source[] {
  const viewed = dictOfView(copy.contents);
  if (viewed) return [{ chain: chainOf(viewed)!, iteratingConsumes: false, readsItems: false }];
  if (chainOf(copy.contents)) return [sourceAt(copy.contents, facts)];
  const sources: Source[] = [];
  for (const node of descendants(copy.contents)) {
    if (!isMaximalChain(node) || isBoundInside(node, copy.contents, facts) || isKnownName(node, facts)) continue;
    sources.push(sourceAt(node, facts));
  }
  return sources;
}

function sourceAt(node: Node, facts: DocumentFacts): Source {
  return {
    chain: chainOf(node)!,
    iteratingConsumes: !holdsBuiltinContainer(node, facts, 'container'),
    readsItems: isSubscripted(node),
  };
}

/** `d` of `d.keys()`, `d.values()`, `d.items()` when `d` is a name or attribute chain. */
function dictOfView(node: Node): Node | undefined {
  if (node.type !== 'call' || callArguments(node).length > 0) return undefined;
  const callee = node.childForFieldName('function');
  if (callee?.type !== 'attribute' || !DICT_VIEWS.has(callee.childForFieldName('attribute')?.text ?? ''))
    return undefined;
  const object = callee.childForFieldName('object');
  return object && chainOf(object) ? object : undefined;
}

/** A comprehension's own variables, which nothing outside can change. */
function isBoundInside(chain: Node, contents: Node, facts: DocumentFacts): boolean {
  let root = chain;
  while (root.type === 'attribute') root = root.childForFieldName('object')!;
  const found = facts.lookup(root.text, root);
  if (found === undefined || found === 'unknown') return false;
  const owner = found.scope.node;
  return owner.startIndex >= contents.startIndex && owner.endIndex <= contents.endIndex;
}

/** Builtins and imported functions (`len`, `np.sqrt`): code, not data the loop could change. */
function isKnownName(chain: Node, facts: DocumentFacts): boolean {
  const qualified = facts.qualifiedName(chain);
  if (qualified === undefined) return false;
  const parent = chain.parent;
  return (
    qualified.startsWith('builtins.') ||
    (parent?.type === 'call' && parent.childForFieldName('function')?.equals(chain) === true)
  );
}

/** What iterating directly saves: the copy's pointers, the pair tuples of `items()`, the items built, or what the call's result decides. */
type Saving = 'pointers' | 'pairs' | 'items' | 'unknown';

/**
 * How each saving is told, and how loudly at data scale: a saving of pointers
 * only is a hint. Measured in test/rules/mem102-premise.slow.test.ts.
 */
const TOLD: Readonly<Record<Saving, { readonly severity: Severity; saves(sizes: Amounts): string }>> = {
  pointers: {
    severity: 'hint',
    saves: ({ pointers, copied }) => (copied ? `Saves the copy's ${pointers}` : `Saves only the list's ${pointers}`),
  },
  pairs: {
    severity: 'warning',
    saves: ({ withItems }) => `Saves ${withItems ?? '64 B per item'} of pair tuples and pointers`,
  },
  items: {
    severity: 'warning',
    saves: ({ pointers, withItems }) =>
      withItems
        ? `Saves ${withItems}: the list and the items it built`
        : `Saves the list's ${pointers} and the items it built`,
  },
  unknown: {
    severity: 'information',
    saves: ({ pointers }) => `Saves the list's ${pointers} and items built as it goes`,
  },
};

/**
 * The copy's pointers (8 B per item when the model has no count), all it holds
 * when the model sizes more, and whether it copies (`list(xs)`) or is a comprehension.
 */
interface Amounts {
  readonly pointers: string;
  readonly withItems: string | undefined;
  readonly copied: boolean;
}

/**
 * Builtins whose items are new objects (tuples, results of calls), or the items
 * given; `sorted` builds its list either way, so only the copy of it goes.
 */
const BUILT_BY: ReadonlyMap<string, Saving> = new Map<string, Saving>([
  ['builtins.map', 'items'],
  ['builtins.zip', 'items'],
  ['builtins.enumerate', 'items'],
  ['builtins.filter', 'pointers'],
  ['builtins.reversed', 'pointers'],
  ['builtins.sorted', 'pointers'],
]);

function savingOf(copy: Copy, facts: DocumentFacts): Saving {
  const contents = copy.contents;
  if (chainOf(contents)) return 'pointers';
  const viewed = dictOfView(contents);
  if (viewed)
    return contents.childForFieldName('function')!.childForFieldName('attribute')!.text === 'items'
      ? 'pairs'
      : 'pointers';
  if (isComprehension(contents)) {
    const element = comprehensionElement(contents);
    return element && returnsExistingObject(element) ? 'pointers' : 'items';
  }
  const callee = contents.type === 'call' ? contents.childForFieldName('function') : null;
  return (callee && BUILT_BY.get(facts.qualifiedName(callee) ?? '')) ?? 'unknown';
}

/**
 * The message, severity, size and scale of a finding. The sizes come from the
 * size model; the scale is that of what is copied.
 */
function toldSaving(
  copy: Copy,
  facts: DocumentFacts,
  reads: DataReadScales | undefined,
): Pick<Finding, 'message' | 'severity' | 'holds' | 'scale'> {
  const saving = savingOf(copy, facts);
  const pointers = listHolds(copy.node, facts, 'pointers');
  const withItems =
    saving === 'pairs'
      ? pairsHolds(dictOfView(copy.contents)!)
      : saving === 'items'
        ? listHolds(copy.node, facts, 'items')
        : undefined;
  const more = withItems && (!pointers || isSmaller(pointers, withItems)) ? withItems : undefined;
  const { saves, severity } = TOLD[saving];
  const told = saves({
    pointers: pointers ? amountText(pointers) : '8 B per item',
    withItems: more && amountText(more),
    copied: copy.builtin !== undefined,
  });
  const held = more ?? pointers;
  const measured = { ...(held ? { holds: held } : {}), scale: new DataScales(facts, reads).of(copy.contents) };
  if (copy.builtin === undefined)
    return { message: `${told}: a generator yields one item at a time`, severity, ...measured };
  const directly = `iterate \`${shortText(copy.contents, 28)}\` directly`;
  // `list(df)` makes room for len(df) items, the rows, before it shrinks to the column names it yields.
  if (holdsDataFrame(copy.contents, facts))
    return {
      message: `${told}: \`${copy.builtin}()\` makes a slot per row to keep the column names; ${directly}`,
      severity,
      ...measured,
    };
  return { message: `${told}: ${directly}`, severity, ...measured };
}

/** A list of `d.items()`: a pointer and a two-item tuple per key. */
function pairsHolds(dict: Node): Size {
  const layout = CPYTHON[DEFAULT_PYTHON_VERSION];
  const pair = layout.gcHeader + layout.tupleHeader + 2 * layout.pointer;
  return perCountSize(layout.list.header + layout.gcHeader, layout.pointer + pair, `len(${dict.text})`, true);
}

// ---- Fix ----

function fixFor(copy: Copy, safety: FixSafety): Fix {
  if (copy.builtin === undefined) return generatorExpressionFix(copy.node, safety);
  return { title: `Iterate \`${shortText(copy.contents)}\` directly`, safety, edits: unwrapEdits(copy) };
}

/** Bracketed expressions stay one expression whatever their line breaks. */
const BRACKETED: ReadonlySet<string> = new Set([
  'list',
  'tuple',
  'set',
  'dictionary',
  'list_comprehension',
  'set_comprehension',
  'dictionary_comprehension',
  'generator_expression',
  'parenthesized_expression',
]);
/** Expressions that can stand bare after `in` when they fit on one line. */
const PRIMARY: ReadonlySet<string> = new Set([
  'identifier',
  'attribute',
  'call',
  'subscript',
  'string',
  'concatenated_string',
]);

/**
 * Edits that turn `list(X)` (or `list(X,)`) into `X`. Where `X` could not stand
 * bare in the loop header (it spans lines, is an operator expression) or the
 * parentheses hold a comment, only the name is removed and the parentheses
 * kept: `(X)`, without a trailing comma that would make it a tuple.
 */
function unwrapEdits(copy: Copy): TextEdit[] {
  const call = copy.node;
  const args = call.childForFieldName('arguments')!;
  const contents = copy.contents;
  if (args.equals(contents)) return [{ start: call.startIndex, end: contents.startIndex, text: '' }];
  const hasComment = args.children.some((child) => child?.type === 'comment');
  const bare =
    !hasComment && (BRACKETED.has(contents.type) || (PRIMARY.has(contents.type) && !contents.text.includes('\n')));
  if (bare) {
    // `for x in(list)(xs)`: the copy's callee was what kept `in` apart from `xs`.
    const glued = call.previousSibling?.type === 'in' && call.previousSibling.endIndex === call.startIndex;
    return [
      { start: call.startIndex, end: contents.startIndex, text: glued ? ' ' : '' },
      { start: contents.endIndex, end: call.endIndex, text: '' },
    ];
  }
  const commas = args.children.filter((child): child is Node => child?.type === ',');
  return [
    { start: call.startIndex, end: args.startIndex, text: '' },
    ...commas.map((comma) => ({ start: comma.startIndex, end: comma.endIndex, text: '' })),
  ];
}

// ---- Fix safety ----

/** Builtins a loop body may call without being able to change what the loop iterates. */
const HARMLESS_BUILTINS: ReadonlySet<string> = new Set(
  [
    'print',
    'len',
    'str',
    'repr',
    'int',
    'float',
    'complex',
    'bool',
    'abs',
    'round',
    'min',
    'max',
    'sum',
    'any',
    'all',
    'sorted',
    'isinstance',
    'issubclass',
    'callable',
    'hash',
    'id',
    'type',
    'format',
    'ord',
    'chr',
    'divmod',
    'pow',
    'hex',
    'oct',
    'bin',
    'tuple',
    'list',
    'set',
    'frozenset',
    'dict',
    'enumerate',
    'zip',
    'range',
    'reversed',
  ].map((name) => `builtins.${name}`),
);

/** Statements and expressions that run code the analysis cannot see, or suspend the loop. */
const OPAQUE_TYPES: ReadonlySet<string> = new Set([
  'yield',
  'await',
  'lambda',
  'class_definition',
  'with_statement',
  'import_statement',
  'import_from_statement',
  'future_import_statement',
]);

function fixSafety(copy: Copy, body: Node, facts: DocumentFacts): FixSafety {
  const name = copiedName(copy);
  if (!name) return 'unsafe';
  const kind = dictOfView(copy.contents) ? 'mapping' : 'container';
  if (!holdsBuiltinContainer(name, facts, kind) || mayBeAliased(name, facts)) return 'unsafe';
  if (isComprehension(copy.contents) && !isSideEffectFreeComprehension(copy.contents, facts)) return 'unsafe';
  return bodyOnlyLooks(body, facts) ? 'safe' : 'unsafe';
}

/** Builtins that return a scope's own namespace dict. */
const NAMESPACE_BUILTINS: ReadonlySet<string> = new Set(['builtins.globals', 'builtins.locals', 'builtins.vars']);

/**
 * `list(globals().items())`: at module level the loop's own target is a key of
 * that dict, so its first assignment would change the dict mid-iteration.
 */
function copiesNamespace(copy: Copy, facts: DocumentFacts): boolean {
  let node = copy.contents;
  const callee = node.type === 'call' ? node.childForFieldName('function') : null;
  if (callee?.type === 'attribute' && DICT_VIEWS.has(callee.childForFieldName('attribute')?.text ?? '')) {
    node = callee.childForFieldName('object') ?? node;
  }
  const function_ = node.type === 'call' ? node.childForFieldName('function') : null;
  return function_ !== null && NAMESPACE_BUILTINS.has(facts.qualifiedName(function_) ?? '');
}

/**
 * A copy of an existing container's own items (`list(xs)`, `list(self.items)`,
 * `list(d.values())`, `[c for c in node.children if c.bad]`,
 * `list(root.iter("x"))`) that other code may reach: a parameter, a global,
 * an attribute, or a local handed elsewhere. Only a local made on the spot and
 * kept to itself is private.
 */
function copiesSharedContainer(copy: Copy, facts: DocumentFacts): boolean {
  const walked = walkedObject(copy.contents, facts);
  if (!walked) return false;
  return !(holdsBuiltinContainer(walked.node, facts, walked.kind) && !mayBeAliased(walked.node, facts));
}

/**
 * The object whose own items (or parts) a copy's items are: a name or
 * attribute chain, the dict of a view, what a comprehension walks when it
 * keeps the items it is given (`c` or `c.node` of `for c in …`), or the
 * object whose method makes them (`root` of `root.iter("x")`, `G` of
 * `G.neighbors(n)`; a function of an imported module is not a method).
 */
function walkedObject(
  contents: Node,
  facts: DocumentFacts,
): { readonly node: Node; readonly kind: ContainerKind } | undefined {
  const viewed = dictOfView(contents);
  if (viewed) return { node: viewed, kind: 'mapping' };
  if (chainOf(contents)) return { node: contents, kind: 'container' };
  if (isComprehension(contents)) {
    const element = comprehensionElement(contents);
    const iterable = firstIterable(contents);
    const keepsItems =
      element !== undefined && chainOf(element) !== undefined && isBoundInside(element, contents, facts);
    return keepsItems && iterable ? walkedObject(unparenthesized(iterable), facts) : undefined;
  }
  const callee = contents.type === 'call' ? contents.childForFieldName('function') : null;
  const object = callee?.type === 'attribute' ? callee.childForFieldName('object') : null;
  if (!object || !chainOf(object) || facts.qualifiedName(callee!) !== undefined) return undefined;
  return FRESH_RESULT_METHODS.has(callee!.childForFieldName('attribute')!.text)
    ? undefined
    : { node: object, kind: 'container' };
}

/** Methods of builtin types that return a new container of their own, not a view of the object (`line.split()`). */
const FRESH_RESULT_METHODS: ReadonlySet<string> = new Set([
  'split',
  'rsplit',
  'splitlines',
  'partition',
  'rpartition',
  'copy',
  'union',
  'intersection',
  'difference',
  'symmetric_difference',
  'most_common',
  'readlines',
  'encode',
  'decode',
  'lower',
  'upper',
  'strip',
  'replace',
]);

/**
 * Whether the loop body runs code of the items or hands them to code it cannot
 * see: a method of a loop variable (`conn.close()`), or a loop variable passed
 * to a function other than the harmless builtins (`unregister(key)`).
 */
function handsOnItems(left: Node, body: Node, facts: DocumentFacts): boolean {
  const items = loopTargets(left);
  const isItem = (node: Node | null): boolean => {
    let root = node ? unparenthesized(node) : null;
    while (root?.type === 'attribute') root = root.childForFieldName('object');
    return root?.type === 'identifier' && items.has(root.text);
  };
  for (const node of descendants(body, runsInLoop)) {
    if (node.type !== 'call') continue;
    const callee = node.childForFieldName('function');
    if (!callee) continue;
    if (callee.type === 'attribute' && isItem(callee.childForFieldName('object'))) return true;
    if (HARMLESS_BUILTINS.has(facts.qualifiedName(callee) ?? '')) continue;
    const args = callArguments(node).map((arg) =>
      arg.type === 'keyword_argument' ? arg.childForFieldName('value') : arg,
    );
    if (args.some((arg) => arg !== null && arg.type === 'identifier' && items.has(arg.text))) return true;
  }
  return false;
}

/** The names the loop binds to each item. */
function loopTargets(left: Node): Set<string> {
  return new Set([...descendants(left)].filter((node) => node.type === 'identifier').map((node) => node.text));
}

function isComprehension(node: Node): boolean {
  return node.type === 'list_comprehension' || node.type === 'generator_expression';
}

/** The local name whose contents are iterated: `xs` of `list(xs)`, `list(d.items())`, `[f(x) for x in xs]`. */
function copiedName(copy: Copy): Node | undefined {
  const contents = copy.contents;
  const candidate = isComprehension(contents) ? firstIterable(contents) : (dictOfView(contents) ?? contents);
  return candidate?.type === 'identifier' ? candidate : undefined;
}

function firstIterable(comprehension: Node): Node | undefined {
  const clause = comprehension.namedChildren.find((child) => child?.type === 'for_in_clause');
  return clause?.childForFieldName('right') ?? undefined;
}

/** A function defined in the loop runs only when called, and calling it is a call like any other. */
const runsInLoop = (node: Node): boolean => !(node.type === 'block' && node.parent?.type === 'function_definition');

function bodyOnlyLooks(body: Node, facts: DocumentFacts): boolean {
  for (const node of descendants(body, runsInLoop)) {
    if (OPAQUE_TYPES.has(node.type) || node.type === 'decorator') return false;
    if (node.type === 'call') {
      const callee = node.childForFieldName('function');
      if (!callee || !HARMLESS_BUILTINS.has(facts.qualifiedName(callee) ?? '')) return false;
    }
  }
  return true;
}
