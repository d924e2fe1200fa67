// A list filled by a loop: `xs = []` then `for i in range(1000): xs.append(i)`.
// Hovering the `xs.append(...)` call gives the list as the loop leaves it, with
// the capacity list_resize's over-allocation reaches after that many appends.
import type { Node } from 'web-tree-sitter';
import { statementOf } from '../../semantics/loops';
import { statementsBetween } from '../../semantics/statementsBetween';
import { mayMutate } from '../../semantics/mutation';
import { containsType, descendants, passedArguments, unparenthesized } from '../../semantics/syntax';
import { bindingsOf } from '../../semantics/initialValues';
import { contains } from '../../semantics/loops';
import { elementObjects } from '../elements';
import { formatCount } from '../../sizes/format';
import { singleAssignmentValue } from '../../semantics/names';
import { capacityAfterAppends } from '../../sizes/objects';
import { rangeArguments, rangeObjects } from '../ranges';
import { rangeLength, rangeValues, type RangeValues } from '../../semantics/rangeLength';
import { ObjectTally } from '../../sizes/tally';
import type { EstimateContext, Estimator } from '../types';
import { listEstimate } from './list-shape';

// A pass that may end early or skip the append makes the count unknown.
const EARLY_EXITS: ReadonlySet<string> = new Set([
  'break_statement',
  'continue_statement',
  'return_statement',
  'raise_statement',
]);

/** `NAME.append(one positional argument)`: the name and the argument. */
function appendCall(node: Node): { name: Node; item: Node } | undefined {
  const callee = node.childForFieldName('function');
  if (callee?.type !== 'attribute' || callee.childForFieldName('attribute')?.text !== 'append') return undefined;
  const name = callee.childForFieldName('object');
  const args = passedArguments(node);
  if (
    name?.type !== 'identifier' ||
    args.length !== 1 ||
    ['keyword_argument', 'list_splat', 'dictionary_splat'].includes(args[0]!.type)
  )
    return undefined;
  return { name, item: args[0]! };
}

/** The `for` loop over a range of known length whose body runs the statement once per pass. */
function rangeLoopAround(statement: Node, context: EstimateContext): { loop: Node; range: RangeValues } | undefined {
  const body = statement.parent;
  const loop = body?.parent;
  if (body?.type !== 'block' || loop?.type !== 'for_statement' || !loop.childForFieldName('body')?.equals(body))
    return undefined;
  if (loop.children.some((child) => child?.type === 'async')) return undefined;
  const args = loop.childForFieldName('right') && rangeArguments(loop.childForFieldName('right')!, context);
  const values = args?.map((arg) => context.folder.integer(arg));
  const range = values?.every((value) => value !== undefined) ? rangeValues(values as bigint[]) : undefined;
  if (!range) return undefined;
  return containsType(body, EARLY_EXITS) ? undefined : { loop, range };
}

/** What the appended items are: the loop's ints, or one constant; undefined otherwise. */
function appendedObjects(
  item: Node,
  loop: Node,
  range: RangeValues,
  context: EstimateContext,
): ObjectTally | undefined {
  const expression = unparenthesized(item);
  const target = loop.childForFieldName('left');
  if (target?.type === 'identifier' && expression.type === 'identifier' && expression.text === target.text)
    return rangeObjects(context.layout, range);
  if (context.folder.constant(expression)) return elementObjects(expression, context);
  return sameEachPass(expression, loop, context)
    ? madeEachPass(expression, Number(rangeLength(range)), context)
    : undefined;
}

/** The item reads no name the loop binds (its target, or a name assigned in its body): each pass appends the same thing. */
function sameEachPass(item: Node, loop: Node, context: EstimateContext): boolean {
  const { facts } = context;
  if (!facts) return false;
  const names = [item, ...descendants(item)].filter((node) => node.type === 'identifier');
  return names.every((name) => {
    // A builtin (or a star import's name) is bound nowhere in the file, so not by the loop either.
    const found = bindingsOf(facts, name.text, name);
    return !found?.bindings.some((binding) => contains(loop, binding.site.node));
  });
}

/**
 * The objects of `count` passes of the item: a new object per pass (`bytes(100_000)`),
 * while what a name or constant refers to is one object, counted once.
 */
function madeEachPass(item: Node, count: number, context: EstimateContext): ObjectTally | undefined {
  const once = elementObjects(item, context);
  if (!once) return undefined;
  const tally = new ObjectTally();
  tally.merge(once, count);
  return tally;
}

export const appendLoopCall: Estimator = (node, context) => {
  const { facts, layout } = context;
  const append = appendCall(node);
  const statement = append && statementOf(node);
  if (!facts || !append || statement?.type !== 'expression_statement' || !statement.firstNamedChild?.equals(node))
    return undefined;
  const around = rangeLoopAround(statement, context);
  if (!around) return undefined;
  const { loop, range } = around;
  // Bound once to `[]`, just before the loop in the same block, and changed by nothing but this append.
  const empty = singleAssignmentValue(facts, append.name);
  const binding = empty && statementOf(empty);
  if (empty?.type !== 'list' || empty.namedChildren.some((child) => child?.type !== 'comment') || !binding)
    return undefined;
  const before = statementsBetween(binding, loop, facts.module);
  if (!before) return undefined;
  const others = loop
    .childForFieldName('body')!
    .namedChildren.filter((child): child is Node => child !== null && !child.equals(statement));
  const question = { facts, iteratingConsumes: false };
  if (mayMutate([...before, ...others, append.item], [append.name.text], question)) return undefined;
  const items = Number(rangeLength(range));
  const list = listEstimate(layout, {
    items,
    // Appending one item at a time over-allocates as the list grows (list_resize): the spare slots stay after the loop.
    capacity: capacityAfterAppends(layout, items),
    objects: appendedObjects(append.item, loop, range, context),
    notes: [`${formatCount(items)} appends to \`[]\`, one per pass of the loop.`],
  });
  return { ...list, what: `\`${append.name.text}\` after the loop, ${list.what}` };
};
