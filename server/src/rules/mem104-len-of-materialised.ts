import type { Node } from 'web-tree-sitter';
import { targetNames } from '../semantics/bindings';
import { mayEndIn } from '../semantics/calleeNames';
import { lastPart } from '../text/dottedNames';
import type { DocumentFacts } from '../semantics/facts';
import { descendants, isAsyncComprehension, LITERAL_TYPES } from '../semantics/syntax';
import { calleeAnchors } from './anchors';
import { ITERATOR_CALLS } from './iterator-calls';
import { lineBreakIn, tokenDeletion } from './token-layout';
import type { Fix, Rule } from './types';
import { DataScales } from '../scale/dataScale';
import { listHolds } from '../scale/holds';
import { costLead } from '../scale/holdsText';
import { perCountSize } from '../sizes/size';

export const mem104: Rule = {
  code: 'MEM104',
  name: 'len-of-materialised',
  defaultSeverity: 'warning',
  fixAvailability: 'sometimes',
  summary: 'A list built only to be counted with `len()`',
  docs: {
    whatItDoes:
      "Flags `len([…])` of a list comprehension, and `len(list(…))` of a generator expression or of a call that returns an iterator (`map`, `filter`, `zip`, `enumerate`, `reversed`, `iter`, the `itertools` iterators, `re.finditer`): the list exists only to be counted. `len`, `list` and `sum` must be the builtins (a local `len = …` is left alone). Async comprehensions and comprehensions containing `await` are not flagged; `len(list(range(n)))` is MEM103's.",
    whyBadForMemory:
      'The list holds a pointer to every item, 56 + 8·n bytes (CPython 3.11, 64-bit; a comprehension over-allocates as it grows, up to about an eighth more), and keeps every item alive until `len` returns: items computed by the comprehension (an int above 256 is 28 bytes, a short str about 50) all exist at once. Where the items live on anyway (`rows` in the example, or the list `text.split()` makes), only the pointers are saved: 8 bytes per item, about 0.8 MB for 100,000 items. Counting with `sum(1 for …)` holds one item at a time and a 200-byte generator. The trade: a generator is slower than building a list, typically 1.5 to 2 times for the counting itself, so prefer it where the list is large.',
    example: 'n_valid = len([r for r in rows if r.ok])\nn_words = len(list(filter(None, text.split())))',
    useInstead: 'n_valid = sum(1 for r in rows if r.ok)\nn_words = sum(1 for _ in filter(None, text.split()))',
    fixSafety:
      '`len([e for …])` becomes `sum(1 for …)`, which no longer evaluates the element `e`. Safe when `e` cannot do anything: a literal, a name bound by the comprehension, or a tuple or list of those. Unsafe otherwise, since calls, attribute reads, subscripts and arithmetic in `e` could have side effects or raise (`len([f(x) for x in xs])` → `sum(1 for x in xs)` no longer calls `f`). `len(list(it))` becomes `sum(1 for _ in it)`, which evaluates everything in the same order and is always safe. No fix when comments sit inside the calls or `sum` is shadowed.',
  },
  anchors: calleeAnchors(['len']),
  check(call, context) {
    const facts = context.facts;
    const argument = soleArgumentOf(call, 'builtins.len', facts, COUNTED_SHAPES);
    if (!argument) return undefined;
    let fix: Fix | undefined;
    if (argument.type === 'list_comprehension') {
      if (isAsyncComprehension(argument)) return undefined;
      fix = comprehensionFix(call, argument, context.source);
    } else {
      const counted = countedIterator(argument, facts);
      if (!counted) return undefined;
      fix = iteratorFix(call, argument, counted, context.source);
    }
    const sumIsBuiltin = facts.lookup('sum', call) === undefined;
    // The items may live on elsewhere: what counting lazily surely saves is the list's pointers.
    const holds = listHolds(argument, facts, 'pointers') ?? perCountSize(56, 8, 'the items counted', true);
    return {
      code: mem104.code,
      message: `${costLead(holds, 'pointers')}, more if the items live nowhere else: \`sum(1 for …)\` counts without a list`,
      severity: mem104.defaultSeverity,
      ...(holds ? { holds } : {}),
      scale: new DataScales(facts, context.dataReads).of(argument),
      start: call.startIndex,
      end: call.endIndex,
      ...(fix && sumIsBuiltin ? { fix } : {}),
    };
  },
};

/** What `len()` can be counting here: a list comprehension, or `list(…)`. */
const COUNTED_SHAPES: ReadonlySet<string> = new Set(['list_comprehension', 'call']);

/** The only argument of a call to `callee` (no keywords, no unpacking), of one of `shapes` if given, else undefined. */
function soleArgumentOf(
  call: Node,
  callee: string,
  facts: DocumentFacts,
  shapes?: ReadonlySet<string>,
): Node | undefined {
  const function_ = call.childForFieldName('function');
  if (!function_) return undefined;
  const args = call.childForFieldName('arguments');
  const only = args?.type === 'generator_expression' ? args : soleArgument(call, facts);
  // The shape first, then the callee's own name: resolving it costs a lookup.
  if (!only || (shapes && !shapes.has(only.type)) || !mayEndIn(function_, [lastPart(callee)], facts)) return undefined;
  return facts.qualifiedName(function_) === callee ? only : undefined;
}

