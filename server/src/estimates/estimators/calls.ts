// Calls that allocate a known shape: `range(...)`, `list(range(...))`, `list()`,
// and `list(x)` of an iterable whose items are known (iterated-items.ts).
import type { Node } from 'web-tree-sitter';
import { passedArguments, unparenthesized } from '../../semantics/syntax';
import { arrayForm, numberKindOf, numpyForm, withCheaperForms, type ItemCount } from '../../sizes/compactForms';
import { formatCount } from '../../sizes/format';
import { intSize, listCopyCapacity, preallocatedCapacity, rangeSize } from '../../sizes/objects';
import { callsBuiltin, rangeArguments, rangeCountText, rangeObjects } from '../ranges';
import { rangeLength, rangeValues } from '../../semantics/rangeLength';
import { exactSize, perCountSize } from '../../sizes/size';
import { ObjectTally } from '../../sizes/tally';
import type { EstimateContext, Estimator } from '../types';
import type { Alternative } from '../../sizes/sizeEstimate';
import { int } from '../../sizes/values';
import { iteratedItems } from './iterated-items';
import { listEstimate, symbolicListEstimate } from './list-shape';

const RANGE_NOTE = 'A range stores only its start, stop and step; each item is made when it is needed.';

export const rangeCall: Estimator = (node, context) => {
  const args = rangeArguments(node, context);
  if (!args) return undefined;
  const { layout, folder } = context;
  const values = args.map((arg) => folder.integer(arg));
  const range = values.every((value) => value !== undefined) ? rangeValues(values as bigint[]) : undefined;
  const shallow = exactSize(rangeSize(layout));
  return {
    kind: 'range',
    what: range ? `a range of ${formatCount(Number(rangeLength(range)))} ints` : 'a range object',
    shallow,
    shallowParts: [],
    deep: shallow,
    deepParts: [],
    objects: new ObjectTally(),
    notes: [RANGE_NOTE],
    alternative: undefined,
  };
};

function rangeAlternative(source: Node, context: EstimateContext): Alternative {
  return {
    code: source.text,
    what: 'the range itself, when the list is only iterated, indexed, measured with `len()` or searched with `in`',
    size: exactSize(rangeSize(context.layout)),
  };
}

/** array('q') and np.arange forms of list(range(...)): the same ints, unboxed. */
function rangeForms(source: Node, args: readonly Node[], count: ItemCount, context: EstimateContext): Alternative[] {
  return [
    arrayForm(context.layout, 'int64', (code) => `array.array('${code}', ${source.text})`, count, 'appended'),
    numpyForm('int64', () => `np.arange(${args.map((arg) => arg.text).join(', ')})`, count),
  ];
}

function listOfRange(source: Node, args: readonly Node[], context: EstimateContext) {
  const { layout, folder } = context;
  const values = args.map((arg) => folder.integer(arg));
  const alternative = rangeAlternative(source, context);
  const range = values.every((value) => value !== undefined) ? rangeValues(values as bigint[]) : undefined;
  if (range) {
    const items = Number(rangeLength(range));
    const last = range.start + (rangeLength(range) - 1n) * range.step;
    const fits = numberKindOf([int(range.start), int(last)]) === 'int64';
    const list = listEstimate(layout, {
      items,
      // list() of a sized iterable allocates its length up front, rounded up to an even number of slots.
      capacity: preallocatedCapacity(layout, items),
      objects: rangeObjects(layout, range),
      alternative,
    });
    return withCheaperForms(list, fits ? rangeForms(source, args, items, context) : []);
  }
  const count = rangeCountText(args);
  const perInt = intSize(layout, 0n);
  const list = symbolicListEstimate(layout, {
    count,
    slotsPerUnit: 1,
    approximate: true,
    held: {
      size: perCountSize(0, perInt, count, true),
      parts: [
        {
          size: perCountSize(0, perInt, count, true),
          label: 'for the int objects',
        },
      ],
    },
    alternative,
  });
  return withCheaperForms(list, rangeForms(source, args, { text: count, itemsPerUnit: 1 }, context));
}

export const listCall: Estimator = (node, context) => {
  if (!callsBuiltin(node, 'list', context)) return undefined;
  const args = passedArguments(node);
  const { layout } = context;
  if (args.length === 0) return listEstimate(layout, { items: 0, capacity: 0, objects: new ObjectTally() });
  if (args.length !== 1 || args[0]!.type === 'keyword_argument' || args[0]!.type === 'list_splat') return undefined;
  const source = unparenthesized(args[0]!);
  const rangeArgs = rangeArguments(source, context);
  if (rangeArgs) return listOfRange(source, rangeArgs, context);
  const items = iteratedItems(source, context);
  if (!items) return undefined;
  return listEstimate(layout, {
    items: items.count,
    // list() of a sized iterable preallocates; of a set or dict, where fromHashed is 'growth', it asks
    // for its length as a growing list would, which adds spare slots.
    capacity: listCopyCapacity(layout, items.count, items.source),
    objects: items.objects,
  });
};
