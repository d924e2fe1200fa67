// Dicts: `{'a': 1}`, `{i: i * i for i in range(n)}`, `dict()`, `dict.fromkeys(range(n))`.
// A dict is its object plus a key table: indices sized to a power of two and
// room for two thirds as many entries (smaller entries when every key is a str, 3.11+).
import type { Node } from 'web-tree-sitter';
import { expressionChildren, passedArguments, unparenthesized } from '../../semantics/syntax';
import type { CPythonLayout } from '../../sizes/cpython';
import { addValue, elementObjects } from '../elements';
import { formatCount } from '../../sizes/format';
import { usable } from '../../sizes/instances';
import { callsBuiltin, rangeArguments, rangeObjects } from '../ranges';
import { rangeLength, rangeValues } from '../../semantics/rangeLength';
import { displayKeyTable } from '../dictDisplayTable';
import { dictSize, dictTable, type DictTable } from '../../sizes/tables';
import { ObjectTally } from '../../sizes/tally';
import type { EstimateContext, Estimator } from '../types';
import { NONE } from '../../sizes/values';
import { comprehendedItems, displayedItems, type HashedItems } from './hashed';
import { containerEstimate } from './container-shape';

// Inserting key by key doubles or quadruples the key table whenever two thirds of it are used (dictTable).

function dictEstimate(
  layout: CPythonLayout,
  items: HashedItems,
  { size: table, strOnly }: DictTable,
  notes: readonly string[] = [],
) {
  const bytes = dictSize(layout, table, strOnly);
  const object = layout.gcHeader + layout.dict.header;
  const entries = usable(table);
  const entry = strOnly ? layout.dict.strEntry : layout.dict.entry;
  return containerEstimate({
    kind: 'dict',
    what: `a dict of ${formatCount(items.count)} item${items.count === 1 ? '' : 's'}`,
    bytes,
    parts: [
      { bytes: object, label: 'header' },
      {
        bytes: bytes - object,
        label: `key table: ${formatCount(table)} index slots and room for ${formatCount(entries)} entries of ${entry} B${strOnly && entry !== layout.dict.entry ? ' (str keys only)' : ''}`,
      },
    ],
    objects: items.objects,
    notes,
  });
}

export const dictDisplay: Estimator = (node, context) => {
  const items = displayedItems(node, context);
  if (!items) return undefined;
  const { layout, folder } = context;
  const keys = expressionChildren(node).map((pair) => folder.constant(pair.childForFieldName('key')!)!);
  // A small display allocates its key table up front; a display of more than half the stack-use guideline
  // in pairs is built in chunks, the first filled key by key, so its table grows as by insertion.
  return dictEstimate(layout, items, displayKeyTable(layout, keys));
};

export const dictComprehension: Estimator = (node, context) => {
  const items = comprehendedItems(node, context);
  return items && dictEstimate(context.layout, items, dictTable(context.layout, items.count, items.leadingStrKeys));
};

/** `dict.fromkeys(...)` called on the builtin dict. */
function isFromKeys(call: Node, context: EstimateContext): boolean {
  const callee = call.childForFieldName('function');
  if (callee?.type !== 'attribute' || callee.childForFieldName('attribute')?.text !== 'fromkeys') return false;
  const object = callee.childForFieldName('object');
  if (object?.type !== 'identifier' || object.text !== 'dict') return false;
  return context.facts ? context.facts.qualifiedName(object) === 'builtins.dict' : true;
}

export const dictCall: Estimator = (node, context) => {
  const { layout } = context;
  if (callsBuiltin(node, 'dict', context) && passedArguments(node).length === 0) {
    return dictEstimate(
      layout,
      { count: 0, leadingStrKeys: 0, objects: new ObjectTally() },
      { size: layout.dict.callTable, strOnly: false },
    );
  }
  if (!isFromKeys(node, context)) return undefined;
  const [source, value, ...rest] = passedArguments(node);
  if (!source || rest.length > 0 || value?.type === 'keyword_argument') return undefined;
  const args = rangeArguments(unparenthesized(source), context);
  const bounds = args?.map((arg) => context.folder.integer(arg));
  const range = bounds?.every((bound) => bound !== undefined) ? rangeValues(bounds as bigint[]) : undefined;
  if (!range) return undefined;
  const count = Number(rangeLength(range));
  const objects = rangeObjects(layout, range);
  if (count > 0) {
    // Every key maps to the same value object (None unless given).
    const valueObjects = value ? elementObjects(value, context) : noneObjects(layout);
    if (valueObjects) objects.merge(valueObjects);
    else return dictEstimate(layout, { count, leadingStrKeys: 0, objects: undefined }, dictTable(layout, count, 0));
  }
  return dictEstimate(layout, { count, leadingStrKeys: 0, objects }, dictTable(layout, count, 0), [
    'Every key maps to the same value object.',
  ]);
};

function noneObjects(layout: CPythonLayout): ObjectTally {
  const tally = new ObjectTally();
  addValue(tally, layout, NONE, 'constant');
  return tally;
}