function soleArgument(call: Node, facts: DocumentFacts): Node | undefined {
  const only = facts.callArguments(call);
  if (only.length !== 1 || ['keyword_argument', 'list_splat', 'dictionary_splat'].includes(only[0]!.type))
    return undefined;
  return only[0];
}

/** In `len(list(x))`, the iterator x when it is a generator expression or an iterator-returning call. */
function countedIterator(listCall: Node, facts: DocumentFacts): Node | undefined {
  if (listCall.type !== 'call') return undefined;
  const iterator = soleArgumentOf(listCall, 'builtins.list', facts);
  if (!iterator) return undefined;
  if (iterator.type === 'generator_expression') return isAsyncComprehension(iterator) ? undefined : iterator;
  if (iterator.type !== 'call') return undefined;
  const callee = iterator.childForFieldName('function');
  const name = callee ? facts.qualifiedName(callee) : undefined;
  return name !== undefined && ITERATOR_CALLS.has(name) ? iterator : undefined;
}

/**
 * `len([e for …])` → `sum(1 for …)`: four edits so comments between the
 * clauses survive; a bracket alone on its line goes with its line.
 */
function comprehensionFix(len: Node, comprehension: Node, source: string): Fix | undefined {
  const callee = len.childForFieldName('function')!;
  const element = comprehension.childForFieldName('body');
  const open = comprehension.child(0);
  const close = comprehension.child(comprehension.childCount - 1);
  if (!element || open?.type !== '[' || close?.type !== ']' || containsComment(element)) return undefined;
  // `sum(1 for x in xs,)` is a syntax error: a generator must then have its own parentheses.
  if (len.childForFieldName('arguments')?.children.some((child) => child?.type === ',')) return undefined;
  return {
    title: 'Count with sum(1 for …)',
    safety: cannotDoAnything(element, comprehensionTargets(comprehension)) ? 'safe' : 'unsafe',
    edits: [
      { start: callee.startIndex, end: callee.endIndex, text: 'sum' },
      tokenDeletion(source, open.startIndex),
      { start: element.startIndex, end: element.endIndex, text: '1' },
      tokenDeletion(source, close.startIndex),
    ],
  };
}

/**
 * `len(list(it))` → `sum(1 for _ in it)`: `_` is local to the generator, so no
 * outer `_` changes. Over several lines, the line break after `len(` (else
 * after `list(`) and the one before the last `)` (else before `list`'s) stay.
 */
function iteratorFix(len: Node, listCall: Node, iterator: Node, source: string): Fix | undefined {
  if (containsComment(len, iterator)) return undefined;
  const lenArguments = len.childForFieldName('arguments')!;
  const listArguments = listCall.childForFieldName('arguments')!;
  const between = (start: number, end: number) => (start < end ? source.slice(start, end) : '');
  const opening =
    lineBreakIn(between(lenArguments.startIndex + 1, listCall.startIndex)) ??
    lineBreakIn(between(listArguments.startIndex + 1, iterator.startIndex)) ??
    '';
  const closing =
    lineBreakIn(between(listCall.endIndex, lenArguments.endIndex - 1)) ??
    lineBreakIn(between(iterator.endIndex, listArguments.endIndex - 1)) ??
    '';
  return {
    title: 'Count with sum(1 for _ in …)',
    safety: 'safe',
    edits: [
      { start: len.startIndex, end: iterator.startIndex, text: `sum(${opening}1 for _ in ` },
      { start: iterator.endIndex, end: len.endIndex, text: `${closing})` },
    ],
  };
}

/** Names the comprehension's `for` clauses bind: always bound when the element runs. */
function comprehensionTargets(comprehension: Node): Set<string> {
  const names = new Set<string>();
  for (const clause of comprehension.namedChildren) {
    if (clause?.type !== 'for_in_clause') continue;
    for (const target of targetNames(clause.childForFieldName('left'))) names.add(target.text);
  }
  return names;
}

/** Node types whose evaluation can neither fail nor have an effect, given bound names. */
const INERT_TYPES: ReadonlySet<string> = new Set([
  ...LITERAL_TYPES,
  'tuple',
  'list',
  'parenthesized_expression',
  'comment',
]);

/** Whether dropping the element changes nothing: literals, names the comprehension binds, tuples/lists of them. */
function cannotDoAnything(element: Node, boundNames: ReadonlySet<string>): boolean {
  for (const part of descendants(element)) {
    if (part.type === 'identifier' ? !boundNames.has(part.text) : !INERT_TYPES.has(part.type)) return false;
  }
  return true;
}

/** Whether a comment (outside `except`) sits in the node: edits that delete text would lose it. */
function containsComment(node: Node, except?: Node): boolean {
  const excepted = (part: Node) => except !== undefined && part.id === except.id;
  for (const part of descendants(node, (part) => !excepted(part)))
    if (part.type === 'comment' && !excepted(part)) return true;
  return false;
}
