// List comprehensions over ranges: `[x * x for x in range(1000) if x % 3]`.
// The list is built by appending, so its capacity follows list_resize growth;
// the items are counted by running the loops on the folded bounds.
import type { Node } from 'web-tree-sitter';
import { isAsyncComprehension } from '../../semantics/syntax';
import { foldsAtCompileTime } from '../compile-time';
import { comprehensionPlan, runPlan, singleRangeArguments, type ComprehensionPlan } from '../comprehension-plan';
import { objectParts } from '../../sizes/describe';
import {
  arrayForm,
  numberKindOf,
  NumberKindTracker,
  numpyForm,
  withCheaperForms,
  type NumberKind,
} from '../../sizes/compactForms';
import { addValue, elementObjects } from '../elements';
import { instanceItems, type InstanceItems } from '../instanceItems';
import type { Env, Evaluator } from '../../semantics/fold';
import { generatorEstimate } from '../generator';
import { capacityAfterAppends, intSize } from '../../sizes/objects';
import { rangeCountText, rangeObjects } from '../ranges';
import { rangeLength } from '../../semantics/rangeLength';
import { approximateSize, exactSize, perCountSize, type Size } from '../../sizes/size';
import { ObjectTally } from '../../sizes/tally';
import type { EstimateContext, Estimator } from '../types';
import type { Alternative, Part } from '../../sizes/sizeEstimate';
import { int } from '../../sizes/values';
import { listEstimate, symbolicListEstimate } from './list-shape';

/** Loop iterations run one by one before switching to sampling. */
const EXACT_BUDGET = 100_000;
const SAMPLES = 10_000;

/** How the items relate to the loop: one shared object, the loop variable itself, or a value computed per item. */
type Body =
  | { readonly kind: 'shared'; readonly objects: ObjectTally | undefined; readonly expression: Node }
  | { readonly kind: 'loop variable'; readonly name: string }
  | { readonly kind: 'fresh container'; readonly objects: ObjectTally }
  | { readonly kind: 'computed'; readonly evaluate: Evaluator }
  | { readonly kind: 'instances'; readonly items: InstanceItems }
  | { readonly kind: 'unknown' };

function classifyBody(body: Node, variables: ReadonlySet<string>, context: EstimateContext): Body {
  const { folder, layout } = context;
  const usesLoop = folder.usesVariables(body, variables);
  if (foldsAtCompileTime(body, folder, layout) || (body.type === 'identifier' && !usesLoop)) {
    return { kind: 'shared', objects: elementObjects(body, context), expression: body };
  }
  if (body.type === 'identifier') return { kind: 'loop variable', name: body.text };
  const instances = instanceItems(body, variables, context);
  if (instances) return { kind: 'instances', items: instances };
  const evaluate = folder.compile(body, variables);
  if (evaluate) return { kind: 'computed', evaluate };
  if (!usesLoop) {
    // A display or repetition evaluated anew for every item.
    const objects = elementObjects(body, context);
    if (objects) return { kind: 'fresh container', objects };
  }
  return { kind: 'unknown' };
}

function generatorAlternative(comprehension: Node, context: EstimateContext): Alternative | undefined {
  const generator = generatorEstimate(comprehension, context.layout, context.facts, (node) =>
    foldsAtCompileTime(node, context.folder, context.layout),
  );
  if (!generator) return undefined;
  return {
    code: `(${comprehension.text.slice(1, -1)})`,
    what: 'a generator expression, when the items are only iterated once',
    size: generator.exact ? exactSize(generator.bytes) : approximateSize(generator.bytes),
  };
}

export interface CountedItems {
  readonly count: number;
  readonly objects: ObjectTally | undefined;
  /** What the items are as numbers, when every one is an int that fits int64 or a number that fits a double. */
  readonly kind: NumberKind | undefined;
  /** True when the items were sampled rather than each evaluated, so that `kind` is a guess. */
  readonly sampled?: boolean;
}

/** Counts the items and the objects they are, running the loops (or sampling a long single loop). */
function countItems(plan: ComprehensionPlan, body: Body, context: EstimateContext): CountedItems | undefined {
  const { layout } = context;
  const kinds = new NumberKindTracker();
  const range = plan.simpleRange;
  const unknownItems = body.kind === 'unknown' || (body.kind === 'shared' && !body.objects);
  const objects = unknownItems ? undefined : new ObjectTally();
  if (body.kind === 'shared' && body.objects) objects?.merge(body.objects);
  const perItem = (env: Env, times: number): boolean => {
    if (body.kind === 'fresh container') objects!.merge(body.objects, times);
    if (body.kind === 'instances') return body.items.add(objects!, env, times);
    if (body.kind === 'computed' || body.kind === 'loop variable') {
      const value = body.kind === 'computed' ? body.evaluate(env) : env.get(body.name);
      if (!value) return false;
      kinds.add(value);
      addValue(objects!, layout, value, 'own', undefined, times);
    }
    return true;
  };
  if (range) {
    const count = Number(rangeLength(range));
    if (body.kind === 'loop variable') {
      const last = range.start + (BigInt(count) - 1n) * range.step;
      return {
        count,
        objects: rangeObjects(layout, range),
        kind: count > 0 ? numberKindOf([int(range.start), int(last)]) : undefined,
      };
    }
    if (body.kind === 'shared' || body.kind === 'unknown')
      return { count, objects: body.kind === 'shared' ? body.objects : undefined, kind: sharedKind(body, context) };
    if (count > EXACT_BUDGET) {
      // Sample evenly spread items; each stands for count / SAMPLES of them.
      const [step] = plan.steps;
      const name = step?.kind === 'for' ? step.name : '';
      const env = new Map([[name, int(0n)]]);
      let known = true;
      for (let sample = 0; sample < SAMPLES && known; sample++) {
        const index = BigInt(Math.floor((sample * count) / SAMPLES));
        env.set(name, int(range.start + index * range.step));
        known = perItem(env, count / SAMPLES);
      }
      if (objects) objects.approximate = true;
      return { count, objects: known ? objects : undefined, kind: known ? kinds.kind : undefined, sampled: true };
    }
  }
  let count = 0;
  let known = objects !== undefined;
  const result = runPlan(plan, EXACT_BUDGET, (env) => {
    count++;
    if (known) known = perItem(env, 1);
  });
  if (result !== 'done') return undefined;
  if (body.kind === 'shared') return { count, objects: known ? objects : undefined, kind: sharedKind(body, context) };
  return { count, objects: known ? objects : undefined, kind: known ? kinds.kind : undefined };
}

