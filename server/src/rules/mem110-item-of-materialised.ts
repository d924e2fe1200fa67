import type { Node } from 'web-tree-sitter';
import { isAssignmentTarget } from '../semantics/assignmentTargets';
import { comprehensionElement, returnsExistingObject } from '../semantics/existingObjects';
import type { DocumentFacts } from '../semantics/facts';
import {
  callArguments,
  expressionChildren,
  isAsyncComprehension,
  leadingSplat,
  parenthesesAround,
  unparenthesized,
} from '../semantics/syntax';
import { DataScales } from '../scale/dataScale';
import { listHolds } from '../scale/holds';
import { keepsMaskedRows } from '../scale/maskSelections';
import { costLead } from '../scale/holdsText';
import { perCountSize, type Size } from '../sizes/size';
import { calleeAnchors, keywordAnchor } from './anchors';
import { importedNameAt } from './imported-names';
import { ITERATOR_CALLS } from './iterator-calls';
import { isNestedCopy } from './mem105-nested-copy';
import type { Fix, Rule, TextEdit } from './types';

export const mem110: Rule = {
  code: 'MEM110',
  name: 'item-of-materialised',
  defaultSeverity: 'warning',
  fixAvailability: 'sometimes',
  summary: 'A whole list built or sorted to read one item, or the first few',
  docs: {
    whatItDoes:
      'Flags a list made whole only to read one item of it: `list(x)[0]`, `tuple(x)[0]`, `[*x][0]` (a display of one starred item is `list(x)`) and `[e for …][0]` (the first item: `next(iter(x))`, `next(e for …)`), `list(x)[-1]` and `[e for …][-1]` (the last: `collections.deque(x, maxlen=1)` keeps one item), `sorted(x)[0]` and `sorted(x)[-1]` (the least and the greatest: `min(x)`, `max(x)`, `key=` kept, `reverse=True` swapping them), and `sorted(x)[:k]` with a positive integer `k` written as a literal (the first k: `heapq.nsmallest(k, x)`, or `heapq.nlargest` with `reverse=True`). The list may sit in parentheses, and `pop()` reads it as a subscript does, the list being thrown away after: `list(x).pop(0)` and `[e for …].pop(0)` the first item, `.pop()` and `.pop(-1)` the last, `sorted(x).pop(0)` the least (not `tuple(x).pop`: a tuple has none). `list`, `tuple` and `sorted` must be the builtins, given one positional argument (`sorted` also `key=` and a `reverse=` that is `True` or `False`); async comprehensions, `list(range(…))` (MEM103’s) and subscripts that are assigned or deleted are not flagged. A list of the rows a mask keeps (`list(stores.loc[stores["store_nbr"] == 5, "type"])[0]`, most often a row looked up by its key) is of unknown scale, reported as information at most: how many rows match the code does not show, one or all of the frame’s.',
    whyBadForMemory:
      'The list holds a pointer to every item, 56 + 8·n bytes on CPython 3.11 (64-bit), and every item it makes stays alive with it until the one item is read: a comprehension’s new ints (28 bytes each), strings or rows all exist at once. `next()`, `min()` and `max()` hold one item at a time, `heapq.nsmallest(k, …)` k of them. Measured under tracemalloc with 1,000,000 items on CPython 3.9, 3.11 and 3.13: `list(s)[0]` of a set peaks at 8.0 MB, `next(iter(s))` at 0; `sorted(s)[0]` at 8.0 MB, `min(s)` at 0; `[x * 2 for x in xs][0]` at 36 to 40 MB (the list and its million new ints), `next(x * 2 for x in xs)` at 1 KB. While it sorts, `sorted` holds more than its list: with `key=`, an array of the keys (another pointer per item), and for data not already in order the merge’s temporary array, up to half a pointer per item and per array: `sorted(xs)[0]` of 100,000 shuffled ints peaks at 12 bytes per item, `sorted(events, key=…)[-1]` at 24, `min` and `max` at a few hundred bytes in all, `heapq.nsmallest(10, xs)` at under 60 KB. Sorting also takes n·log n comparisons where `min` and `max` take n.',
    example:
      'first = list(seen)[0]\ndoubled = [x * 2 for x in values][0]\nsmallest = sorted(values)[0]\nlatest = sorted(events, key=lambda e: e.time)[-1]',
    useInstead:
      'first = next(iter(seen))\ndoubled = next(x * 2 for x in values)\nsmallest = min(values)\nlatest = max(events, key=lambda e: e.time)',
    fixSafety:
      'Every fix is unsafe: each reads less than the code did, and fails otherwise. `next(…)` stops after the first item, so a generator or `map` no longer runs to the end (nor do its side effects), an iterator `x` keeps its other items for whoever reads it next, and an empty `x` raises StopIteration, not IndexError (inside a generator, a StopIteration ends the generator silently, or raises RuntimeError). `min` and `max` raise ValueError where the subscript raised IndexError, and answer differently from a sort where the items do not order totally (NaN among floats, sets compared by inclusion); `sorted(x)[-1]` is the last of the items tied for greatest, `max(x)` the first, which differ with `key=` or between equal values that are not the same (`0.0` and `-0.0`, `1` and `1.0`). `heapq.nsmallest(k, x)` returns what `sorted(x)[:k]` does, ties included (the `heapq` documentation says so), but compares items otherwise. `pop(0)` and `pop()` of a list made on the spot raise IndexError where the subscript does, and are fixed as it is. No fix for `[-1]` of a list or comprehension (`collections.deque(…, maxlen=1)` is the advice), nor for `[:k]` where `heapq` is not imported, nor when comments sit inside the brackets or the read.',
  },
  anchors: [
    ...calleeAnchors(['list', 'tuple', 'sorted'], readOfValue),
    keywordAnchor('for', (forKeyword) => {
      const clause = forKeyword.parent;
      const comprehension = clause?.type === 'for_in_clause' ? clause.parent : null;
      return comprehension?.type === 'list_comprehension' ? readOfValue(comprehension) : undefined;
    }),
    // `[*x][0]`: a display of one starred item is `list(x)`.
    keywordAnchor(
      '*',
      (star) => {
        const display = starredCopyOf(star);
        return display && readOfValue(display);
      },
      {
        key: 'after `[`',
        mayBeWanted: followsOpeningBracket,
      },
    ),
  ],
  check(node, context) {
    const facts = context.facts;
    const reading = node.type === 'subscript' ? subscriptReading(node) : popReading(node);
    if (!reading) return undefined;
    const { value, read } = reading;
    // `list(sorted(x))[0]`: MEM105's first; after its fix this rule reads `sorted(x)[0]`, and the two fixes agree.
    if (value.type === 'call' && isNestedCopy(value, facts)) return undefined;
    const found =
      value.type === 'list_comprehension'
        ? fromComprehension(value, read)
        : value.type === 'list'
          ? fromStarred(value, read, facts)
          : fromCall(value, read, facts, reading.pops);
    if (!found) return undefined;
    const listed =
      (value.type === 'list' ? undefined : listHolds(value, facts, 'pointers')) ??
      perCountSize(56, 8, found.count ?? countText(value, found.iterable), true);
    // A sort by key keeps an array of the keys beside the list, a pointer per item.
    const holds = found.keyed ? scaledSize(listed, 2) : listed;
    const fix = found.fix?.(node, value, context.source);
    // A comprehension's new items (`x * 2`) all exist at once too: more than the pointers.
    const element = value.type === 'list_comprehension' ? comprehensionElement(value) : undefined;
    const more = element && !returnsExistingObject(element) ? ', and its new items,' : '';
    return {
      code: mem110.code,
      message: `${costLead(holds, 'pointers')}${more} ${found.what}: ${found.advice}`,
      severity: mem110.defaultSeverity,
      holds,
      // One item of the rows a mask keeps is most often a row looked up by its key: how many match the code does not show.
      scale: keepsMaskedRows(found.iterable, facts)
        ? 'unknown'
        : new DataScales(facts, context.dataReads).of(found.iterable),
      start: node.startIndex,
      end: node.endIndex,
      ...(fix ? { fix } : {}),
    };
  },
};

