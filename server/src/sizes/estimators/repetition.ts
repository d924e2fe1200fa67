// `[x] * n`, `n * [a, b]`: a list of exactly len(display) * n slots, all
// pointing at the display's item objects, which are made once.
import type { Node } from 'web-tree-sitter';
import { unparenthesized } from '../../analysis/syntax';
import type { CPythonLayout } from '../cpython';
import { objectParts } from '../describe';
import { itemsObjects } from '../elements';
import type { Folder } from '../fold';
import { arraySize } from '../objects';
import { approximateSize, exactSize, perCountSize, type Size } from '../size';
import { ObjectTally } from '../tally';
import type { Alternative, EstimateContext, Estimator } from '../types';
import { displayItems } from './displays';
import { listEstimate, symbolicListEstimate } from './list-shape';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** array.array type codes for items that are all numbers: 'q' (int64) or 'd' (double), 8 bytes each. */
function arrayTypeCode(items: readonly Node[], folder: Folder): 'q' | 'd' | undefined {
  const values = items.map((item) => folder.constant(item));
  if (values.length === 0 || values.some((value) => value === undefined)) return undefined;
  if (values.every((value) => value!.type === 'int' && value!.value >= INT64_MIN && value!.value <= INT64_MAX)) return 'q';
  if (values.every((value) => value!.type === 'float' || value!.type === 'int')) return 'd';
  return undefined;
}

function arrayAlternative(layout: CPythonLayout, display: Node, items: readonly Node[], count: Node, times: number | undefined, folder: Folder): Alternative | undefined {
  const typeCode = arrayTypeCode(items, folder);
  if (!typeCode) return undefined;
  const itemSize = 8;
  const size: Size =
    times === undefined
      ? perCountSize(arraySize(layout, itemSize, 0), itemSize * items.length, unparenthesized(count).text)
      : exactSize(arraySize(layout, itemSize, items.length * times));
  return {
    code: `array.array('${typeCode}', ${display.text}) * ${count.text}`,
    what: `an array of ${typeCode === 'q' ? '64-bit ints' : 'doubles'} (\`import array\`): the numbers are stored unboxed, 8 B each, and stay 8 B each when they later differ, where a list adds an object per distinct value`,
    size,
  };
}

/** The list display and the count of a repetition, in either order. */
function operands(node: Node): { display: Node; count: Node } | undefined {
  if (node.childForFieldName('operator')?.text !== '*') return undefined;
  const left = node.childForFieldName('left');
  const right = node.childForFieldName('right');
  if (!left || !right) return undefined;
  if (unparenthesized(left).type === 'list') return { display: unparenthesized(left), count: right };
  if (unparenthesized(right).type === 'list') return { display: unparenthesized(right), count: left };
  return undefined;
}

const SHARED_ITEMS_NOTE = 'Every slot points at the same item objects: repetition copies pointers, not items.';

export const listRepetition: Estimator = (node, context: EstimateContext) => {
  const found = operands(node);
  const items = found && displayItems(found.display);
  if (!found || !items) return undefined;
  const { layout, folder } = context;
  const objects = itemsObjects(items, context);
  const times = folder.integer(found.count);
  if (times !== undefined) {
    const count = times < 0n ? 0 : Number(times);
    // The display's items are made, but an empty result keeps none of them.
    const held = count === 0 ? new ObjectTally() : objects;
    const slots = items.length * count;
    const alternative = arrayAlternative(layout, found.display, items, found.count, count, folder);
    return listEstimate(layout, {
      items: slots,
      capacity: slots,
      objects: held,
      ...(alternative ? { alternative } : {}),
      notes: count > 1 && items.length > 0 ? [SHARED_ITEMS_NOTE] : [],
    });
  }
  const alternative = arrayAlternative(layout, found.display, items, found.count, undefined, folder);
  const held = objects && { size: objects.approximate ? approximateSize(objects.bytes) : exactSize(objects.bytes), parts: objectParts(objects, layout) };
  return symbolicListEstimate(layout, {
    count: unparenthesized(found.count).text,
    slotsPerUnit: items.length,
    approximate: false,
    ...(held ? { held } : {}),
    ...(alternative ? { alternative } : {}),
    notes: [SHARED_ITEMS_NOTE],
  });
};
