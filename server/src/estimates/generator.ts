// The size of the generator object a generator expression makes. In CPython
// 3.11 a generator embeds its frame: one pointer per local variable (the
// iterator `.0`, the loop targets, free variables) and per value-stack entry,
// so the size depends on how deep the expression's evaluation stack goes.
// The depths below follow what Python/compile.c emits for each construct.
import type { Node } from 'web-tree-sitter';
import { targetNames } from '../semantics/bindings';
import type { DocumentFacts } from '../semantics/facts';
import { descendants, expressionChildren } from '../semantics/syntax';
import type { CPythonLayout } from '../sizes/cpython';
import { generatorSize } from '../sizes/objects';

interface Depth {
  readonly slots: number;
  /** False when a construct's stack use was guessed. */
  readonly exact: boolean;
}

type DepthRule = (node: Node, depth: (node: Node) => Depth) => Depth;

const one: DepthRule = () => ({ slots: 1, exact: true });

/** Items evaluated one after another onto the stack, the first at offset `base`. */
function sequence(items: readonly Node[], depth: (node: Node) => Depth, base = 0): Depth {
  let slots = base;
  let exact = true;
  items.forEach((item, index) => {
    const inner = depth(item);
    slots = Math.max(slots, base + index + inner.slots);
    exact &&= inner.exact;
  });
  return { slots: Math.max(slots, 1), exact };
}

function field(node: Node, name: string, depth: (node: Node) => Depth): Depth {
  const child = node.childForFieldName(name);
  return child ? depth(child) : { slots: 1, exact: false };
}

const RULES: Readonly<Record<string, DepthRule>> = {
  identifier: one,
  integer: one,
  float: one,
  true: one,
  false: one,
  none: one,
  ellipsis: one,
  string: (node) => ({ slots: 1, exact: !node.namedChildren.some((child) => child?.type === 'interpolation') }),
  concatenated_string: (node) => ({
    slots: 1,
    exact: !node.descendantsOfType('interpolation').some((found) => found !== null),
  }),
  parenthesized_expression: (node, depth) => sequence(expressionChildren(node), depth),
  unary_operator: (node, depth) => field(node, 'argument', depth),
  not_operator: (node, depth) => field(node, 'argument', depth),
  attribute: (node, depth) => field(node, 'object', depth),
  // The left operand stays on the stack while the right one is evaluated.
  binary_operator: (node, depth) =>
    sequence([node.childForFieldName('left')!, node.childForFieldName('right')!], depth),
  subscript: (node, depth) =>
    sequence([node.childForFieldName('value')!, ...node.childrenForFieldName('subscript')], depth),
  // `a and b` leaves only one operand on the stack at a time.
  boolean_operator: (node, depth) => {
    const left = field(node, 'left', depth);
    const right = field(node, 'right', depth);
    return { slots: Math.max(left.slots, right.slots), exact: left.exact && right.exact };
  },
  conditional_expression: (node, depth) => {
    const parts = expressionChildren(node).map(depth);
    return { slots: Math.max(...parts.map((part) => part.slots)), exact: parts.every((part) => part.exact) };
  },
  // A chain `a < b < c` keeps a copy of the middle operand: up to three entries.
  comparison_operator: (node, depth) => {
    const operands = expressionChildren(node);
    const pairwise = sequence(operands.slice(0, 2), depth);
    if (operands.length <= 2) return pairwise;
    const rest = operands.slice(2).map((operand) => 1 + depth(operand).slots);
    return { slots: Math.max(pairwise.slots, 3, ...rest), exact: false };
  },
  // A call pushes the callable in two entries (NULL or self, and the function), then the arguments.
  call: (node, depth) => {
    const callee = node.childForFieldName('function');
    const argumentList = node.childForFieldName('arguments');
    if (!callee || argumentList?.type !== 'argument_list') return { slots: 2, exact: false };
    const calleeDepth =
      callee.type === 'attribute'
        ? field(callee, 'object', depth)
        : callee.type === 'identifier'
          ? { slots: 1, exact: true }
          : depth(callee);
    const args = expressionChildren(argumentList).map((arg) =>
      arg.type === 'keyword_argument' ? (arg.childForFieldName('value') ?? arg) : arg,
    );
    const splat = args.some((arg) => arg.type === 'list_splat' || arg.type === 'dictionary_splat');
    const calleeSlots =
      callee.type === 'identifier' || callee.type === 'attribute'
        ? Math.max(calleeDepth.slots, 2)
        : 1 + calleeDepth.slots;
    const pushed = sequence(args, depth, 2);
    return { slots: Math.max(calleeSlots, pushed.slots), exact: calleeDepth.exact && pushed.exact && !splat };
  },
  tuple: (node, depth) => sequence(expressionChildren(node), depth),
  list: (node, depth) => sequence(expressionChildren(node), depth),
  set: (node, depth) => sequence(expressionChildren(node), depth),
};