/** What a subscript or a `pop()` reads of a list made on the spot. */
interface Reading {
  /** The list, out of any parentheses. */
  readonly value: Node;
  readonly read: Read;
  /** Read by `pop()`, which only a list has. */
  readonly pops: boolean;
}

/** `list(x)[0]`, `[e for …][-1]`, `sorted(x)[:3]`; not a subscript that is assigned or deleted. */
function subscriptReading(subscript: Node): Reading | undefined {
  if (isAssignmentTarget(subscript)) return undefined;
  const read = readOf(subscript);
  return read && { value: unparenthesized(subscript.childForFieldName('value')!), read, pops: false };
}

/** `list(x).pop(0)` reads the first item, `.pop()` and `.pop(-1)` the last: the list is thrown away after. */
function popReading(call: Node): Reading | undefined {
  const callee = call.childForFieldName('function');
  const receiver = callee?.type === 'attribute' ? callee.childForFieldName('object') : null;
  if (!receiver || callee!.childForFieldName('attribute')?.text !== 'pop') return undefined;
  const args = callArguments(call);
  const index = args.length === 1 ? indexRead(args[0]!) : args.length === 0 ? LAST : undefined;
  return index && { value: unparenthesized(receiver), read: index, pops: true };
}

/** `[*x]`: a list display whose one item is starred. */
function isStarredCopy(node: Node | null | undefined): node is Node {
  if (node?.type !== 'list') return false;
  const items = expressionChildren(node);
  return items.length === 1 && leadingSplat(items[0]!) !== undefined;
}

