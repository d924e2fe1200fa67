// The objects one call of a class defined in the document adds to a
// container, item by item: the instance (its object and, without
// `__slots__`, the array its attribute values live in) and the objects its
// attributes hold, when the call's arguments say what they are.
import type { Node } from 'web-tree-sitter';
import { localClass } from '../semantics/classes';
import { unparenthesized } from '../semantics/syntax';
import { instanceSizes, sizedClassShape } from './instanceSizes';
import { foldsAtCompileTime } from './compile-time';
import { addValue, elementObjects } from './elements';
import type { Env, Evaluator } from '../semantics/fold';
import { attributeSources } from './instanceArguments';
import type { ObjectTally } from '../sizes/tally';
import type { EstimateContext } from './types';

export interface InstanceItems {
  readonly className: string;
  /** Bytes per instance once the class has made a few dozen (the first ones get larger value arrays). */
  readonly perInstance: number;
  readonly slotted: boolean;
  /** Adds `times` instances made with the loop variables of `env`; false when an attribute's value cannot be told. */
  add(tally: ObjectTally, env: Env, times: number): boolean;
}

/** How one distinct attribute value comes about: once for all instances, evaluated per instance, or made anew per call. */
type ValueSource = { readonly once: ObjectTally } | { readonly evaluate: Evaluator } | { readonly fresh: ObjectTally };

function valueSource(
  node: Node,
  variables: ReadonlySet<string>,
  context: EstimateContext,
  inCall: boolean,
): ValueSource | undefined {
  const { folder, layout } = context;
  const expression = unparenthesized(node);
  const foldsNow = foldsAtCompileTime(expression, folder, layout);
  if (foldsNow || (inCall && expression.type === 'identifier' && !folder.usesVariables(expression, variables))) {
    const once = elementObjects(expression, context);
    return once && { once };
  }
  // A value of the class's own code that is not a constant (`self.items = []`) is not modelled.
  if (!inCall) return undefined;
  if (folder.usesVariables(expression, variables)) {
    const evaluate = folder.compile(expression, variables);
    return evaluate && { evaluate };
  }
  const fresh = elementObjects(expression, context);
  return fresh && { fresh };
}

/** The items `ClassName(args)` makes in a comprehension whose loop variables are `variables`. */
export function instanceItems(
  call: Node,
  variables: ReadonlySet<string>,
  context: EstimateContext,
): InstanceItems | undefined {
  const { facts, layout } = context;
  const callee = call.type === 'call' ? call.childForFieldName('function') : null;
  const definition = facts && callee ? localClass(callee, facts) : undefined;
  const shape = definition && sizedClassShape(definition, facts!);
  if (!definition || !shape) return undefined;
  const sizes = instanceSizes(shape, layout);
  const perInstance = shape.slotted ? sizes.withSlots : sizes.withDict;
  const sources = attributeSources(definition, shape, call);
  if (perInstance === undefined || !sources) return undefined;
  // `Point(i, i)`: both attributes hold the one object the name `i` is.
  const distinct = new Map<string, ValueSource>();
  for (const source of sources) {
    const node = 'argument' in source ? source.argument : source.constant;
    const inCall = node.startIndex >= call.startIndex && node.endIndex <= call.endIndex;
    const key = node.type === 'identifier' && inCall ? `name:${node.text}` : `node:${node.id}`;
    if (distinct.has(key)) continue;
    const value = valueSource(node, variables, context, inCall);
    if (!value) return undefined;
    distinct.set(key, value);
  }
  return {
    className: shape.name,
    perInstance,
    slotted: shape.slotted,
    add(tally, env, times) {
      tally.add({ kind: shape.name, bytes: perInstance, sharing: 'own' }, times);
      for (const value of distinct.values()) {
        if ('once' in value) tally.merge(value.once);
        else if ('fresh' in value) tally.merge(value.fresh, times);
        else {
          const result = value.evaluate(env);
          if (!result) return false;
          addValue(tally, layout, result, 'own', undefined, times);
        }
      }
      return true;
    },
  };
}
