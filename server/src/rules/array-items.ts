// What the items of `np.array([item for …])` are, as far as the tree proves it
// (MEM403, MEM414): numbers, which `np.fromiter` takes; rows (tuples of
// numbers, new arrays), which it refuses; or unknown. Anything unproven is
// unknown: `hog(im)`, `X[m].mean(0)`, `model.score_samples(X)` or `x ** i` on
// an unknown `x` may each be an array, and then `np.fromiter` raises; nor is
// a row each a copy of data held elsewhere.
import type { Node } from 'web-tree-sitter';
import type { BindingSite } from '../semantics/bindings';
import type { DocumentFacts } from '../semantics/facts';
import { bindingsOf } from '../semantics/initialValues';
import { callArguments, expressionChildren, unparenthesized } from '../semantics/syntax';
import { isElementwise, isFreshArray } from './fresh-arrays';

/** A number; a row as a tuple or list of numbers; a new array (a row of its own); or unknown. */
export type ItemKind = 'scalar' | 'row' | 'array' | 'unknown';

/** Builtins that return a Python number (or raise) whatever they are given. */
const NUMBER_BUILTINS: ReadonlySet<string> = new Set(
  ['len', 'int', 'float', 'bool', 'complex', 'ord', 'hash'].map((name) => `builtins.${name}`),
);
/** Builtins that return a number when every argument is one (`abs(arr)` is an array). */
const NUMBER_OF_NUMBERS_BUILTINS: ReadonlySet<string> = new Set(
  ['abs', 'round', 'min', 'max', 'pow'].map((name) => `builtins.${name}`),
);
/** math functions whose result is not one number: tuples, and a product of whatever the iterable holds. */
const MATH_NON_SCALARS: ReadonlySet<string> = new Set(['math.frexp', 'math.modf', 'math.prod']);
/** math functions that hand their argument's own `__floor__`, `__ceil__`, `__trunc__` result back, or add up anything. */
const MATH_DISPATCHING: ReadonlySet<string> = new Set(['math.floor', 'math.ceil', 'math.trunc', 'math.sumprod']);
const MATH_CONSTANTS: ReadonlySet<string> = new Set(['math.pi', 'math.e', 'math.tau', 'math.inf', 'math.nan']);
/** `in` and `is` always give a bool; `<`, `==`… on arrays give arrays. */
const BOOL_OPERATORS: ReadonlySet<string> = new Set(['in', 'not in', 'is', 'is not']);
const LITERAL_TYPES: ReadonlySet<string> = new Set(['integer', 'float', 'true', 'false']);
/** How many name bindings to follow (`a = b + 1`, `b = 2`): enough for real code, and no cycle runs forever. */
const MAX_DEPTH = 6;

/** What each item of a comprehension is: a number, a row of numbers, a new array, or unknown. */
export function itemKind(item: Node, facts: DocumentFacts): ItemKind {
  const node = unparenthesized(item);
  if (isProvablyScalar(node, facts, 0)) return 'scalar';
  if (node.type === 'list' || node.type === 'tuple') {
    const items = expressionChildren(node);
    return items.length > 0 && items.every((part) => isProvablyScalar(part, facts, 0)) ? 'row' : 'unknown';
  }
  return isFreshArray(node, facts) ? 'array' : 'unknown';
}

type ScalarTest = (node: Node, scalar: (part: Node | null) => boolean, facts: DocumentFacts, depth: number) => boolean;

/** By node type: when an expression of that type is provably one number, given a test for its parts. */
const SCALAR_TESTS: ReadonlyMap<string, ScalarTest> = new Map<string, ScalarTest>([
  ['not_operator', () => true],
  ['unary_operator', (node, scalar) => scalar(node.childForFieldName('argument'))],
  [
    'binary_operator',
    (node, scalar) => scalar(node.childForFieldName('left')) && scalar(node.childForFieldName('right')),
  ],
  [
    'boolean_operator',
    (node, scalar) => scalar(node.childForFieldName('left')) && scalar(node.childForFieldName('right')),
  ],
  [
    'comparison_operator',
    (node, scalar) =>
      node.childrenForFieldName('operators').every((operator) => BOOL_OPERATORS.has(operator.type)) ||
      expressionChildren(node).every(scalar),
  ],
  [
    'conditional_expression',
    (node, scalar) => {
      const [whenTrue, , whenFalse] = expressionChildren(node);
      return scalar(whenTrue ?? null) && scalar(whenFalse ?? null);
    },
  ],
  ['call', (node, _scalar, facts, depth) => isScalarCall(node, facts, depth)],
  ['attribute', (node, _scalar, facts) => MATH_CONSTANTS.has(facts.qualifiedName(node) ?? '')],
  ['identifier', (node, _scalar, facts, depth) => isScalarName(node, facts, depth + 1)],
  ...[...LITERAL_TYPES].map((type): [string, ScalarTest] => [type, () => true]),
]);

