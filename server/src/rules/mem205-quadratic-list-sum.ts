import type { Node } from 'web-tree-sitter';
import type { DocumentFacts } from '../semantics/facts';
import { expressionChildren, unparenthesized } from '../semantics/syntax';
import { DataScales } from '../scale/dataScale';
import { amountText } from '../scale/holdsText';
import { perCountSize } from '../sizes/size';
import { calleeAnchors } from './anchors';
import { importedNameAt } from './imported-names';
import type { Fix, Rule } from './types';

export const mem205: Rule = {
  code: 'MEM205',
  name: 'quadratic-list-sum',
  defaultSeverity: 'warning',
  fixAvailability: 'sometimes',
  summary: 'Lists or tuples joined by `sum()` or `reduce()`, which copies the whole result for every one added',
  docs: {
    whatItDoes:
      'Flags lists or tuples joined by adding them one by one: `sum(lists, [])` (also `start=[]`, `list()`, any list display), `sum(tuples, ())` (also `tuple()`), and `functools.reduce(f, lists, [])` or `reduce(f, tuples, ())` where `f` is `operator.add`, `operator.concat` or `lambda a, b: a + b`. `reduce` without a start value is flagged where the items are shown to be lists (a display or comprehension whose items are list displays or list comprehensions: `reduce(operator.add, numbers)` adds numbers), and always with `operator.concat`, which raises on anything but sequences: every step joins two (lists, tuples, str, bytes), whatever they are. With no figure for the cost then, as a str or bytes takes a byte or more per item, not a pointer. `sum`, `functools.reduce` and the `operator` functions are followed through imports; `operator.iadd`, which extends the first list in place, is not flagged.',
    whyBadForMemory:
      'Each `+` builds a new list holding everything so far, then drops the old one: joining k lists into n items copies about k·n/2 pointers in all, and at every step the old and the new list are alive at once, so the peak is twice the result, 8·n bytes more than building it once (CPython 3.11, 64-bit). Measured under tracemalloc with 10,000 lists of 10 items (CPython 3.9, 3.11 and 3.13): `sum(lists, [])` and `reduce(operator.add, lists)` peak at 1.60 MB for a 0.80 MB result and take 2.6 to 7.7 s under tracing, against 0.80 MB and 0.02 s for `list(itertools.chain.from_iterable(lists))` or a nested comprehension; `sum(tuples, ())` peaks at 1.60 MB against 0.93 MB for `tuple(itertools.chain.from_iterable(tuples))`.',
    example: 'import itertools\n\nrows = sum(batches, [])\n\ncells = sum([[c for c in line] for line in grid], [])',
    useInstead:
      'import itertools\n\nrows = list(itertools.chain.from_iterable(batches))\n\ncells = list(itertools.chain.from_iterable([[c for c in line] for line in grid]))',
    fixSafety:
      'The fix joins the items with `list(itertools.chain.from_iterable(…))` (`tuple(…)` for tuples) where the file imports `itertools` or `chain` from it, else with a nested comprehension (`[item for part in lists for item in part]`), which needs no import. It is always unsafe: `+` accepts only another list (a tuple among lists raises TypeError), and an item may define its own `+` (`[] + array` is numpy’s), where the fix iterates whatever it is given; `reduce` without a start value raises TypeError on no items where the fix returns an empty list. No fix for a start value that is not empty, for `reduce(operator.concat, parts)` whose parts are not shown to be lists (str would need `"".join`), nor when comments sit inside the call. (numpy 1.x adds arrays given to `operator.concat` item by item: such a `reduce` adds them, one array at a time; numpy 2 raises.)',
  },
  anchors: calleeAnchors(['sum', 'reduce']),
  check(call, context) {
    const facts = context.facts;
    const joined = joinedBySum(call, facts) ?? joinedByReduce(call, facts);
    if (!joined) return undefined;
    const kind = joined.kind;
    const fix =
      joined.emptyStart && kind !== 'sequence' && !hasComment(call)
        ? joinFix(call, kind, joined.parts, facts, context.source)
        : undefined;
    // A pointer per item of a list or tuple; a str or bytes takes a byte or more per item, so no figure.
    const holds = kind === 'sequence' ? undefined : perCountSize(0, 8, 'items in the result', true);
    const cost = holds ? `${amountText(holds)} more at the peak (2× the result)` : 'The result twice over at the peak';
    return {
      code: mem205.code,
      message: `${cost}, quadratic time: each ${kind} added copies all before it`,
      severity: mem205.defaultSeverity,
      ...(holds ? { holds } : {}),
      scale: new DataScales(facts, context.dataReads).of(joined.parts),
      start: call.startIndex,
      end: call.endIndex,
      ...(fix ? { fix } : {}),
    };
  },
};

