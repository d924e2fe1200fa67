// Iterators and dict views: `iter(xs)`, `map(f, xs)`, `zip(a, b)`, `enumerate(xs)`,
// `reversed(xs)`, `filter(f, xs)`, `d.keys()`: one small object each, whatever
// the length of what it walks, since it keeps only references and a position.
import type { Node } from 'web-tree-sitter';
import { passedArguments, unparenthesized } from '../../semantics/syntax';
import type { CPythonLayout } from '../../sizes/cpython';
import { singleAssignmentValue } from '../../semantics/names';
import { callsBuiltin } from '../ranges';
import { exactSize } from '../../sizes/size';
import { ObjectTally } from '../../sizes/tally';
import type { EstimateContext, Estimator } from '../types';
import type { Estimate } from '../../sizes/sizeEstimate';

type IteratorSize = keyof CPythonLayout['iterators'];

/**
 * The types iter() and reversed() return for each iterable type the model knows, and the struct size
 * they have (reversed() of a set is an error: no reverse type).
 */
const ITERATOR_OF: Readonly<
  Record<string, { readonly size: IteratorSize; readonly forward: string; readonly reverse?: string }>
> = {
  list: { size: 'sequence', forward: 'list_iterator', reverse: 'list_reverseiterator' },
  tuple: { size: 'sequence', forward: 'tuple_iterator', reverse: 'reversed' },
  str: { size: 'sequence', forward: 'str_iterator', reverse: 'reversed' },
  bytes: { size: 'sequence', forward: 'bytes_iterator', reverse: 'reversed' },
  range: { size: 'range', forward: 'range_iterator', reverse: 'range_iterator' },
  dict: { size: 'dict', forward: 'dict_keyiterator', reverse: 'dict_reversekeyiterator' },
  dict_keys: { size: 'dict', forward: 'dict_keyiterator', reverse: 'dict_reversekeyiterator' },
  dict_values: { size: 'dict', forward: 'dict_valueiterator', reverse: 'dict_reversevalueiterator' },
  dict_items: { size: 'dict', forward: 'dict_itemiterator', reverse: 'dict_reverseitemiterator' },
  set: { size: 'set', forward: 'set_iterator' },
  frozenset: { size: 'set', forward: 'set_iterator' },
};

/** Builtins that wrap iterators of their arguments, and what they keep. */
const WRAPPERS: Readonly<Record<string, { readonly size: IteratorSize; readonly holds: string }>> = {
  map: { size: 'map', holds: 'the function and an iterator per argument' },
  filter: { size: 'filter', holds: 'the function and an iterator of the argument' },
  zip: { size: 'zip', holds: 'an iterator per argument and one reusable result tuple' },
  enumerate: { size: 'enumerate', holds: 'the count, an iterator of the argument and one reusable result tuple' },
};

const VIEWS: Readonly<Record<string, string>> = { keys: 'dict_keys', values: 'dict_values', items: 'dict_items' };

const NO_COPY = 'No copy of the items: each is fetched from the iterable when asked for.';

function iteratorEstimate(kind: string, what: string, bytes: number, notes: readonly string[]): Estimate {
  const shallow = exactSize(bytes);
  return {
    kind,
    what,
    shallow,
    shallowParts: [],
    deep: shallow,
    deepParts: [],
    objects: new ObjectTally(),
    notes,
    alternative: undefined,
  };
}

/** The type of what an expression makes (`xs` through its single assignment), when the model estimates it. */
function iterableKind(node: Node, context: EstimateContext): string | undefined {
  let expression = unparenthesized(node);
  if (expression.type === 'identifier' && context.facts) {
    const value = singleAssignmentValue(context.facts, expression);
    if (!value) return undefined;
    expression = value;
  }
  return context.estimate(expression)?.kind;
}

/** The single plain positional argument, or undefined. */
function onlyArgument(call: Node): Node | undefined {
  const args = passedArguments(call);
  return args.length === 1 && !['keyword_argument', 'list_splat', 'dictionary_splat'].includes(args[0]!.type)
    ? args[0]
    : undefined;
}

function iterCall(node: Node, context: EstimateContext, reversed: boolean): Estimate | undefined {
  const argument = onlyArgument(node);
  const kind = argument && iterableKind(argument, context);
  const iterator = kind === undefined ? undefined : ITERATOR_OF[kind];
  const type = reversed ? iterator?.reverse : iterator?.forward;
  if (!iterator || !type) return undefined;
  return iteratorEstimate(
    type,
    `${reversed ? 'a reverse iterator' : 'an iterator'} over a ${kind}`,
    context.layout.iterators[iterator.size],
    [`It holds a reference to the ${kind} and its position. ${NO_COPY}`],
  );
}

export const iteratorCall: Estimator = (node, context) => {
  if (callsBuiltin(node, 'iter', context)) return iterCall(node, context, false);
  if (callsBuiltin(node, 'reversed', context)) return iterCall(node, context, true);
  for (const [name, wrapper] of Object.entries(WRAPPERS)) {
    if (!callsBuiltin(node, name, context)) continue;
    return iteratorEstimate(
      name,
      `${/^[aeiou]/.test(name) ? 'an' : 'a'} ${name} object`,
      context.layout.iterators[wrapper.size],
      [`It holds ${wrapper.holds}. ${NO_COPY}`],
    );
  }
  return undefined;
};

/** `d.keys()`, `d.values()`, `d.items()` of something the model knows is a dict. */
export const dictViewCall: Estimator = (node, context) => {
  const callee = node.childForFieldName('function');
  if (callee?.type !== 'attribute' || passedArguments(node).length !== 0) return undefined;
  const view = VIEWS[callee.childForFieldName('attribute')?.text ?? ''];
  const object = callee.childForFieldName('object');
  if (!view || !object || iterableKind(object, context) !== 'dict') return undefined;
  return iteratorEstimate(view, `a ${view} view`, context.layout.iterators.dictView, [
    'A view holds only a reference to the dict: it reads the live table and copies nothing.',
  ]);
};