/** The display `[*x]` around the `*` of its one item (tree-sitter puts `*x.y`'s `*` down its left end). */
function starredCopyOf(star: Node): Node | undefined {
  let item = star.parent;
  if (item?.type !== 'list_splat') return undefined;
  while (item.parent && item.parent.type !== 'list' && leadingSplat(item.parent) !== undefined) item = item.parent;
  return isStarredCopy(item.parent) ? item.parent : undefined;
}

/** Whether the `*` at `offset` comes first in brackets (`[*x]`, `[\n *x`): the only place a starred copy starts. */
function followsOpeningBracket(text: string, offset: number): boolean {
  let at = offset - 1;
  while (at >= 0 && /\s/.test(text.charAt(at))) at--;
  return text.charAt(at) === '[';
}

function scaledSize(size: Size, factor: number): Size {
  return {
    bytes: size.bytes * factor,
    ...(size.perCount ? { perCount: { ...size.perCount, bytes: size.perCount.bytes * factor } } : {}),
    approximate: true,
  };
}

/** How many items the list has, for a size the model cannot give: `len(rows)` for a copy of rows (`list(rows)`, `[*rows]`), else the items listed. */
function countText(list: Node, iterable: Node): string {
  const plain = unparenthesized(iterable);
  const copies =
    (list.type === 'call' || list.type === 'list') && ['identifier', 'attribute', 'subscript'].includes(plain.type);
  return copies ? `len(${plain.text})` : 'the items listed';
}

/**
 * What reads one item of this node, in parentheses or not: the subscript
 * whose value it is (`list(x)[0]`), or the call of its `pop` method
 * (`list(x).pop(0)`).
 */
function readOfValue(node: Node): Node | undefined {
  const written = parenthesesAround(node);
  const parent = written.parent;
  if (parent?.type === 'subscript') return parent.childForFieldName('value')?.id === written.id ? parent : undefined;
  if (parent?.type !== 'attribute' || parent.childForFieldName('attribute')?.text !== 'pop') return undefined;
  const call = parent.parent;
  return call?.type === 'call' && call.childForFieldName('function')?.id === parent.id ? call : undefined;
}

/** What the subscript reads: the first item, the last, or the first k. */
type Read = { readonly kind: 'first' } | { readonly kind: 'last' } | { readonly kind: 'head'; readonly count: string };

const FIRST: Read = { kind: 'first' };
const LAST: Read = { kind: 'last' };

/** `0` reads the first item, `-1` the last. */
function indexRead(key: Node): Read | undefined {
  if (key.type === 'integer' && key.text === '0') return FIRST;
  return key.type === 'unary_operator' && key.text.replace(/\s+/g, '') === '-1' ? LAST : undefined;
}

function readOf(subscript: Node): Read | undefined {
  const keys = subscript.childrenForFieldName('subscript');
  const key = keys.length === 1 ? keys[0]! : undefined;
  if (!key) return undefined;
  if (key.type !== 'slice') return indexRead(key);
  // `[:k]`: the slice's only named part is its stop, a positive integer literal.
  const parts = expressionChildren(key);
  const colons = key.children.filter((child) => child?.type === ':').length;
  const stop = parts[0];
  const startsAtZero = key.child(0)?.type === ':';
  if (parts.length !== 1 || colons !== 1 || !startsAtZero || stop?.type !== 'integer') return undefined;
  return /^[1-9][0-9_]*$/.test(stop.text) ? { kind: 'head', count: stop.text } : undefined;
}

/** A flagged shape: what it says, what the finding's scale is told from, and its fix where there is one. */
interface Found {
  readonly what: string;
  readonly advice: string;
  readonly iterable: Node;
  /** How many items the list has, where the iterable's node does not show it (`[*x.y]`: see fromStarred). */
  readonly count?: string;
  /** A sort given `key=`. */
  readonly keyed?: boolean;
  readonly fix?: (subscript: Node, value: Node, source: string) => Fix | undefined;
}

