// Values that a loop adds to something kept across its passes: `total +=
// loss`, `total = total + loss`, `losses.append(loss)`. A tensor added so
// keeps its autograd graph alive as long as the accumulator lives (the PyTorch
// rules, MEM5xx), and the graph is every pass's.
import type { Node } from 'web-tree-sitter';
import type { DocumentFacts } from '../semantics/facts';
import { bindingsOf } from '../semantics/initialValues';
import { contains, enclosingLoops, isShortLoop } from '../semantics/loops';
import { calleeAnchors, keywordAnchor, parentOfType } from './anchors';
import { AFTER_GROWN_NAME } from './sum-hits';
import { unparenthesized } from '../semantics/syntax';
import { DataScales } from '../scale/dataScale';
import { joinScales, type Scale } from '../scale/scale';
import type { Anchor, RuleContext } from './types';

export interface Accumulation {
  /** `total += v`, `total = total + v`, or the call `losses.append(v)`. */
  readonly statement: Node;
  /** What keeps the values: a name, or the receiver of `append` (`losses`, `history["loss"]`). */
  readonly accumulator: Node;
  /** What each pass adds. */
  readonly value: Node;
  /** The loops, innermost first, over whose passes the accumulator keeps what it is given. */
  readonly loops: readonly Node[];
}

/** The tokens an accumulation holds: its `+=`, the `+` of `total = total + v`, its `append`. */
export const ACCUMULATION_ANCHORS: readonly Anchor[] = [
  keywordAnchor('+=', parentOfType('augmented_assignment')),
  keywordAnchor('+', assignmentOfSum, AFTER_GROWN_NAME),
  ...calleeAnchors(['append']),
];

/** The accumulation a node an ACCUMULATION_ANCHORS reach is, when it runs in long loops that keep what it adds. */
export function accumulationAt(node: Node, facts: DocumentFacts): Accumulation | undefined {
  const shape = shapeOf(node);
  if (!shape) return undefined;
  const loops = keepingLoops(shape.statement, shape.accumulator, facts);
  return loops.length > 0 ? { ...shape, loops } : undefined;
}

/** As large as what the loops that keep the values iterate: the passes are what accumulates. */
export function accumulationScale(accumulation: Accumulation, context: RuleContext): Scale {
  const scales = new DataScales(context.facts, context.dataReads);
  return joinScales(accumulation.loops.map((loop) => scales.ofIteration(loop)));
}

function shapeOf(node: Node): Omit<Accumulation, 'loops'> | undefined {
  if (node.type === 'augmented_assignment') {
    const accumulator = node.childForFieldName('left');
    const value = node.childForFieldName('right');
    const adds = node.childForFieldName('operator')?.text === '+=';
    return adds && accumulator?.type === 'identifier' && value ? { statement: node, accumulator, value } : undefined;
  }
  if (node.type === 'assignment') {
    const accumulator = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    const sum = right ? unparenthesized(right) : undefined;
    const first = sum?.type === 'binary_operator' ? sum.childForFieldName('left') : null;
    const value = sum?.childForFieldName('right');
    if (accumulator?.type !== 'identifier' || sum?.childForFieldName('operator')?.text !== '+' || !first || !value)
      return undefined;
    const old = unparenthesized(first);
    return old.type === 'identifier' && old.text === accumulator.text
      ? { statement: node, accumulator, value }
      : undefined;
  }
  if (node.type !== 'call') return undefined;
  const callee = node.childForFieldName('function');
  const receiver = callee?.type === 'attribute' ? callee.childForFieldName('object') : null;
  const args = node.childForFieldName('arguments')?.namedChildren.filter((arg) => arg?.type !== 'comment') ?? [];
  const only = args.length === 1 ? args[0] : undefined;
  if (!receiver || !only || only.type === 'keyword_argument' || only.type === 'list_splat') return undefined;
  return { statement: node, accumulator: receiver, value: only };
}

/** `total = total + v`: the assignment a `+` belongs to. */
function assignmentOfSum(plus: Node): Node | undefined {
  const sum = plus.parent;
  const assignment = sum?.type === 'binary_operator' ? sum.parent : null;
  return assignment?.type === 'assignment' ? assignment : undefined;
}

/**
 * The enclosing loops, innermost first, that keep what the statement adds:
 * up to the first that stores another value in a name accumulator on its
 * passes (`total = 0` at the top of each epoch), and none when the innermost
 * does or is short. An accumulator that is not a name (`history["loss"]`) is
 * taken as kept by every enclosing loop.
 */
function keepingLoops(statement: Node, accumulator: Node, facts: DocumentFacts): Node[] {
  const loops = enclosingLoops(statement);
  if (loops.length === 0 || isShortLoop(loops[0]!, facts)) return [];
  const resets = accumulator.type === 'identifier' ? resetsOf(accumulator, statement, facts) : [];
  const keeping: Node[] = [];
  for (const loop of loops) {
    if (resets.some((reset) => contains(loop, reset))) break;
    keeping.push(loop);
  }
  return keeping;
}

/** Where the name is bound otherwise than by adding to itself. */
function resetsOf(name: Node, statement: Node, facts: DocumentFacts): Node[] {
  const found = bindingsOf(facts, name.text, name);
  if (!found) return [];
  return found.bindings
    .filter((binding) => {
      if (binding.kind === 'augmented') return false;
      const assignment = binding.site.node.parent;
      return (
        !(assignment?.type === 'assignment' && shapeOf(assignment) !== undefined) &&
        !contains(statement, binding.site.node)
      );
    })
    .map((binding) => binding.site.node);
}
