// What `list(x)`, `tuple(x)`, `set(x)` and `frozenset(x)` copy out of an
// iterable the model can see through: a list or tuple display, a list
// comprehension, a set or dict display (its keys), a set comprehension, a str
// (one 1-char str per code point) or bytes (one int per byte), written there or
// bound once to a name that nothing changed since.
import type { Node } from 'web-tree-sitter';
import { unparenthesized } from '../../semantics/syntax';
import { addValue, itemsObjects } from '../elements';
import type { ListSource } from '../../sizes/objects';
import { ObjectTally } from '../../sizes/tally';
import type { EstimateContext } from '../types';
import { unchangedBinding } from '../unchangedBinding';
import { int, str, type PyValue } from '../../sizes/values';
import { comprehendedListItems } from './comprehensions';
import { displayItems } from './displays';
import { comprehendedItems, displayedKeys, hashKey, type HashedItems } from './hashed';

export interface IteratedItems {
  readonly count: number;
  /** The objects iterating yields, each counted once; undefined when unknown. */
  readonly objects: ObjectTally | undefined;
  /** list() copies sets, frozensets and dicts by a path of their own. */
  readonly source: ListSource;
  /** The items once equal ones fall together, as set() keeps them; undefined when that cannot be told. */
  readonly distinct: HashedItems | undefined;
}

/** A longer str or bytes is not split into items: the model would spend more than the hover is worth. */
const MAX_TEXT_ITEMS = 1_000_000;

export function iteratedItems(node: Node, context: EstimateContext): IteratedItems | undefined {
  const expression = unparenthesized(node);
  const iterable = expression.type === 'identifier' ? unchangedBinding(expression, context) : expression;
  if (!iterable) return undefined;
  switch (iterable.type) {
    case 'list':
    case 'tuple':
      return displayedSequence(iterable, context);
    case 'list_comprehension': {
      const counted = comprehendedListItems(iterable, context);
      return counted && { count: counted.count, objects: counted.objects, source: 'sequence', distinct: undefined };
    }
    case 'set':
    case 'dictionary':
      return hashedItems(displayedKeys(iterable, context));
    case 'set_comprehension':
      return hashedItems(comprehendedItems(iterable, context));
    default:
      return textItems(iterable, context);
  }
}

function hashedItems(items: HashedItems | undefined): IteratedItems | undefined {
  return items && { count: items.count, objects: items.objects, source: 'hashed', distinct: items };
}

function displayedSequence(display: Node, context: EstimateContext): IteratedItems | undefined {
  const items = displayItems(display);
  if (!items) return undefined;
  return {
    count: items.length,
    objects: itemsObjects(items, context),
    source: 'sequence',
    distinct: distinctDisplayed(items, context),
  };
}

/** The first of each run of equal constant items, as set() keeps them; undefined when an item is not a constant. */
function distinctDisplayed(items: readonly Node[], context: EstimateContext): HashedItems | undefined {
  const firsts = new Map<string, Node>();
  for (const item of items) {
    const value = context.folder.constant(item);
    if (!value) return undefined;
    const key = hashKey(value);
    if (!firsts.has(key)) firsts.set(key, item);
  }
  return { count: firsts.size, leadingStrKeys: 0, objects: itemsObjects([...firsts.values()], context) };
}

/** Iterating a str makes a 1-char str per code point (latin-1 ones are shared); bytes yield small ints, all shared. */
function textItems(node: Node, context: EstimateContext): IteratedItems | undefined {
  const value = context.folder.constant(node);
  if (value?.type !== 'str' && value?.type !== 'bytes') return undefined;
  const characters = [...value.value];
  if (characters.length > MAX_TEXT_ITEMS) return undefined;
  const items = characters.map(
    (character): PyValue => (value.type === 'str' ? str(character) : int(BigInt(character.charCodeAt(0)))),
  );
  const { layout } = context;
  const objects = new ObjectTally();
  const firsts = new Map<string, PyValue>();
  for (const item of items) {
    addValue(objects, layout, item, 'own');
    if (!firsts.has(hashKey(item))) firsts.set(hashKey(item), item);
  }
  const distinctObjects = new ObjectTally();
  for (const item of firsts.values()) addValue(distinctObjects, layout, item, 'own');
  return {
    count: items.length,
    objects,
    source: 'sequence',
    distinct: { count: firsts.size, leadingStrKeys: 0, objects: distinctObjects },
  };
}
