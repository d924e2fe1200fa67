// Sequences made by calls: `tuple(range(n))`, `tuple('abc')` and the other
// iterables of iterated-items.ts, `bytearray(n)`,
// `bytearray(b'...')`, `array.array('q', range(n))`, `array.array('d', [...])`.
import type { Node } from 'web-tree-sitter';
import { passedArguments, unparenthesized } from '../../semantics/syntax';
import { formatCount } from '../../sizes/format';
import { arraySize, tupleSize } from '../../sizes/objects';
import { callsBuiltin, rangeArguments, rangeObjects } from '../ranges';
import { rangeLength, rangeValues, type RangeValues } from '../../semantics/rangeLength';
import { arrayCapacityAfterAppends } from '../../sizes/tables';
import { ObjectTally } from '../../sizes/tally';
import type { EstimateContext, Estimator } from '../types';
import { containerEstimate } from './container-shape';
import { knownItems } from './displays';
import { iteratedItems } from './iterated-items';

function constantRange(node: Node, context: EstimateContext): RangeValues | undefined {
  const args = rangeArguments(unparenthesized(node), context);
  const bounds = args?.map((arg) => context.folder.integer(arg));
  return bounds?.every((bound) => bound !== undefined) ? rangeValues(bounds as bigint[]) : undefined;
}

function tupleEstimate(
  context: EstimateContext,
  count: number,
  objects: ObjectTally | undefined,
  notes: readonly string[] = [],
) {
  const { layout } = context;
  return containerEstimate({
    kind: 'tuple',
    what: `a tuple of ${formatCount(count)} item${count === 1 ? '' : 's'}`,
    bytes: tupleSize(layout, count),
    parts: [
      { bytes: layout.gcHeader + layout.tupleHeader, label: 'header' },
      { bytes: layout.pointer * count, label: `of pointers (${formatCount(count)} slots)` },
    ],
    objects,
    notes,
  });
}

export const tupleCall: Estimator = (node, context) => {
  if (!callsBuiltin(node, 'tuple', context)) return undefined;
  const args = passedArguments(node);
  if (args.length === 0) return tupleEstimate(context, 0, new ObjectTally(), ['CPython keeps a single empty tuple.']);
  if (args.length !== 1) return undefined;
  const source = unparenthesized(args[0]!);
  const range = constantRange(source, context);
  if (range)
    return tupleEstimate(context, Number(rangeLength(range)), rangeObjects(context.layout, range), [
      'A tuple has exactly one slot per item: nothing spare, unlike a list.',
    ]);
  const items = iteratedItems(source, context);
  return items && tupleEstimate(context, items.count, items.objects);
};

/** The length `bytes(…)`/`bytearray(…)` makes from no argument, an int or a bytes constant; undefined otherwise. */
function byteLength(node: Node, context: EstimateContext): number | undefined {
  const args = passedArguments(node);
  if (args.length > 1) return undefined;
  const value = args[0] && context.folder.constant(args[0]);
  if (args[0] && !value) return undefined;
  if (!value) return 0;
  const length = value.type === 'int' ? Number(value.value) : value.type === 'bytes' ? value.value.length : undefined;
  return length !== undefined && length >= 0 ? length : undefined;
}

export const bytearrayCall: Estimator = (node, context) => {
  if (!callsBuiltin(node, 'bytearray', context)) return undefined;
  const length = byteLength(node, context);
  if (length === undefined) return undefined;
  const { layout } = context;
  // Objects/bytearrayobject.c: an empty bytearray has no buffer; otherwise the buffer holds a trailing NUL.
  const buffer = length === 0 ? 0 : length + 1;
  return containerEstimate({
    kind: 'bytearray',
    what: `a bytearray of ${formatCount(length)} bytes`,
    bytes: layout.bytearrayHeader + buffer,
    parts: [
      { bytes: layout.bytearrayHeader, label: 'bytearray header' },
      { bytes: buffer, label: 'buffer with its trailing NUL' },
    ],
    objects: new ObjectTally(),
    notes: ['The bytes are stored in the buffer itself, not as objects.'],
  });
};

/**
 * `bytes(n)`: n zero bytes in a new object. `bytes()` and `bytes(0)` return
 * CPython's shared empty bytes, and `bytes(b"…")` the constant itself: no new object.
 */
export const bytesCall: Estimator = (node, context) => {
  if (!callsBuiltin(node, 'bytes', context)) return undefined;
  const [arg] = passedArguments(node);
  if (!arg || context.folder.constant(arg)?.type !== 'int') return undefined;
  const length = byteLength(node, context);
  if (length === undefined || length === 0) return undefined;
  const { layout } = context;
  return containerEstimate({
    kind: 'bytes',
    what: `a bytes object of ${formatCount(length)} zero bytes`,
    bytes: layout.bytesHeader + length,
    parts: [
      { bytes: layout.bytesHeader, label: 'bytes header with the trailing NUL' },
      { bytes: length, label: 'the bytes' },
    ],
    objects: new ObjectTally(),
    notes: ['The bytes are stored in the object itself.'],
  });
};

/** Modules/arraymodule.c descriptors: bytes per item on 64-bit Linux. */
const ARRAY_ITEM_SIZES: Readonly<Record<string, number>> = {
  b: 1,
  B: 1,
  u: 4,
  w: 4,
  h: 2,
  H: 2,
  i: 4,
  I: 4,
  l: 8,
  L: 8,
  q: 8,
  Q: 8,
  f: 4,
  d: 8,
};

function isArrayConstructor(node: Node, context: EstimateContext): boolean {
  const callee = node.childForFieldName('function');
  if (!callee) return false;
  if (context.facts) return context.facts.qualifiedName(callee) === 'array.array';
  return callee.text === 'array.array';
}

export const arrayCall: Estimator = (node, context) => {
  if (node.type !== 'call' || !isArrayConstructor(node, context)) return undefined;
  const { layout, folder } = context;
  const [code, initial, ...rest] = passedArguments(node);
  const typeCode = code && folder.constant(code);
  if (rest.length > 0 || typeCode?.type !== 'str') return undefined;
  const itemSize = ARRAY_ITEM_SIZES[typeCode.value];
  if (itemSize === undefined) return undefined;
  let items = 0;
  let capacity = 0;
  const note = 'The numbers are stored unboxed in the buffer: no object per item.';
  if (initial) {
    const source = unparenthesized(initial);
    const range = constantRange(source, context);
    const display = knownItems(source, context);
    if (range) {
      items = Number(rangeLength(range));
      // From a range it appends item by item, so the buffer over-allocates by about 1/16.
      capacity = arrayCapacityAfterAppends(items);
    } else if (display) {
      items = capacity = display.length;
    } else {
      return undefined;
    }
  }
  return containerEstimate({
    kind: 'array',
    what: `an array('${typeCode.value}') of ${formatCount(items)} items`,
    bytes: arraySize(layout, itemSize, capacity),
    parts: [
      {
        bytes: arraySize(layout, itemSize, 0),
        label: 'header',
      },
      { bytes: itemSize * capacity, label: `buffer of ${formatCount(capacity)} items of ${itemSize} B` },
    ],
    objects: new ObjectTally(),
    notes: [note],
  });
};
