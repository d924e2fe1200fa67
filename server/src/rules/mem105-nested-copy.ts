import type { Node } from 'web-tree-sitter';
import type { DocumentFacts } from '../semantics/facts';
import { isSideEffectFreeComprehension } from '../semantics/purity';
import { expressionChildren, unparenthesized } from '../semantics/syntax';
import { DataScales } from '../scale/dataScale';
import { listHolds } from '../scale/holds';
import { costLead } from '../scale/holdsText';
import { perCountSize } from '../sizes/size';
import { callAround, calleeAnchors } from './anchors';
import { tokenDeletion } from './token-layout';
import type { Fix, FixSafety, Rule, TextEdit } from './types';

export const mem105: Rule = {
  code: 'MEM105',
  name: 'nested-copy',
  defaultSeverity: 'information',
  fixAvailability: 'sometimes',
  summary: 'A list or tuple copied only to be copied again by the call around it',
  docs: {
    whatItDoes:
      'Flags a copy that the call around it copies again and throws away: `sorted(list(x))`, `sorted(tuple(x))`, `list(list(x))`, `list(tuple(x))`, `tuple(list(x))`, `tuple(tuple(x))`, `set(list(x))`, `set(tuple(x))`, `frozenset(list(x))`, `frozenset(tuple(x))`, `sorted(sorted(x))`, `set(sorted(x))` and `frozenset(sorted(x))` (each of these iterates its argument itself: the inner call goes), and `list(sorted(x))` (`sorted` returns a new list already: the outer call goes). Every name must be the builtin (a local `list = …` is left alone); the inner call takes one positional argument and nothing else. Not flagged: `sorted(sorted(x, key=…))` and `sorted(sorted(x), key=…)`, a sort by two keys; `list(set(x))`, `sorted(set(x))` and `tuple(sorted(x))`, where the inner call changes the items or their order and no single call does both; `reversed(…)` inside any of them, which makes no copy.',
    whyBadForMemory:
      'The inner call builds a whole list (or tuple) of pointers, 56 + 8·n bytes on CPython 3.11 (64-bit), only for the outer call to walk it and build its own: for a moment both exist, and the first is garbage as soon as the outer call returns. Measured under tracemalloc with 1,000,000 items on CPython 3.9, 3.11 and 3.13: `sorted(list(gen))` peaks at 16.4 MB against 8.4 MB for `sorted(gen)`, `tuple(list(gen))` at 16.4 MB against 8.7 MB, `list(sorted(s))` at 16.0 MB against 8.0 MB, and `set(list(gen))` of distinct ints 8 MB above `set(gen)`. The items themselves are not copied: the outer result keeps them either way, so what goes is the 8 bytes per item of the throw-away copy, and the time it takes to make.',
    example: 'ranked = sorted(list(scores))\nunique = set(list(word for word in words))\nnames = list(sorted(table))',
    useInstead: 'ranked = sorted(scores)\nunique = set(word for word in words)\nnames = sorted(table)',
    fixSafety:
      "Removes the inner call (or, for `list(sorted(…))`, the outer one), keeping comments. Safe where the result cannot differ: `sorted`, `list` and `tuple` around a list or tuple copy iterate the same items in the same order whether or not the copy is made, and `list(sorted(x))` is a copy of the list `sorted(x)` returns. `tuple(list(t))` of a tuple `t` gave a new tuple where `tuple(t)` returns `t` itself; tuples are immutable, so only `is` can tell. Unsafe for `set` and `frozenset` around a copy of anything but a name, attribute, subscript or a generator expression free of side effects: without the copy, the iteration runs interleaved with the hashing of each item, so a generator's calls and the items' `__hash__` and `__eq__` alternate, and an unhashable item stops the iteration half-way instead of after it. Unsafe for `set(sorted(x))` and `frozenset(sorted(x))`: `sorted` raises on items that do not compare, and a set filled in another order may iterate in another order. No fix when the inner call ends in a trailing comma, or when `list(sorted(…))` ends in one (dropping `list` would leave a tuple).",
  },
  // From the inner call's name to the call around it: `sorted(list(x))` from `list`.
  anchors: calleeAnchors(['list', 'tuple', 'sorted'], callAround),
  check(outer, context) {
    const facts = context.facts;
    const pair = nestedCopy(outer, facts);
    if (!pair) return undefined;
    const { inner, outerName, innerName, iterable } = pair;
    const copy = DROPS_OUTER.has(`${outerName} ${innerName}`) ? outer : inner;
    const holds = listHolds(copy, facts, 'pointers') ?? perCountSize(56, 8, 'the items copied', true);
    const message =
      copy === outer
        ? `${costLead(holds, 'pointers')} in a \`list()\` of the new list \`sorted()\` returns: use that list as it is`
        : `${costLead(holds, 'pointers')} in a \`${innerName}()\` copy \`${outerName}()\` throws away: pass the iterable itself`;
    const fix =
      copy === outer
        ? outerDropped(outer, inner, context.source)
        : innerDropped(outer, inner, safetyOf(outerName, innerName, iterable, facts), context.source);
    return {
      code: mem105.code,
      message,
      severity: mem105.defaultSeverity,
      holds,
      scale: new DataScales(facts, context.dataReads).of(iterable),
      start: outer.startIndex,
      end: outer.endIndex,
      ...(fix ? { fix } : {}),
    };
  },
};

