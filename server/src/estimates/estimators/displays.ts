// List and tuple displays: `[1, 2, 3]`, `[a, b]`, `(x, y)`.
import type { Node } from 'web-tree-sitter';
import { expressionChildren } from '../../semantics/syntax';
import { foldsAtCompileTime } from '../compile-time';
import { deepSize, objectParts } from '../../sizes/describe';
import { itemsObjects } from '../elements';
import { formatCount } from '../../sizes/format';
import { capacityAfterAppends, grownCapacity, preallocatedCapacity, tupleSize } from '../../sizes/objects';
import { exactSize } from '../../sizes/size';
import type { EstimateContext, Estimator } from '../types';
import { unchangedBinding } from '../unchangedBinding';
import { listEstimate } from './list-shape';

const SPLATS: ReadonlySet<string> = new Set(['list_splat', 'parenthesized_list_splat', 'dictionary_splat']);

export function displayItems(display: Node): Node[] | undefined {
  const items = expressionChildren(display);
  // With `*xs` the length depends on what is unpacked.
  return items.some((item) => SPLATS.has(item.type)) ? undefined : items;
}

/**
 * The items of a list or tuple display that `list(...)` or `tuple(...)` copies:
 * written there, or through a name bound to one that nothing changed since.
 */
export function knownItems(source: Node, context: EstimateContext): Node[] | undefined {
  const display = source.type === 'identifier' ? unchangedBinding(source, context) : source;
  return display && (display.type === 'list' || display.type === 'tuple') ? displayItems(display) : undefined;
}

export const listDisplay: Estimator = (node, context) => {
  const items = displayItems(node);
  if (!items) return undefined;
  const { layout, folder } = context;
  const { constantDisplay, constantDisplayMinimum, stackUseGuideline } = layout.compiler;
  const count = items.length;
  let capacity = count;
  if (
    constantDisplay !== 'build' &&
    count >= constantDisplayMinimum &&
    items.every((item) => foldsAtCompileTime(item, folder, layout))
  ) {
    // Built by extending an empty list with one constant tuple: preallocated (rounded up), or grown.
    capacity =
      constantDisplay === 'preallocate' ? preallocatedCapacity(layout, count) : grownCapacity(layout, 0, count);
  } else if (count > stackUseGuideline) {
    // Built by appending the items one by one, so the list over-allocates as it grows.
    capacity = capacityAfterAppends(layout, count);
  }
  return listEstimate(layout, {
    items: count,
    capacity,
    objects: itemsObjects(items, context),
  });
};

/** A tuple that is not a constant (constants are estimated as values): exactly one slot per item. */
export const tupleDisplay: Estimator = (node, context) => {
  const items = displayItems(node);
  if (!items) return undefined;
  const { layout } = context;
  const shallow = exactSize(tupleSize(layout, items.length));
  const objects = itemsObjects(items, context);
  return {
    kind: 'tuple',
    what: `a tuple of ${formatCount(items.length)} item${items.length === 1 ? '' : 's'}`,
    shallow,
    shallowParts: [
      { size: exactSize(layout.gcHeader + layout.tupleHeader), label: 'header' },
      { size: exactSize(layout.pointer * items.length), label: `of pointers (${formatCount(items.length)} slots)` },
    ],
    deep: objects ? deepSize(shallow, objects) : undefined,
    deepParts: objects ? objectParts(objects) : [],
    objects,
    notes: [],
    alternative: undefined,
  };
};