/** Stack depth of an expression; one the compiler folds into a constant is a single load. */
function depthFunction(isConstant: (node: Node) => boolean): (node: Node) => Depth {
  const depth = (node: Node): Depth => {
    if (isConstant(node)) return { slots: 1, exact: true };
    const rule = RULES[node.type];
    return rule ? rule(node, depth) : { slots: 2, exact: false };
  };
  return depth;
}

/** Names the comprehension reads that live in an enclosing function: free variables, one frame slot each. */
function freeVariables(comprehension: Node, bound: ReadonlySet<string>, facts: DocumentFacts | undefined): number {
  if (!facts) return 0;
  const free = new Set<string>();
  const firstIterable = comprehension.namedChildren
    .find((child) => child?.type === 'for_in_clause')
    ?.childForFieldName('right');
  const isFirstIterable = (node: Node) =>
    firstIterable !== null && firstIterable !== undefined && node.equals(firstIterable);
  for (const node of descendants(comprehension, (node) => !isFirstIterable(node))) {
    if (isFirstIterable(node) || node.type !== 'identifier' || bound.has(node.text)) continue;
    const found = facts.lookup(node.text, node);
    if (
      found &&
      found !== 'unknown' &&
      (found.scope.node.type === 'function_definition' || found.scope.node.type === 'lambda')
    )
      free.add(node.text);
  }
  return free.size;
}

export interface GeneratorEstimate {
  readonly bytes: number;
  readonly exact: boolean;
}

/** sys.getsizeof of the generator object `(body for ... in ... if ...)` with the clauses of `comprehension`. */
export function generatorEstimate(
  comprehension: Node,
  layout: CPythonLayout,
  facts: DocumentFacts | undefined,
  isConstant: (node: Node) => boolean,
): GeneratorEstimate | undefined {
  const body = comprehension.childForFieldName('body');
  if (!body) return undefined;
  const expressionDepth = depthFunction(isConstant);
  let iterators = 0;
  let slots = 0;
  let exact = true;
  const bound = new Set<string>();
  const need = (depth: Depth, base: number): void => {
    slots = Math.max(slots, base + depth.slots);
    exact &&= depth.exact;
  };
  for (const clause of comprehension.namedChildren) {
    if (clause?.type === 'for_in_clause') {
      const iterable = clause.childForFieldName('right');
      // The first iterable is evaluated outside the generator and handed in as `.0`.
      if (iterators > 0 && iterable) need(expressionDepth(iterable), iterators);
      iterators++;
      const targets = targetNames(clause.childForFieldName('left'));
      for (const target of targets) bound.add(target.text);
      // FOR_ITER pushes the item; unpacking spreads it over one entry per target.
      slots = Math.max(slots, iterators + Math.max(1, targets.length));
      if (clause.childForFieldName('left')?.type !== 'identifier') exact = false;
    } else if (clause?.type === 'if_clause') {
      const condition = clause.namedChild(0);
      if (condition) need(expressionDepth(condition), iterators);
    }
  }
  if (iterators === 0) return undefined;
  need(expressionDepth(body), iterators);
  const locals = 1 + bound.size + freeVariables(comprehension, bound, facts);
  // Before 3.11 the frame is a separate object and the generator's size is fixed.
  const { embedsFrame, stackDepthsModelled } = layout.generator;
  return { bytes: generatorSize(layout, locals + slots), exact: !embedsFrame || (exact && stackDepthsModelled) };
}