interface Joined {
  /** What is joined: the iterable of lists or tuples. */
  readonly parts: Node;
  /** What is joined: lists, tuples, or sequences of a kind unknown (`reduce(operator.concat, parts)`). */
  readonly kind: 'list' | 'tuple' | 'sequence';
  /** Whether the start value is empty (`[]`, `()`, `list()`, or none for reduce): the fix drops it. */
  readonly emptyStart: boolean;
}

/** `sum(parts, [])`, `sum(parts, start=())`. */
export function joinedBySum(call: Node, facts: DocumentFacts): Joined | undefined {
  const args = facts.callArguments(call);
  if (args.length !== 2 || args[0]!.type === 'keyword_argument' || args[0]!.type === 'list_splat') return undefined;
  const start = args[1]!.type === 'keyword_argument' ? keywordValue(args[1]!, 'start') : args[1];
  const kind = start ? sequenceKind(start, facts) : undefined;
  if (!kind || facts.qualifiedName(call.childForFieldName('function')!) !== 'builtins.sum') return undefined;
  return { parts: args[0]!, kind: kind.kind, emptyStart: kind.empty };
}

/** `reduce(operator.add, parts, [])`, or `reduce(lambda a, b: a + b, parts)` over parts shown to be lists. */
function joinedByReduce(call: Node, facts: DocumentFacts): Joined | undefined {
  const args = facts.callArguments(call);
  if (args.length < 2 || args.length > 3 || !args.every(isPlainPositional)) return undefined;
  const [adder, parts, start] = args as [Node, Node, Node | undefined];
  const adds = additionOf(adder, facts);
  if (!adds || facts.qualifiedName(call.childForFieldName('function')!) !== 'functools.reduce') return undefined;
  if (start) {
    const kind = sequenceKind(start, facts);
    return kind ? { parts, kind: kind.kind, emptyStart: kind.empty } : undefined;
  }
  if (itemsAreLists(parts)) return { parts, kind: 'list', emptyStart: true };
  // `concat` raises on numbers: whatever the parts are, each step joins two sequences.
  return adds === 'concat' ? { parts, kind: 'sequence', emptyStart: true } : undefined;
}

/** A positional argument without unpacking: reduce takes no keywords before Python 3.14. */
function isPlainPositional(arg: Node): boolean {
  return !['keyword_argument', 'list_splat', 'dictionary_splat'].includes(arg.type);
}

function keywordValue(argument: Node, name: string): Node | undefined {
  return argument.childForFieldName('name')?.text === name
    ? (argument.childForFieldName('value') ?? undefined)
    : undefined;
}

/** A list or tuple start value: a display, or an empty `list()`/`tuple()` call. */
function sequenceKind(start: Node, facts: DocumentFacts): { kind: 'list' | 'tuple'; empty: boolean } | undefined {
  const value = unparenthesized(start);
  if (value.type === 'list') return { kind: 'list', empty: expressionChildren(value).length === 0 };
  if (value.type === 'tuple') return { kind: 'tuple', empty: expressionChildren(value).length === 0 };
  // `()` is an empty tuple, not a parenthesized expression.
  if (value.type === 'parenthesized_expression' && value.namedChildCount === 0) return { kind: 'tuple', empty: true };
  if (value.type !== 'call' || facts.callArguments(value).length > 0) return undefined;
  const name = facts.qualifiedName(value.childForFieldName('function')!);
  if (name === 'builtins.list') return { kind: 'list', empty: true };
  return name === 'builtins.tuple' ? { kind: 'tuple', empty: true } : undefined;
}

