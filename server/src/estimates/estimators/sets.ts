// Sets and frozensets: `{1, 2, 3}`, `{x % 7 for x in range(n)}`, `set(range(n))`,
// `frozenset(range(n))`, `set('abc')` and the other iterables of iterated-items.ts,
// `set()`. Up to 8 slots live inside the object; a larger table is allocated
// beside it and grows to 4x the items when 3/5 full.
import type { Node } from 'web-tree-sitter';
import { expressionChildren, passedArguments, unparenthesized } from '../../semantics/syntax';
import { foldsAtCompileTime } from '../compile-time';
import type { CPythonLayout } from '../../sizes/cpython';
import { formatCount } from '../../sizes/format';
import { callsBuiltin, rangeArguments, rangeObjects } from '../ranges';
import { rangeLength, rangeValues } from '../../semantics/rangeLength';
import { setSize, setTableAfterAdds, setTableAfterMerge } from '../../sizes/tables';
import { ObjectTally } from '../../sizes/tally';
import type { EstimateContext, Estimator } from '../types';
import { containerEstimate } from './container-shape';
import { comprehendedItems, displayedItems, type HashedItems } from './hashed';
import { iteratedItems } from './iterated-items';

// Adding item by item quadruples the table whenever it is 3/5 full (setTableAfterAdds); copying a set
// or dict sizes the table once, for all its keys (setTableAfterMerge).

function setEstimate(layout: CPythonLayout, kind: 'set' | 'frozenset', items: HashedItems, slots: number) {
  const bytes = setSize(layout, slots);
  const object = layout.gcHeader + layout.set.header;
  return containerEstimate({
    kind,
    what: `a ${kind} of ${formatCount(items.count)} item${items.count === 1 ? '' : 's'}`,
    bytes,
    parts: [
      { bytes: object, label: `${kind} object with room for ${layout.set.minSize} items inside` },
      { bytes: bytes - object, label: `table of ${formatCount(slots)} slots of ${layout.set.entry} B (key and hash)` },
    ],
    objects: items.objects,
  });
}

export const setDisplay: Estimator = (node, context) => {
  const items = displayedItems(node, context);
  if (!items) return undefined;
  const { layout, folder } = context;
  const { constantDisplay, constantDisplayMinimum } = layout.compiler;
  const children = expressionChildren(node);
  // Python/compile.c: 3+ constants become one frozenset constant merged into an empty set (3.9+).
  if (
    constantDisplay !== 'build' &&
    children.length >= constantDisplayMinimum &&
    children.every((child) => foldsAtCompileTime(child, folder, layout))
  ) {
    return setEstimate(layout, 'set', items, setTableAfterMerge(layout, items.count));
  }
  return setEstimate(layout, 'set', items, setTableAfterAdds(layout, items.count));
};

export const setComprehension: Estimator = (node, context) => {
  const items = comprehendedItems(node, context);
  return items && setEstimate(context.layout, 'set', items, setTableAfterAdds(context.layout, items.count));
};

function calledSetKind(node: Node, context: EstimateContext): 'set' | 'frozenset' | undefined {
  if (callsBuiltin(node, 'set', context)) return 'set';
  if (callsBuiltin(node, 'frozenset', context)) return 'frozenset';
  return undefined;
}

export const setCall: Estimator = (node, context) => {
  const kind = calledSetKind(node, context);
  if (!kind) return undefined;
  const { layout, folder } = context;
  const args = passedArguments(node);
  if (args.length === 0)
    return setEstimate(layout, kind, { count: 0, leadingStrKeys: 0, objects: new ObjectTally() }, layout.set.minSize);
  if (args.length !== 1) return undefined;
  const rangeArgs = rangeArguments(unparenthesized(args[0]!), context);
  const bounds = rangeArgs?.map((arg) => folder.integer(arg));
  const range = bounds?.every((bound) => bound !== undefined) ? rangeValues(bounds as bigint[]) : undefined;
  if (range) {
    const count = Number(rangeLength(range));
    return setEstimate(
      layout,
      kind,
      { count, leadingStrKeys: 0, objects: rangeObjects(layout, range) },
      setTableAfterAdds(layout, count),
    );
  }
  const items = iteratedItems(args[0]!, context);
  const distinct = items?.distinct;
  if (!distinct) return undefined;
  // Objects/setobject.c set_update_internal: a set or dict is merged with one resize for all its keys.
  if (items.source === 'hashed') return setEstimate(layout, kind, distinct, setTableAfterMerge(layout, distinct.count));
  return setEstimate(layout, kind, distinct, setTableAfterAdds(layout, distinct.count));
};
