// The distinct items of a dict or set: its displays and its comprehensions
// over ranges. Equal keys collapse into one entry as in Python (1, 1.0 and
// True are one key), so the items are counted by value, not by position.
import type { Node } from 'web-tree-sitter';
import { expressionChildren, isAsyncComprehension } from '../../semantics/syntax';
import { comprehensionPlan, runPlan } from '../comprehension-plan';
import { foldsAtCompileTime } from '../compile-time';
import { addValue, constantKey, elementObjects } from '../elements';
import type { Evaluator } from '../../semantics/fold';
import { ObjectTally } from '../../sizes/tally';
import type { EstimateContext } from '../types';
import type { PyValue } from '../../sizes/values';

/** Loop iterations a comprehension may take to be counted. */
const BUDGET = 100_000;

/** A key under which values Python considers equal and hashes alike fall together. */
export function hashKey(value: PyValue): string {
  if (value.type === 'bool') return `number:${value.value ? 1 : 0}`;
  if (value.type === 'int') return `number:${value.value}`;
  if (value.type === 'float' && Number.isInteger(value.value)) return `number:${BigInt(value.value)}`;
  return constantKey(value);
}

export interface HashedItems {
  /** Distinct keys (set items). */
  readonly count: number;
  /** How many keys, in insertion order, are str before the first that is not (3.11+ dicts use smaller entries while every key is). */
  readonly leadingStrKeys: number;
  /** The objects of the keys (and values) that stay, undefined when unknown. */
  readonly objects: ObjectTally | undefined;
}

/** A dict display's `key: value` pairs, or a set display's items; undefined with `**x`, `*x` or keys that are not constants. */
export function displayedItems(display: Node, context: EstimateContext): HashedItems | undefined {
  return distinctEntries(display, context, true);
}

/** The keys a dict display keeps (what iterating the dict yields), or a set display's items. */
export function displayedKeys(display: Node, context: EstimateContext): HashedItems | undefined {
  return distinctEntries(display, context, false);
}

function distinctEntries(display: Node, context: EstimateContext, withValues: boolean): HashedItems | undefined {
  const entries = new Map<string, { key: Node; keyValue: PyValue; value: Node | undefined }>();
  for (const item of expressionChildren(display)) {
    const [keyNode, valueNode] =
      item.type === 'pair' ? [item.childForFieldName('key'), item.childForFieldName('value')] : [item, undefined];
    if (!keyNode || item.type === 'dictionary_splat' || item.type === 'list_splat') return undefined;
    const keyValue = context.folder.constant(keyNode);
    if (!keyValue) return undefined;
    const hash = hashKey(keyValue);
    // The first key object stays; a later equal key only replaces the value.
    const first = entries.get(hash);
    entries.set(hash, {
      key: first?.key ?? keyNode,
      keyValue: first?.keyValue ?? keyValue,
      value: valueNode ?? undefined,
    });
  }
  let objects: ObjectTally | undefined = new ObjectTally();
  for (const entry of entries.values()) {
    const parts = [entry.key, ...(entry.value && withValues ? [entry.value] : [])].map((node) =>
      elementObjects(node, context),
    );
    if (parts.some((part) => !part)) objects = undefined;
    for (const part of parts) if (part) objects?.merge(part);
  }
  return {
    count: entries.size,
    leadingStrKeys: leadingStr([...entries.values()].map((entry) => entry.keyValue)),
    objects,
  };
}

/** How one item expression of a comprehension gives its objects: once for all items, anew per item, or evaluated per item. */
type ItemSource =
  | { readonly shared: ObjectTally | undefined }
  | { readonly fresh: ObjectTally | undefined }
  | { readonly evaluate: Evaluator; readonly variable: string | undefined };

function itemSource(node: Node, variables: ReadonlySet<string>, context: EstimateContext): ItemSource | undefined {
  const { folder, layout } = context;
  if (!folder.usesVariables(node, variables)) {
    const once = foldsAtCompileTime(node, folder, layout) || node.type === 'identifier';
    return once ? { shared: elementObjects(node, context) } : { fresh: elementObjects(node, context) };
  }
  const evaluate = context.folder.compile(node, variables);
  return evaluate && { evaluate, variable: node.type === 'identifier' ? node.text : undefined };
}

/** The items of `{k: v for ...}` or `{x for ...}` whose loops run over ranges, counted by running them. */
export function comprehendedItems(comprehension: Node, context: EstimateContext): HashedItems | undefined {
  if (isAsyncComprehension(comprehension)) return undefined;
  const body = comprehension.childForFieldName('body');
  const plan = comprehensionPlan(comprehension, context);
  if (!body || !plan) return undefined;
  const [keyNode, valueNode] =
    body.type === 'pair' ? [body.childForFieldName('key'), body.childForFieldName('value')] : [body, null];
  if (!keyNode) return undefined;
  const key = itemSource(keyNode, plan.variables, context);
  const value = valueNode ? itemSource(valueNode, plan.variables, context) : undefined;
  if (!key || !('evaluate' in key) || (valueNode && !value)) return undefined;
  const entries = new Map<string, { key: PyValue; value: PyValue | undefined }>();
  let known = true;
  const result = runPlan(plan, BUDGET, (env) => {
    const keyValue = key.evaluate(env);
    const itemValue = value && 'evaluate' in value ? value.evaluate(env) : undefined;
    if (!keyValue || (value && 'evaluate' in value && !itemValue)) {
      known = false;
      return;
    }
    const hash = hashKey(keyValue);
    entries.set(hash, { key: entries.get(hash)?.key ?? keyValue, value: itemValue });
  });
  if (result !== 'done' || !known) return undefined;
  const { layout } = context;
  let objects: ObjectTally | undefined = new ObjectTally();
  // `{x: x ...}`: key and value are the same object.
  const sameObject = value && 'evaluate' in value && value.variable !== undefined && value.variable === key.variable;
  for (const entry of entries.values()) {
    addValue(objects, layout, entry.key, 'own');
    if (entry.value && !sameObject) addValue(objects, layout, entry.value, 'own');
  }
  if (value && 'shared' in value) {
    if (value.shared && entries.size > 0) objects.merge(value.shared);
    else if (!value.shared) objects = undefined;
  }
  if (value && 'fresh' in value) {
    if (value.fresh) objects?.merge(value.fresh, entries.size);
    else objects = undefined;
  }
  return { count: entries.size, leadingStrKeys: leadingStr([...entries.values()].map((entry) => entry.key)), objects };
}

function leadingStr(keys: readonly PyValue[]): number {
  const first = keys.findIndex((key) => key.type !== 'str');
  return first === -1 ? keys.length : first;
}