function fromComprehension(comprehension: Node, read: Read): Found | undefined {
  if (read.kind === 'head' || isAsyncComprehension(comprehension)) return undefined;
  const iterable =
    comprehension.namedChildren.find((child) => child?.type === 'for_in_clause')?.childForFieldName('right') ??
    comprehension;
  if (read.kind === 'last')
    return { what: 'to read the last item', advice: '`collections.deque((…), maxlen=1)` keeps one', iterable };
  return {
    what: 'to read the first item',
    advice: '`next(… for …)` stops there',
    iterable,
    fix: (node, value) => bracketsReplaced(node, value),
  };
}

function fromCall(call: Node, read: Read, facts: DocumentFacts, pops: boolean): Found | undefined {
  const callee = call.childForFieldName('function');
  const name = callee ? facts.qualifiedName(callee) : undefined;
  // A tuple has no `pop`.
  if (name === 'builtins.list' || (name === 'builtins.tuple' && !pops)) {
    const iterable = soleArgument(call, facts);
    return read.kind === 'head' || !iterable || isRange(iterable, facts) ? undefined : fromCopy(iterable, read, facts);
  }
  return name === 'builtins.sorted' ? fromSort(call, read, facts) : undefined;
}

/**
 * `[*x][0]`, `[*x][-1]`: the display is `list(x)`. For `[*x.y]` the tree has
 * no node of `x.y` (see leadingSplat): the item stands for it, and its text
 * after the `*` is what the fix iterates.
 */
function fromStarred(display: Node, read: Read, facts: DocumentFacts): Found | undefined {
  const item = expressionChildren(display)[0]!;
  const splat = leadingSplat(item)!;
  const starred = expressionChildren(splat)[0];
  if (read.kind === 'head' || !starred) return undefined;
  if (splat.id === item.id) return fromCopy(starred, read, facts);
  const found = fromCopy(item, read, facts, (source) => source.slice(starred.startIndex, item.endIndex));
  const text = item.text.slice(starred.startIndex - item.startIndex);
  // `[*x.y]` copies `len(x.y)` items; `[*f(a)]` as many as the call yields.
  return found && { ...found, count: item.type === 'call' ? 'the items listed' : `len(${text})` };
}

/**
 * `list(x)[0]`, `tuple(x)[0]`, `[*x][0]`, `list(x)[-1]`: a copy of `iterable`,
 * whose text the fix takes from the source unless `textOf` says otherwise.
 */
function fromCopy(
  iterable: Node,
  read: Read,
  facts: DocumentFacts,
  textOf = (source: string) => source.slice(iterable.startIndex, iterable.endIndex),
): Found | undefined {
  if (read.kind === 'last')
    return { what: 'to read the last item', advice: '`collections.deque(…, maxlen=1)` keeps one', iterable };
  const plain = unparenthesized(iterable);
  // A generator or `map(…)` is an iterator already: `next()` takes it as it is.
  const isIterator =
    plain.type === 'generator_expression' ||
    (plain.type === 'call' && ITERATOR_CALLS.has(facts.qualifiedName(plain.childForFieldName('function')!) ?? ''));
  return {
    what: 'to read the first item',
    advice: isIterator ? '`next(…)` stops there' : '`next(iter(…))` stops there',
    iterable,
    fix: (node, _value, source) => {
      const text = textOf(source);
      // A bare generator (`list(x for x in xs)`) is the call's argument list, its parentheses `next`'s own.
      const inner = iterable.parent?.type === 'call' ? text.slice(1, -1) : text;
      return replacement(
        node,
        isIterator ? `next(${inner})` : `next(iter(${inner}))`,
        'Read the first item with next()',
      );
    },
  };
}

