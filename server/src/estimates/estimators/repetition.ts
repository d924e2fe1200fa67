// `[x] * n`, `n * [a, b]`: a list of exactly len(display) * n slots, all
// pointing at the display's item objects, which are made once.
import type { Node } from 'web-tree-sitter';
import { unparenthesized } from '../../semantics/syntax';
import type { CPythonLayout } from '../../sizes/cpython';
import { objectParts } from '../../sizes/describe';
import { itemsObjects } from '../elements';
import type { Folder } from '../../semantics/fold';
import { arrayForm, numberKindOf, numpyForm, type ItemCount } from '../../sizes/compactForms';
import { approximateSize, exactSize } from '../../sizes/size';
import { ObjectTally } from '../../sizes/tally';
import type { EstimateContext, Estimator } from '../types';
import type { Alternative } from '../../sizes/sizeEstimate';
import type { PyValue } from '../../sizes/values';
import { displayItems } from './displays';
import { listEstimate, symbolicListEstimate } from './list-shape';

/**
 * array.array and numpy forms of a repetition of numbers, offered even when
 * not smaller: the list is as cheap only while its slots share one object,
 * and adds an object per number once they are set to different values.
 */
function compactForms(
  layout: CPythonLayout,
  display: Node,
  items: readonly Node[],
  countNode: Node,
  times: number | undefined,
  folder: Folder,
): Alternative[] {
  const values = items.map((item) => folder.constant(item));
  const kind = values.every((value) => value !== undefined) ? numberKindOf(values as PyValue[]) : undefined;
  if (!kind) return [];
  const countText = unparenthesized(countNode).text;
  const count: ItemCount = times === undefined ? { text: countText, itemsPerUnit: items.length } : items.length * times;
  const forms = [
    arrayForm(layout, kind, (code) => `array.array('${code}', ${display.text}) * ${countNode.text}`, count, 'exact'),
  ];
  const [only] = items;
  if (items.length === 1 && only) {
    const filled = (dtype: string): string =>
      only.text === '0'
        ? `np.zeros(${countText}, dtype=${dtype})`
        : `np.full(${countText}, ${only.text}, dtype=${dtype})`;
    forms.push(numpyForm(kind, filled, count));
  }
  return forms;
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
const UNBOXED_NOTE =
  'An array stays 8 B per number when the numbers later differ; the list then adds an object per distinct value.';

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
    const forms = compactForms(layout, found.display, items, found.count, count, folder);
    return listEstimate(layout, {
      items: slots,
      capacity: slots,
      objects: held,
      compactForms: forms,
      compactFormsNote: UNBOXED_NOTE,
      notes: count > 1 && items.length > 0 ? [SHARED_ITEMS_NOTE] : [],
    });
  }
  const forms = compactForms(layout, found.display, items, found.count, undefined, folder);
  const held = objects && {
    size: objects.approximate ? approximateSize(objects.bytes) : exactSize(objects.bytes),
    parts: objectParts(objects),
  };
  return symbolicListEstimate(layout, {
    count: unparenthesized(found.count).text,
    slotsPerUnit: items.length,
    approximate: false,
    ...(held ? { held } : {}),
    compactForms: forms,
    compactFormsNote: UNBOXED_NOTE,
    notes: [SHARED_ITEMS_NOTE],
  });
};
