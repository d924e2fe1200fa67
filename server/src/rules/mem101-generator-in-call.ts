import type { Node } from 'web-tree-sitter';
import type { DocumentFacts } from '../semantics/facts';
import { comprehensionElement, returnsExistingObject } from '../semantics/existingObjects';
import { isSideEffectFreeComprehension } from '../semantics/purity';
import { isAsyncComprehension, shortText, unparenthesized } from '../semantics/syntax';
import { DataScales, type DataReadScales } from '../scale/dataScale';
import { listHolds } from '../scale/holds';
import { amountText } from '../scale/holdsText';
import { isSmaller, type Size } from '../sizes/size';
import { callAround, keywordAnchor } from './anchors';
import { CONSUMING_CALLS, iteratesArgument, keptBy, type ConsumingCall, type Keeps } from './consuming-calls';
import { generatorExpressionFix } from './generator-fix';
import { joinedBySum } from './mem205-quadratic-list-sum';
import type { Finding, Fix, Rule, Severity, TextEdit } from './types';

export const mem101: Rule = {
  code: 'MEM101',
  name: 'generator-in-call',
  defaultSeverity: 'warning',
  fixAvailability: 'always',
  summary: 'List comprehension passed to a call that only iterates it once',
  docs: {
    whatItDoes:
      "Flags a list comprehension (in parentheses or not) passed to a function that only iterates its argument once: `sum`, `min`, `max`, `any`, `all`, `sorted`, `set`, `frozenset`, `tuple`, `dict`, `bytes`, `bytearray`, `enumerate`, `zip`, `map`, `filter`, `collections.Counter`, `collections.deque`, `heapq.nlargest`/`nsmallest`/`merge`, the iterator tools of `itertools`, `math.fsum`, `math.prod` and the `statistics` functions but `harmonic_mean`, which makes a list of an iterator itself. Import aliases are followed, and a local name that shadows a builtin (`sum = ...`) is left alone. `str.join` is not flagged: it builds a list from a generator anyway. `list([e for …])` is flagged too: `list()` copies the list the comprehension made, and the comprehension alone is that list. A set comprehension given to `any`, `all`, `min` or `max` (`any({f(x) for x in xs})`), whose answer does not change when repeated items go, is flagged as well, unless its items are True or False (a comparison, `not`), of which a set holds two at most; not one given to `sum`, where the set is what drops repeated items. The message leads with what a generator saves, sized by the size model where it can (`≈ 8·n B (n = len(values))`), which depends on what the call keeps of the items; so does the severity: a warning where the items themselves are saved, information where repeated items or what a lazy result's reader drops may be, a hint where only the list's pointers are. That severity is for data at scale: the scale of what the comprehension iterates lowers it (information where unknown, a hint where small).",
    whyBadForMemory:
      "The comprehension builds the whole list before the call starts: 8 bytes of pointer per item plus every item it builds, all alive at once. What a generator expression saves depends on what the call keeps, measured under tracemalloc for 10^5 to 10^6 items on CPython 3.9, 3.11 and 3.13. `sum`, `min`, `max`, `any`, `all`, `math.fsum`, `math.prod`, `statistics.fmean` and `geometric_mean` keep none of the items, `heapq.nlargest`/`nsmallest` and `deque(..., maxlen=n)` keep n, and `dict` keeps the key and value of each pair but not the pair: a generator saves the list and every item built for it, 36 MB for 1,000,000 new ints under 2**30 on 3.9, 40 MB on 3.11 and 3.13, and 64 bytes per pair for `dict`. `statistics.mean`, `stdev`, `variance`, `pstdev` and `pvariance` do the same from Python 3.11; before, they made a list of an iterator, and a generator saves nothing. `sorted`, `tuple`, `deque`, `bytes`, `bytearray`, `statistics.median` and `quantiles` keep every item (or a byte of it): only the list's pointers are saved, 8 bytes per item (6.6 to 8.5 for `tuple`, which over-allocates as it grows from a generator). `set`, `frozenset`, `Counter`, `statistics.mode` and `multimode` keep each distinct item once: the pointers and the items that repeat, 10 to 23 bytes per item when all differ and the whole 40 when few do. Lazy consumers (`zip`, `map`, `enumerate`…) keep nothing themselves: the pointers are saved, and the items when what reads the iterator drops them. Where the items exist already (`[x for x in xs]`, comparisons, constants), only the pointers are saved, whatever the call. `list([x * 2 for x in xs])` peaks at 16.4 MB for 1,000,000 items against 8.4 MB for the comprehension alone: the copy's pointers. A set comprehension holds every distinct item and a hash table of 16-byte slots kept at most 3/5 full, 27 to 54 bytes per item: `any({-x * 3 for x in xs})` peaks at 68 to 70 MB for 1,000,000 items (the new ints and the table), the generator at 1 KB.",
    example: 'total = sum([x * x for x in values])\nfirst = min([line.upper() for line in lines], default="")',
    useInstead: 'total = sum(x * x for x in values)\nfirst = min((line.upper() for line in lines), default="")',
    fixSafety:
      'Safe when every expression in the comprehension is free of side effects (names, literals, arithmetic, comparisons, subscripts, attribute reads) and the call consumes its argument completely before returning. Unsafe for `any` and `all`, which stop early so a generator evaluates fewer items; for lazy consumers (`zip`, `map`, `enumerate`, `itertools`…), whose items are produced while other code runs; and whenever the comprehension calls functions, since a generator interleaves those calls with the consumer. `list([…])` loses its `list()` call, safely: the result is the same new list. A set comprehension becomes a generator expression, always unsafely: `any` and `all` stop early, the items are no longer hashed (an unhashable one no longer raises TypeError), and `min` or `max` of items that do not order totally (NaN among floats) may answer otherwise when they come in another order. Async comprehensions and comprehensions containing `await` are not flagged.',
  },
  anchors: [keywordAnchor('for', callGivenComprehension)],
  check(call, context) {
    const callee = call.childForFieldName('function');
    if (!callee) return undefined;
    const args = context.facts.callArguments(call);
    // What the callee is costs a name lookup: only calls given a comprehension (in parentheses or not) need to know.
    const given = args.map(unparenthesized);
    if (!given.some((arg) => arg.type === 'list_comprehension' || arg.type === 'set_comprehension')) return undefined;
    const qualifiedName = context.facts.qualifiedName(callee);
    if (qualifiedName === 'builtins.list') return copiedComprehension(call, given, context.facts, context.dataReads);
    // `sum([[…] for …], [])` joins lists: MEM205's, whose fix replaces the whole call.
    if (qualifiedName === 'builtins.sum' && joinedBySum(call, context.facts)) return undefined;
    const consumer = qualifiedName ? CONSUMING_CALLS.get(qualifiedName) : undefined;
    if (!consumer) return undefined;
    const positional = args.filter(
      (arg) => arg.type !== 'keyword_argument' && arg.type !== 'list_splat' && arg.type !== 'dictionary_splat',
    );
    if (positional.length !== args.filter((arg) => arg.type !== 'keyword_argument').length) return undefined;
    if (consumer.positionalCount !== undefined && positional.length !== consumer.positionalCount) return undefined;
    // It lists an iterator itself (`statistics.harmonic_mean`): a generator would save nothing.
    if (consumer.listsIterators === 'always') return undefined;
    const keeps = keptBy(consumer, args);
    const findings: Finding[] = [];
    for (const [index, written] of positional.entries()) {
      const argument = unparenthesized(written);
      if (!iteratesArgument(consumer, index) || isAsyncComprehension(argument)) continue;
      if (argument.type === 'set_comprehension') {
        const finding = setFedToReduction(call, argument, qualifiedName!, context.facts, context.dataReads);
        if (finding) findings.push(finding);
        continue;
      }
      if (argument.type !== 'list_comprehension') continue;
      findings.push({
        code: mem101.code,
        ...toldSaving(callee.text, consumer, keeps, argument, context.facts, context.dataReads),
        start: argument.startIndex,
        end: argument.endIndex,
        fix: generatorFix(call, argument, consumer, qualifiedName!, context.facts),
      });
    }
    return findings;
  },
};