/** The operator module's additions: `add` adds whatever it is given, `concat` only sequences. */
const ADDITIONS: ReadonlyMap<string, Addition> = new Map([
  ['operator.add', 'add'],
  ['operator.concat', 'concat'],
  ['_operator.add', 'add'],
  ['_operator.concat', 'concat'],
]);

type Addition = 'add' | 'concat';

/** `operator.add` or `lambda a, b: a + b` (which add anything), `operator.concat` (which joins sequences only). */
function additionOf(adder: Node, facts: DocumentFacts): Addition | undefined {
  if (adder.type === 'identifier' || adder.type === 'attribute') return ADDITIONS.get(facts.qualifiedName(adder) ?? '');
  return isAddingLambda(adder) ? 'add' : undefined;
}

/** `lambda a, b: a + b`. */
function isAddingLambda(adder: Node): boolean {
  if (adder.type !== 'lambda') return false;
  const parameters = adder.childForFieldName('parameters');
  const names = parameters ? expressionChildren(parameters) : [];
  const body = adder.childForFieldName('body');
  const sum = body ? unparenthesized(body) : undefined;
  if (names.length !== 2 || !names.every((name) => name.type === 'identifier') || sum?.type !== 'binary_operator')
    return false;
  const left = sum.childForFieldName('left');
  const right = sum.childForFieldName('right');
  return (
    sum.childForFieldName('operator')?.type === '+' &&
    left?.type === 'identifier' &&
    left.text === names[0]!.text &&
    right?.type === 'identifier' &&
    right.text === names[1]!.text
  );
}

/** A display or comprehension whose every item is a list display or a list comprehension. */
function itemsAreLists(parts: Node): boolean {
  const value = unparenthesized(parts);
  const isList = (item: Node | null | undefined) =>
    item !== null && item !== undefined && ['list', 'list_comprehension'].includes(unparenthesized(item).type);
  if (value.type === 'list' || value.type === 'tuple') {
    const items = expressionChildren(value);
    return items.length > 0 && items.every(isList);
  }
  if (value.type === 'list_comprehension' || value.type === 'generator_expression')
    return isList(value.childForFieldName('body'));
  return false;
}

function hasComment(node: Node): boolean {
  return node.descendantsOfType('comment').length > 0;
}

/** Expressions that need parentheses as a comprehension's iterable. */
const LOOSE_EXPRESSIONS: ReadonlySet<string> = new Set(['conditional_expression', 'lambda', 'named_expression']);

/**
 * The call replaced by one pass over the parts: `itertools.chain.from_iterable`
 * where the file imports it, else a nested comprehension.
 */
function joinFix(call: Node, kind: 'list' | 'tuple', joined: Node, facts: DocumentFacts, source: string): Fix {
  const written = source.slice(joined.startIndex, joined.endIndex);
  // After `in`, a comprehension reads `a if c else b` as `a` and a condition.
  const parts = LOOSE_EXPRESSIONS.has(joined.type) ? `(${written})` : written;
  const itertools = importedNameAt('itertools', call, facts);
  const chain = itertools ? `${itertools}.chain` : importedNameAt('itertools.chain', call, facts);
  const [open, close] = kind === 'list' ? ['[', ']'] : ['tuple(', ')'];
  const text = chain
    ? `${kind}(${chain}.from_iterable(${parts}))`
    : `${open}item for part in ${parts} for item in part${close}`;
  return {
    title: chain ? 'Join with itertools.chain.from_iterable()' : 'Join with a nested comprehension',
    safety: 'unsafe',
    edits: [{ start: call.startIndex, end: call.endIndex, text }],
  };
}