/**
 * Without `__slots__` the figure per instance is the one CPython settles on
 * once the class has made a few dozen instances: the first ones get larger
 * value arrays, so the deep size is marked approximate.
 */
function instanceNotes(items: InstanceItems, counted: CountedItems): string[] {
  if (items.slotted)
    return [`Each ${items.className} is ${items.perInstance} B: the object with its slots, no \`__dict__\`.`];
  if (counted.objects) counted.objects.approximate = true;
  return [
    `Each ${items.className} is ${items.perInstance} B once a few dozen are made (the first ones take more); hover the class for \`__slots__\`.`,
  ];
}

/** The number kind of an item that is one constant for every iteration. */
function sharedKind(body: Body, context: EstimateContext): NumberKind | undefined {
  if (body.kind !== 'shared') return undefined;
  const value = context.folder.constant(body.expression);
  return value ? numberKindOf([value]) : undefined;
}

/** array('q' | 'd') and np.fromiter over the same generator: the numbers unboxed. */
function comprehensionForms(comprehension: Node, counted: CountedItems, context: EstimateContext): Alternative[] {
  const { kind, count } = counted;
  if (!kind) return [];
  const generator = `(${comprehension.text.slice(1, -1)})`;
  return [
    arrayForm(context.layout, kind, (code) => `array.array('${code}', ${generator})`, count, 'appended'),
    numpyForm(kind, (dtype) => `np.fromiter(${generator}, dtype=${dtype}, count=${count})`, count),
  ];
}

/** `[... for x in range(n)]` with n not a constant: the size per item. */
function symbolicComprehension(node: Node, args: readonly Node[], context: EstimateContext) {
  const { layout } = context;
  const body = node.childForFieldName('body')!;
  const variable = node.namedChildren.find((child) => child?.type === 'for_in_clause')!.childForFieldName('left')!.text;
  const classified = classifyBody(body, new Set([variable]), context);
  const count = rangeCountText(args);
  let held: { size: Size; parts: Part[] } | undefined;
  if (classified.kind === 'shared' && classified.objects) {
    const size = exactSize(classified.objects.bytes);
    held = { size, parts: objectParts(classified.objects) };
  } else if (classified.kind === 'loop variable') {
    const perInt = intSize(layout, 0n);
    const size = perCountSize(0, perInt, count, true);
    held = {
      size,
      parts: [{ size, label: 'for the int objects' }],
    };
  }
  const alternative = generatorAlternative(node, context);
  return symbolicListEstimate(layout, {
    count,
    slotsPerUnit: 1,
    // A comprehension appends its items one by one, so the list over-allocates as it grows (up to about 1/8 spare).
    approximate: true,
    ...(held ? { held } : {}),
    ...(alternative ? { alternative } : {}),
  });
}

/** The items a list comprehension makes, counted by running its loops; undefined when they cannot be counted. */
export function comprehendedListItems(node: Node, context: EstimateContext): CountedItems | undefined {
  const body = node.childForFieldName('body');
  const plan = isAsyncComprehension(node) ? undefined : comprehensionPlan(node, context);
  return body && plan ? countItems(plan, classifyBody(body, plan.variables, context), context) : undefined;
}

export const listComprehension: Estimator = (node, context) => {
  if (isAsyncComprehension(node)) return undefined;
  const body = node.childForFieldName('body');
  if (!body) return undefined;
  const plan = comprehensionPlan(node, context);
  if (!plan) {
    const args = singleRangeArguments(node, context);
    return args ? symbolicComprehension(node, args, context) : undefined;
  }
  const classified = classifyBody(body, plan.variables, context);
  const counted = countItems(plan, classified, context);
  if (!counted) return undefined;
  const notes = classified.kind === 'instances' ? instanceNotes(classified.items, counted) : [];
  const alternative = generatorAlternative(node, context);
  const list = listEstimate(context.layout, {
    items: counted.count,
    capacity: capacityAfterAppends(context.layout, counted.count),
    objects: counted.objects,
    ...(alternative ? { alternative } : {}),
    notes,
    numbers: counted.kind && !counted.sampled ? { count: counted.count, kind: counted.kind } : undefined,
  });
  return withCheaperForms(list, comprehensionForms(node, counted, context));
};