/** What a generator saves over the list, from what the consumer keeps of the items. */
type Saving = 'items' | 'list' | 'list and repeats' | 'list, items maybe';

const SAVED: Readonly<Record<Keeps, Saving>> = {
  nothing: 'items',
  few: 'items',
  parts: 'items',
  items: 'list',
  distinct: 'list and repeats',
  later: 'list, items maybe',
};

/**
 * How each saving is told, and how loudly at data scale: a saving of pointers
 * only is a hint. The sizes come from the size model: the list's pointers,
 * and with the items it built when the model can size them.
 */
const TOLD: Readonly<Record<Saving, { readonly severity: Severity; saves(sizes: Amounts): string }>> = {
  items: {
    severity: 'warning',
    saves: ({ pointers, withItems }) =>
      withItems
        ? `Saves ${withItems}: the list and the items it built`
        : `Saves the list's ${pointers} and the items it built`,
  },
  list: { severity: 'hint', saves: ({ pointers }) => `Saves only the list's ${pointers}` },
  'list and repeats': {
    severity: 'information',
    saves: ({ pointers }) => `Saves the list's ${pointers} and repeated items`,
  },
  'list, items maybe': {
    severity: 'information',
    saves: ({ pointers }) => `Saves the list's ${pointers} and items its reader drops`,
  },
};