/** Whether the expression is one Python number (or bool) whatever the data: attribute reads, subscripts and unknown calls are not. */
function isProvablyScalar(expression: Node, facts: DocumentFacts, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  const node = unparenthesized(expression);
  const test = SCALAR_TESTS.get(node.type);
  return test?.(node, (part) => part !== null && isProvablyScalar(part, facts, depth), facts, depth) ?? false;
}

function isScalarCall(call: Node, facts: DocumentFacts, depth: number): boolean {
  const callee = call.childForFieldName('function');
  if (!callee) return false;
  const args = callArguments(call);
  // `x.item()`: numpy's (and pandas', torch's) way out of an array into a Python number.
  if (callee.type === 'attribute' && callee.childForFieldName('attribute')?.text === 'item') return args.length === 0;
  const name = facts.qualifiedName(callee) ?? '';
  if (NUMBER_BUILTINS.has(name)) return true;
  const numbers =
    args.length > 0 && args.every((arg) => arg.type !== 'keyword_argument' && isProvablyScalar(arg, facts, depth));
  if (NUMBER_OF_NUMBERS_BUILTINS.has(name))
    return numbers && (args.length > 1 || (name !== 'builtins.min' && name !== 'builtins.max'));
  // `np.exp(x)` of a number is a numpy scalar, which np.fromiter takes as it takes a float.
  return ((name.startsWith('math.') && !MATH_NON_SCALARS.has(name)) || isElementwise(name)) && numbers;
}

/**
 * Whether `f` in `map(f, xs)` gives one number whatever item it is given:
 * `len`, `int`, `float`, `bool`, `complex`, `ord`, `hash`; a math function that
 * converts its arguments to numbers (not `math.floor`, which returns what the
 * item's `__floor__` does); a lambda whose body is provably a number.
 */
export function isScalarFunction(f: Node, facts: DocumentFacts): boolean {
  const node = unparenthesized(f);
  if (node.type === 'lambda') {
    const body = node.childForFieldName('body');
    return body !== null && isProvablyScalar(body, facts, 0);
  }
  if (node.type !== 'identifier' && node.type !== 'attribute') return false;
  const name = facts.qualifiedName(node) ?? '';
  if (NUMBER_BUILTINS.has(name)) return true;
  return (
    name.startsWith('math.') && !MATH_NON_SCALARS.has(name) && !MATH_DISPATCHING.has(name) && !MATH_CONSTANTS.has(name)
  );
}

/** A name every binding of which stores a number: a literal, arithmetic of numbers, a loop over `range(…)`. */
function isScalarName(name: Node, facts: DocumentFacts, depth: number): boolean {
  const found = bindingsOf(facts, name.text, name);
  if (!found || found.bindings.length === 0) return false;
  return found.bindings.every((binding) => {
    if (binding.kind === 'value') return isProvablyScalar(binding.value, facts, depth);
    if (binding.kind === 'augmented') return isProvablyScalar(binding.value, facts, depth);
    return binding.site.kind === 'loop' && isScalarLoopTarget(binding.site, facts, depth);
  });
}

/**
 * `for i in range(…)`, `for v in (1.5, 2.5)`, and the counter of
 * `for i, x in enumerate(…)`, in a `for` statement or a comprehension.
 */
function isScalarLoopTarget(site: BindingSite, facts: DocumentFacts, depth: number): boolean {
  const parent = site.node.parent;
  if (parent?.type === 'for_in_clause' || parent?.type === 'for_statement') {
    const iterable = parent.childForFieldName('right');
    return iterable !== null && iteratesNumbers(iterable, facts, depth);
  }
  const clause = parent?.parent;
  if (
    (parent?.type !== 'pattern_list' && parent?.type !== 'tuple_pattern') ||
    (clause?.type !== 'for_in_clause' && clause?.type !== 'for_statement')
  )
    return false;
  if (expressionChildren(parent)[0]?.id !== site.node.id) return false;
  const iterable = clause.childForFieldName('right');
  const callee =
    iterable && unparenthesized(iterable).type === 'call'
      ? unparenthesized(iterable).childForFieldName('function')
      : null;
  return callee !== null && facts.qualifiedName(callee) === 'builtins.enumerate';
}

function iteratesNumbers(iterable: Node, facts: DocumentFacts, depth: number): boolean {
  const node = unparenthesized(iterable);
  if (node.type === 'list' || node.type === 'tuple') {
    return expressionChildren(node).every((item) => isProvablyScalar(item, facts, depth));
  }
  const callee = node.type === 'call' ? node.childForFieldName('function') : null;
  return callee !== null && facts.qualifiedName(callee) === 'builtins.range';
}