/** `sorted(x)[0]`, `sorted(x)[-1]`, `sorted(x)[:k]`, with `key=` and a literal `reverse=`. */
function fromSort(call: Node, read: Read, facts: DocumentFacts): Found | undefined {
  const args = facts.callArguments(call);
  const generator = call.childForFieldName('arguments')?.type === 'generator_expression';
  const iterable = generator ? call.childForFieldName('arguments')! : args[0];
  if (!iterable || iterable.type === 'keyword_argument' || iterable.type === 'list_splat') return undefined;
  let reverse = false;
  let key: Node | undefined;
  for (const arg of generator ? [] : args.slice(1)) {
    const keyword = arg.type === 'keyword_argument' ? arg.childForFieldName('name')?.text : undefined;
    const value = arg.childForFieldName('value');
    if (keyword === 'key' && value) key = value;
    else if (keyword === 'reverse' && (value?.type === 'true' || value?.type === 'false'))
      reverse = value.type === 'true';
    else return undefined;
  }
  const keyText = key ? `, key=${key.text}` : '';
  if (read.kind === 'head') {
    const function_ = reverse ? 'nlargest' : 'nsmallest';
    return {
      keyed: key !== undefined,
      what: `sorted to read the first ${read.count}`,
      advice: `\`heapq.${function_}(${read.count}, …)\` keeps ${read.count}`,
      iterable,
      fix: (subscript, _value, source) => {
        const heapq = importedNameAt('heapq', subscript, facts);
        if (!heapq) return undefined;
        const text = iterableText(iterable, generator, false, source);
        return replacement(
          subscript,
          `${heapq}.${function_}(${read.count}, ${text}${keyText})`,
          `Use heapq.${function_}()`,
        );
      },
    };
  }
  const least = (read.kind === 'first') !== reverse;
  const function_ = least ? 'min' : 'max';
  return {
    keyed: key !== undefined,
    what: `sorted to read the ${least ? 'least' : 'greatest'} item`,
    advice: `\`${function_}(…)\` holds none`,
    iterable,
    fix: (subscript, _value, source) => {
      // A local `min = …` would take the call.
      if (facts.qualifiedNameOfName(function_, subscript) !== `builtins.${function_}`) return undefined;
      const text = iterableText(iterable, generator, key === undefined, source);
      return replacement(subscript, `${function_}(${text}${keyText})`, `Use ${function_}()`);
    },
  };
}

/** The iterable's text as an argument: a bare generator keeps its parentheses unless it is the call's only argument. */
function iterableText(iterable: Node, generator: boolean, alone: boolean, source: string): string {
  const text = source.slice(iterable.startIndex, iterable.endIndex);
  return generator && alone ? text.slice(1, -1) : text;
}

function soleArgument(call: Node, facts: DocumentFacts): Node | undefined {
  const args = call.childForFieldName('arguments');
  if (args?.type === 'generator_expression') return args;
  const passed = facts.callArguments(call);
  const only = passed[0];
  return passed.length === 1 && only && !['keyword_argument', 'list_splat', 'dictionary_splat'].includes(only.type)
    ? only
    : undefined;
}

function isRange(iterable: Node, facts: DocumentFacts): boolean {
  const plain = unparenthesized(iterable);
  const callee = plain.type === 'call' ? plain.childForFieldName('function') : null;
  return callee !== null && facts.qualifiedName(callee) === 'builtins.range';
}

/** Whether a comment sits inside the node: a fix that rewrites its text would lose it. */
function hasComment(node: Node): boolean {
  return node.descendantsOfType('comment').length > 0;
}

/** The whole subscript replaced by `text`; none when a comment sits inside it. */
function replacement(subscript: Node, text: string, title: string): Fix | undefined {
  if (hasComment(subscript)) return undefined;
  return { title, safety: 'unsafe', edits: [{ start: subscript.startIndex, end: subscript.endIndex, text }] };
}

/**
 * `[e for …][0]` → `next(e for …)`: the brackets replaced, the read deleted
 * (`[0]`, `.pop(0)`), parentheses around the comprehension and comments
 * inside it kept.
 */
function bracketsReplaced(node: Node, comprehension: Node): Fix | undefined {
  const written = parenthesesAround(comprehension);
  // Comments in the read (`[0  # first]`) would go with it.
  if (hasCommentAfter(node, written.endIndex)) return undefined;
  const open: TextEdit = { start: comprehension.startIndex, end: comprehension.startIndex + 1, text: 'next(' };
  // The closing bracket and the read go together, unless parentheses stand between them.
  const edits: TextEdit[] =
    written.id === comprehension.id
      ? [open, { start: comprehension.endIndex - 1, end: node.endIndex, text: ')' }]
      : [
          open,
          { start: comprehension.endIndex - 1, end: comprehension.endIndex, text: ')' },
          { start: written.endIndex, end: node.endIndex, text: '' },
        ];
  return { title: 'Read the first item with next()', safety: 'unsafe', edits };
}

function hasCommentAfter(node: Node, offset: number): boolean {
  return node.descendantsOfType('comment').some((comment) => comment.startIndex >= offset);
}