/** The list's pointers (8 B per item when the model has no count), and the list with the items it built when the model sizes them. */
interface Amounts {
  readonly pointers: string;
  readonly withItems: string | undefined;
  /** The larger of the two the model sizes: what the finding holds. */
  readonly held: Size | undefined;
}

const KEPT: Readonly<Record<Keeps, string>> = {
  nothing: 'keeps none',
  few: 'keeps only n',
  parts: 'keeps only their keys and values',
  items: 'keeps every item',
  distinct: 'keeps each distinct item',
  later: 'is lazy',
};

/**
 * The message and severity of a finding: what a generator saves, then why. Items that exist already (`[x for x in xs]`, `[x > 0 for x in xs]`)
 * cost nothing to build, so only the list's pointers are saved whatever the call keeps.
 */
function toldSaving(
  calleeName: string,
  consumer: ConsumingCall,
  keeps: Keeps,
  comprehension: Node,
  facts: DocumentFacts,
  reads: DataReadScales | undefined,
): Pick<Finding, 'message' | 'severity' | 'holds' | 'scale'> {
  const element = comprehensionElement(comprehension);
  const existing = element !== undefined && returnsExistingObject(element);
  const saving = existing ? 'list' : SAVED[keeps];
  const told = TOLD[saving];
  const amounts = savedAmounts(comprehension, saving === 'items', facts);
  const saves = told.saves(amounts);
  const measured = {
    severity: told.severity,
    ...(amounts.held ? { holds: amounts.held } : {}),
    scale: new DataScales(facts, reads).of(comprehension),
  };
  if (existing) return { message: `${saves}: its items (\`${shortText(element, 30)}\`) exist already`, ...measured };
  const listed = consumer.listsIterators;
  const since = listed && listed !== 'always' ? ` (Python ${listed.before}+)` : '';
  return { message: `${saves}${since}: \`${calleeName}()\` ${KEPT[keeps]}`, ...measured };
}

/** The list's pointers, and with the items it built when the size model sizes them. */
function savedAmounts(comprehension: Node, withBuiltItems: boolean, facts: DocumentFacts): Amounts {
  const pointers = listHolds(comprehension, facts, 'pointers');
  const withItems = withBuiltItems ? listHolds(comprehension, facts, 'items') : undefined;
  const more = withItems && pointers && isSmaller(pointers, withItems) ? withItems : undefined;
  return {
    pointers: pointers ? amountText(pointers) : '8 B per item',
    withItems: more && amountText(more),
    held: more ?? pointers,
  };
}

/** The call a list or set comprehension is an argument of, from one of its `for`s: `sum([x for x in xs])`. */
function callGivenComprehension(forKeyword: Node): Node | undefined {
  const clause = forKeyword.parent;
  const comprehension = clause?.type === 'for_in_clause' ? clause.parent : null;
  return comprehension?.type === 'list_comprehension' || comprehension?.type === 'set_comprehension'
    ? callAround(comprehension)
    : undefined;
}

function generatorFix(
  call: Node,
  comprehension: Node,
  consumer: ConsumingCall,
  qualifiedName: string,
  facts: DocumentFacts,
): Fix {
  const eagerAndComplete = consumer.consumes === 'eager' && !consumer.shortCircuits;
  const safety = eagerAndComplete && isSideEffectFreeComprehension(comprehension, facts) ? 'safe' : 'unsafe';
  const open = comprehension.startIndex;
  const close = comprehension.endIndex - 1;
  if (isSoleArgument(call, comprehension)) {
    const argumentList = call.childForFieldName('arguments')!;
    if (qualifiedName === 'builtins.set') {
      return {
        title: 'Use a set comprehension',
        safety,
        edits: [
          { start: call.startIndex, end: open + 1, text: '{' },
          { start: close, end: argumentList.endIndex, text: '}' },
        ],
      };
    }
    return { title: 'Use a generator expression', safety, edits: removeBrackets(open, close) };
  }
  return generatorExpressionFix(comprehension, safety);
}

function removeBrackets(open: number, close: number): TextEdit[] {
  return [
    { start: open, end: open + 1, text: '' },
    { start: close, end: close + 1, text: '' },
  ];
}

