// A list comprehension over ranges, as a plan that can be run: its for
// clauses (each a loop variable over range(...)) and if clauses, compiled to
// evaluators, then run to count the items and see each item's value.
import type { Node } from 'web-tree-sitter';
import type { Env, Evaluator } from '../semantics/fold';
import { rangeArguments } from './ranges';
import { rangeLength, rangeValues, type RangeValues } from '../semantics/rangeLength';
import type { EstimateContext } from './types';
import { asInteger, int, truthy, type PyValue } from '../sizes/values';

type Step =
  | {
      readonly kind: 'for';
      readonly name: string;
      readonly args: readonly Evaluator[];
      readonly argNodes: readonly Node[];
    }
  | { readonly kind: 'if'; readonly test: Evaluator };

export interface ComprehensionPlan {
  readonly steps: readonly Step[];
  readonly variables: ReadonlySet<string>;
  /** Set when the plan is one `for` over a range with constant bounds and no `if`. */
  readonly simpleRange: RangeValues | undefined;
}

/** The first for clause's range arguments, when it is the only clause (for `range(n)` with n unknown). */
export function singleRangeArguments(comprehension: Node, context: EstimateContext): Node[] | undefined {
  const clauses = comprehension.namedChildren.filter(
    (child) => child?.type === 'for_in_clause' || child?.type === 'if_clause',
  );
  const [only] = clauses;
  if (clauses.length !== 1 || !only || only.childForFieldName('left')?.type !== 'identifier') return undefined;
  const iterable = only.childForFieldName('right');
  return iterable ? rangeArguments(iterable, context) : undefined;
}

/** The plan of a comprehension whose every for clause is `for name in range(...)` with computable bounds. */
export function comprehensionPlan(comprehension: Node, context: EstimateContext): ComprehensionPlan | undefined {
  const steps: Step[] = [];
  const variables = new Set<string>();
  for (const clause of comprehension.namedChildren) {
    if (clause?.type === 'for_in_clause') {
      const target = clause.childForFieldName('left');
      const iterable = clause.childForFieldName('right');
      const argNodes = iterable && rangeArguments(iterable, context);
      if (target?.type !== 'identifier' || !argNodes) return undefined;
      const args = argNodes.map((arg) => context.folder.compile(arg, variables));
      if (args.some((arg) => arg === undefined)) return undefined;
      steps.push({ kind: 'for', name: target.text, args: args as Evaluator[], argNodes });
      variables.add(target.text);
    } else if (clause?.type === 'if_clause') {
      const condition = clause.namedChild(0);
      const test = condition && context.folder.compile(condition, variables);
      if (!test) return undefined;
      steps.push({ kind: 'if', test });
    }
  }
  const [first] = steps;
  const simpleRange = steps.length === 1 && first?.kind === 'for' ? rangeOf(first.args, new Map()) : undefined;
  return { steps, variables, simpleRange };
}

function rangeOf(args: readonly Evaluator[], env: Env): RangeValues | undefined {
  const values = args.map((arg) => {
    const value = arg(env);
    return value && asInteger(value);
  });
  return values.every((value) => value !== undefined) ? rangeValues(values as bigint[]) : undefined;
}

export type RunResult = 'done' | 'unknown' | 'too long';

/**
 * Runs the loops, calling `item` with the loop variables of every item the
 * comprehension would produce. Stops with 'too long' after `budget` loop
 * iterations and 'unknown' when a bound or condition cannot be computed.
 */
export function runPlan(plan: ComprehensionPlan, budget: number, item: (env: Env) => void): RunResult {
  const env = new Map<string, PyValue>();
  let iterations = 0;
  const run = (index: number): RunResult => {
    const step = plan.steps[index];
    if (!step) {
      item(env);
      return 'done';
    }
    if (step.kind === 'if') {
      const test = step.test(env);
      const truth = test && truthy(test);
      if (truth === undefined) return 'unknown';
      return truth ? run(index + 1) : 'done';
    }
    const range = rangeOf(step.args, env);
    if (!range) return 'unknown';
    const length = rangeLength(range);
    if (BigInt(iterations) + length > BigInt(budget)) return 'too long';
    for (let value = range.start, i = 0n; i < length; i++, value += range.step) {
      iterations++;
      env.set(step.name, int(value));
      const result = run(index + 1);
      if (result !== 'done') return result;
    }
    env.delete(step.name);
    return 'done';
  };
  return run(0);
}