/** Outer and inner builtins whose inner copy can go: the outer call iterates whatever it is given. */
const DROPS_INNER: ReadonlySet<string> = new Set([
  'sorted list',
  'sorted tuple',
  'sorted sorted',
  'list list',
  'list tuple',
  'tuple list',
  'tuple tuple',
  'set list',
  'set tuple',
  'set sorted',
  'frozenset list',
  'frozenset tuple',
  'frozenset sorted',
]);

/** `list(sorted(x))`: the outer copy goes, since `sorted` returns a new list. */
const DROPS_OUTER: ReadonlySet<string> = new Set(['list sorted']);

const OUTER_NAMES: ReadonlySet<string> = new Set(['list', 'tuple', 'sorted', 'set', 'frozenset']);

/** Whether MEM105 flags the call: other rules leave it to MEM105, whose fix leaves the shape they read. */
export function isNestedCopy(call: Node, facts: DocumentFacts): boolean {
  return nestedCopy(call, facts) !== undefined;
}

interface NestedCopy {
  readonly inner: Node;
  readonly outerName: string;
  readonly innerName: string;
  /** What the inner call iterates. */
  readonly iterable: Node;
}

/** `outer(inner(x))` where one of the two copies can go, with the builtins' names. */
function nestedCopy(outer: Node, facts: DocumentFacts): NestedCopy | undefined {
  const args = facts.callArguments(outer);
  const [first, ...rest] = args;
  if (first?.type !== 'call' || !passesOnlyKeywords(rest)) return undefined;
  const outerName = builtinName(outer, facts);
  if (!outerName || !OUTER_NAMES.has(outerName)) return undefined;
  // `sorted` alone takes keywords (`key=`, `reverse=`); the others take one argument.
  if (rest.length > 0 && outerName !== 'sorted') return undefined;
  const innerName = builtinName(first, facts);
  if (!innerName) return undefined;
  const pair = `${outerName} ${innerName}`;
  // The sort keeps its keywords when the outer `list()` goes; an inner call that goes must take nothing else.
  const iterable = DROPS_OUTER.has(pair) ? firstPositional(first, facts) : soleArgument(first);
  if (!iterable || (!DROPS_INNER.has(pair) && !DROPS_OUTER.has(pair))) return undefined;
  // Two sorts with a key between them sort by two keys: both are needed.
  if (pair === 'sorted sorted' && rest.length > 0) return undefined;
  return { inner: first, outerName, innerName, iterable };
}

function passesOnlyKeywords(args: readonly Node[]): boolean {
  return args.every((arg) => arg.type === 'keyword_argument' || arg.type === 'dictionary_splat');
}

/** `list` for a call of the builtin list, undefined for any other callee (a local `list = …` too). */
function builtinName(call: Node, facts: DocumentFacts): string | undefined {
  const callee = call.childForFieldName('function');
  if (callee?.type !== 'identifier' && callee?.type !== 'attribute') return undefined;
  const name = facts.qualifiedName(callee);
  return name?.startsWith('builtins.') ? name.slice('builtins.'.length) : undefined;
}