/** `f([...])` with nothing else between the parentheses, not even a trailing comma or a comment. */
function isSoleArgument(call: Node, comprehension: Node): boolean {
  const children = call.childForFieldName('arguments')?.children ?? [];
  return children.length === 3 && children[1]!.equals(comprehension);
}

/**
 * `list([e for …])`: `list()` copies the list the comprehension made, and the
 * comprehension alone is the same list. Only the copy's pointers go: a hint.
 */
function copiedComprehension(
  call: Node,
  args: readonly Node[],
  facts: DocumentFacts,
  reads: DataReadScales | undefined,
): Finding | undefined {
  const comprehension = args[0];
  if (args.length !== 1 || comprehension?.type !== 'list_comprehension' || isAsyncComprehension(comprehension))
    return undefined;
  const pointers = listHolds(comprehension, facts, 'pointers');
  const saves = pointers ? amountText(pointers) : '8 B per item';
  const argumentList = call.childForFieldName('arguments')!;
  // A comment or trailing comma beside the comprehension goes with the call (a lost comment makes the fix unsafe).
  const fix: Fix = {
    title: 'Remove the `list()` call',
    safety: 'safe',
    edits: [
      { start: call.startIndex, end: comprehension.startIndex, text: '' },
      { start: comprehension.endIndex, end: argumentList.endIndex, text: '' },
    ],
  };
  return {
    code: mem101.code,
    message: `Saves the copy's ${saves}: \`list()\` copies the new list the comprehension made`,
    severity: 'hint',
    ...(pointers ? { holds: pointers } : {}),
    scale: new DataScales(facts, reads).of(comprehension),
    start: comprehension.startIndex,
    end: comprehension.endIndex,
    fix,
  };
}

/** Calls whose answer does not change when repeated items are dropped: a set comprehension given to them builds a set for nothing. */
const DUPLICATES_IGNORED: ReadonlySet<string> = new Set(['any', 'all', 'min', 'max'].map((name) => `builtins.${name}`));

/**
 * `any({e for …})`, `max({e for …})`: the set holds every distinct item and
 * a hash table for them, where a generator holds one item. Not `sum`, whose
 * answer drops repeats only through the set. Items that are True or False
 * (comparisons, `not`) make a set of two at most: nothing to flag.
 */
function setFedToReduction(
  call: Node,
  comprehension: Node,
  qualifiedName: string,
  facts: DocumentFacts,
  reads: DataReadScales | undefined,
): Finding | undefined {
  const element = comprehensionElement(comprehension);
  if (!DUPLICATES_IGNORED.has(qualifiedName) || !element || isTruthValue(element)) return undefined;
  const existing = returnsExistingObject(element);
  // The size model sizes a set comprehension whose count shows: its table (`pointers`), and the items it built.
  const holds = listHolds(comprehension, facts, existing ? 'pointers' : 'items');
  const what = existing ? "the set's hash table" : 'the set and the distinct items it built';
  const calleeName = call.childForFieldName('function')!.text;
  return {
    code: mem101.code,
    message: `Saves ${holds ? `${amountText(holds)}: ` : ''}${what}; \`${calleeName}()\` ignores repeats, a generator does too`,
    severity: existing ? 'information' : 'warning',
    ...(holds ? { holds } : {}),
    scale: new DataScales(facts, reads).of(comprehension),
    start: comprehension.startIndex,
    end: comprehension.endIndex,
    fix: setToGenerator(call, comprehension),
  };
}

/** Elements that are True or False: a set of them has two items at most. */
function isTruthValue(element: Node): boolean {
  const value = unparenthesized(element);
  return ['comparison_operator', 'not_operator', 'true', 'false'].includes(value.type);
}

/**
 * `{e for …}` → `(e for …)`, or the bare generator as the sole argument.
 * Always unsafe: `any`/`all` stop early, the items are no longer hashed (an
 * unhashable one no longer raises), and `min`/`max` of items that do not order
 * totally may answer otherwise in another order.
 */
function setToGenerator(call: Node, comprehension: Node): Fix {
  const open = comprehension.startIndex;
  const close = comprehension.endIndex - 1;
  if (isSoleArgument(call, comprehension))
    return { title: 'Use a generator expression', safety: 'unsafe', edits: removeBrackets(open, close) };
  return {
    title: 'Use a generator expression',
    safety: 'unsafe',
    edits: [
      { start: open, end: open + 1, text: '(' },
      { start: close, end: close + 1, text: ')' },
    ],
  };
}
