// The objects one item expression of a container evaluates to, with what
// they hold, keyed so that an object reached twice is counted once.
import type { Node } from 'web-tree-sitter';
import { unparenthesized } from '../semantics/syntax';
import type { CPythonLayout } from '../sizes/cpython';
import { foldsAtCompileTime } from './compile-time';
import { cachedObjectKey, valueSize } from '../sizes/objects';
import { ObjectTally, type Sharing } from '../sizes/tally';
import type { EstimateContext } from './types';
import { display, typeName, type PyValue } from '../sizes/values';

/** A key that tells equal constants apart the way CPython's constant table does (1, 1.0 and True differ). */
export function constantKey(value: PyValue): string {
  switch (value.type) {
    case 'int':
    case 'bool':
      return `${value.type}:${value.value}`;
    case 'float':
      return `float:${Object.is(value.value, -0) ? '-0' : String(value.value)}`;
    case 'str':
    case 'bytes':
      return `${value.type}:${JSON.stringify(value.value)}`;
    case 'tuple':
      return `tuple:(${value.items.map(constantKey).join(',')})`;
    default:
      return value.type;
  }
}

/**
 * Adds a value's object (and a tuple's items) to a tally. A value CPython
 * caches is keyed as that shared object; otherwise `key` says whether it is
 * one object referenced again (a constant, a name) or undefined for a new one.
 */
export function addValue(
  tally: ObjectTally,
  layout: CPythonLayout,
  value: PyValue,
  sharing: Sharing,
  key?: string,
  count = 1,
): void {
  const cached = cachedObjectKey(layout, value);
  const kind = typeName(value);
  const bytes = valueSize(layout, value);
  // Only a shared object is described by its value; new ones are only counted (and may be millions).
  if (cached !== undefined)
    tally.add({ kind, bytes, sharing: 'cached', key: `cached:${cached}`, example: display(value) });
  else if (key !== undefined) tally.add({ kind, bytes, sharing, key, example: display(value) });
  else tally.add({ kind, bytes, sharing }, count);
  if (value.type === 'tuple' && cached === undefined) {
    // A tuple constant's items are constants too; a tuple built at run time is counted once per item alike.
    for (const item of value.items)
      addValue(tally, layout, item, 'constant', `const:${constantKey(item)}`, key === undefined ? count : 1);
  }
}

function valueObjects(layout: CPythonLayout, value: PyValue, sharing: Sharing, key?: string): ObjectTally {
  const tally = new ObjectTally();
  addValue(tally, layout, value, sharing, key);
  return tally;
}

/** A name's value: the one object the name's assignment made. */
function nameObjects(identifier: Node, context: EstimateContext): ObjectTally | undefined {
  const { folder, layout } = context;
  const bound = folder.boundExpression(identifier);
  if (!bound) return undefined;
  const value = folder.nameValue(identifier);
  if (value) {
    const key = foldsAtCompileTime(bound, folder, layout) ? `const:${constantKey(value)}` : `name:${bound.id}`;
    return valueObjects(layout, value, 'constant', key);
  }
  const estimate = context.estimate(bound);
  if (!estimate?.objects || estimate.shallow.perCount) return undefined;
  const tally = new ObjectTally();
  tally.include(`name:${bound.id}`, () => {
    const own = new ObjectTally();
    own.add({ kind: estimate.kind, bytes: estimate.shallow.bytes, sharing: 'constant', example: identifier.text });
    own.merge(estimate.objects!);
    return own;
  });
  return tally;
}

/** The objects an item expression evaluates to, each counted once; undefined when they cannot be known. */
export function elementObjects(node: Node, context: EstimateContext): ObjectTally | undefined {
  const { folder, layout } = context;
  const expression = unparenthesized(node);
  if (foldsAtCompileTime(expression, folder, layout)) {
    const value = folder.constant(expression);
    return value && valueObjects(layout, value, 'constant', `const:${constantKey(value)}`);
  }
  if (expression.type === 'identifier') return nameObjects(expression, context);
  // Computed when the code runs: a new object, unless CPython hands out a cached one.
  const value = folder.constant(expression);
  if (value) return valueObjects(layout, value, 'own');
  const estimate = context.estimate(expression);
  if (!estimate?.objects || estimate.shallow.perCount) return undefined;
  const tally = new ObjectTally();
  tally.add({ kind: estimate.kind, bytes: estimate.shallow.bytes, sharing: 'own' });
  tally.merge(estimate.objects);
  return tally;
}

/** The objects of all items, merged; undefined when any is unknown. */
export function itemsObjects(items: readonly Node[], context: EstimateContext): ObjectTally | undefined {
  const tally = new ObjectTally();
  for (const item of items) {
    const objects = elementObjects(item, context);
    if (!objects) return undefined;
    tally.merge(objects);
  }
  return tally;
}