/** The one positional argument of a call that has nothing else (no keyword, no unpacking), a bare generator included. */
function soleArgument(call: Node): Node | undefined {
  const args = call.childForFieldName('arguments');
  if (args?.type === 'generator_expression') return args;
  if (args?.type !== 'argument_list') return undefined;
  const parts = expressionChildren(args);
  const only = parts[0];
  if (parts.length !== 1 || !only || ['keyword_argument', 'list_splat', 'dictionary_splat'].includes(only.type))
    return undefined;
  return only;
}

/** `x` of `sorted(x, key=k)`; undefined when the call unpacks its arguments. */
function firstPositional(call: Node, facts: DocumentFacts): Node | undefined {
  const args = call.childForFieldName('arguments');
  if (args?.type === 'generator_expression') return args;
  const passed = facts.callArguments(call);
  if (passed.some((arg) => arg.type === 'list_splat' || arg.type === 'dictionary_splat')) return undefined;
  const first = passed[0];
  return first && first.type !== 'keyword_argument' ? first : undefined;
}

/**
 * Whether the fix can change what the code does: a set filled while its
 * items are made runs their hashing between the iterable's steps, and
 * `sorted` raises where a set would not (see the docs).
 */
function safetyOf(outerName: string, innerName: string, iterable: Node, facts: DocumentFacts): FixSafety {
  if (outerName !== 'set' && outerName !== 'frozenset') return 'safe';
  if (innerName === 'sorted') return 'unsafe';
  const plain = unparenthesized(iterable);
  if (PLAIN_VALUES.has(plain.type)) return 'safe';
  return plain.type === 'generator_expression' && isSideEffectFreeComprehension(plain, facts) ? 'safe' : 'unsafe';
}

/** What iterating runs no code of the program's own to find: a name, an attribute read, an item. */
const PLAIN_VALUES: ReadonlySet<string> = new Set(['identifier', 'attribute', 'subscript']);

/**
 * Deletes the inner call's name and parentheses, keeping what is between them
 * (comments included). A bare generator keeps its parentheses when the outer
 * call has other arguments: `sorted((x for x in xs), key=k)`.
 */
function innerDropped(outer: Node, inner: Node, safety: FixSafety, source: string): Fix | undefined {
  const args = inner.childForFieldName('arguments')!;
  const title = `Remove the inner \`${inner.childForFieldName('function')!.text}()\``;
  if (args.type === 'generator_expression') {
    const sole = outer.childForFieldName('arguments')?.children.length === 3;
    const edits: TextEdit[] = sole
      ? [
          { start: inner.startIndex, end: args.startIndex + 1, text: '' },
          { start: args.endIndex - 1, end: args.endIndex, text: '' },
        ]
      : [{ start: inner.startIndex, end: args.startIndex, text: '' }];
    return { title, safety, edits };
  }
  // `list(x,)`: the comma would stay behind, before the outer call's other arguments.
  if (args.children.some((child) => child?.type === ',')) return undefined;
  return {
    title,
    safety,
    edits: [{ start: inner.startIndex, end: args.startIndex + 1, text: '' }, tokenDeletion(source, args.endIndex - 1)],
  };
}

/**
 * `list(sorted(x))` → `sorted(x)`. With line breaks or comments around the
 * inner call, only the name `list` goes, leaving parentheses that keep them.
 */
function outerDropped(outer: Node, inner: Node, source: string): Fix | undefined {
  const args = outer.childForFieldName('arguments')!;
  // `list(sorted(x),)` without `list` would be a tuple.
  if (args.children.some((child) => child?.type === ',')) return undefined;
  const before = source.slice(args.startIndex + 1, inner.startIndex);
  const after = source.slice(inner.endIndex, args.endIndex - 1);
  const inline = /^[ \t]*$/.test(before) && /^[ \t]*$/.test(after);
  const callee = outer.childForFieldName('function')!;
  return {
    title: 'Remove the outer `list()`',
    safety: 'safe',
    edits: inline
      ? [
          { start: outer.startIndex, end: inner.startIndex, text: '' },
          { start: inner.endIndex, end: outer.endIndex, text: '' },
        ]
      : [{ start: callee.startIndex, end: callee.endIndex, text: '' }],
  };
}
