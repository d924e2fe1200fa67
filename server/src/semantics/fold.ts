// Constant folding over tree-sitter expressions: `10**6`, `1_000_000`,
// `2 * 500`, a name bound once to a constant, and expressions of loop
// variables. An expression compiles once to an evaluator (a closure), so a
// comprehension's element can be evaluated for every loop value cheaply.
import type { Node } from 'web-tree-sitter';
import type { DocumentFacts } from './facts';
import { descendants, expressionChildren } from './syntax';
import { floatLiteral, integerLiteral, stringLiteral } from '../sizes/literals';
import { singleAssignmentValue } from './names';
import { binaryOperation, comparison, unaryOperation } from '../sizes/operators';
import { asInteger, bool, NONE, truthy, type PyValue } from '../sizes/values';

/** Values of the loop variables in scope. */
export type Env = ReadonlyMap<string, PyValue>;
export type Evaluator = (env: Env) => PyValue | undefined;

const NO_VARIABLES: ReadonlySet<string> = new Set();
const EMPTY_ENV: Env = new Map();

type Compiler = (node: Node, folder: Folder, variables: ReadonlySet<string>) => Evaluator | undefined;

const constant = (value: PyValue | undefined): Evaluator | undefined => (value === undefined ? undefined : () => value);

function stringValue(node: Node): PyValue | undefined {
  if (node.namedChildren.some((child) => child?.type === 'interpolation')) return undefined;
  return stringLiteral(node.text);
}

function concatenatedValue(node: Node): PyValue | undefined {
  const parts = expressionChildren(node).map(stringValue);
  if (parts.some((part) => part === undefined)) return undefined;
  const first = parts[0];
  if (!first || parts.some((part) => part!.type !== first.type)) return undefined;
  const text = parts.map((part) => (part!.type === 'str' || part!.type === 'bytes' ? part!.value : '')).join('');
  return { type: first.type, value: text } as PyValue;
}

/** Runs `combine` at compile time when no operand depends on a loop variable. */
function combined(dependsOnVariables: boolean, combine: Evaluator): Evaluator | undefined {
  return dependsOnVariables ? combine : constant(combine(EMPTY_ENV));
}

const COMPILERS: Readonly<Record<string, Compiler>> = {
  integer: (node) => constant(integerLiteral(node.text)),
  float: (node) => constant(floatLiteral(node.text)),
  string: (node) => constant(stringValue(node)),
  concatenated_string: (node) => constant(concatenatedValue(node)),
  true: () => constant(bool(true)),
  false: () => constant(bool(false)),
  none: () => constant(NONE),
  ellipsis: () => constant({ type: 'ellipsis' }),
  identifier: (node, folder, variables) => {
    const name = node.text;
    if (variables.has(name)) return (env) => env.get(name);
    return constant(folder.nameValue(node));
  },
  parenthesized_expression: (node, folder, variables) => {
    const inner = expressionChildren(node);
    return inner.length === 1 ? folder.compile(inner[0]!, variables) : undefined;
  },
  unary_operator: (node, folder, variables) => {
    const argument = node.childForFieldName('argument');
    const operator = node.childForFieldName('operator')?.text;
    const evaluate = argument && folder.compile(argument, variables);
    if (!evaluate || !operator) return undefined;
    return combined(folder.usesVariables(argument, variables), (env) => {
      const value = evaluate(env);
      return value && unaryOperation(operator, value);
    });
  },
  not_operator: (node, folder, variables) => {
    const argument = node.childForFieldName('argument');
    const evaluate = argument && folder.compile(argument, variables);
    if (!evaluate) return undefined;
    return combined(folder.usesVariables(argument, variables), (env) => {
      const value = evaluate(env);
      const truth = value && truthy(value);
      return truth === undefined ? undefined : bool(!truth);
    });
  },
  binary_operator: (node, folder, variables) => {
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    const operator = node.childForFieldName('operator')?.text;
    const l = left && folder.compile(left, variables);
    const r = right && folder.compile(right, variables);
    if (!l || !r || !operator) return undefined;
    return combined(folder.usesVariables(node, variables), (env) => {
      const a = l(env);
      const b = a && r(env);
      return b && binaryOperation(operator, a!, b);
    });
  },
  boolean_operator: (node, folder, variables) => {
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    const isAnd = node.childForFieldName('operator')?.text === 'and';
    const l = left && folder.compile(left, variables);
    const r = right && folder.compile(right, variables);
    if (!l || !r) return undefined;
    return combined(folder.usesVariables(node, variables), (env) => {
      const a = l(env);
      const truth = a && truthy(a);
      if (truth === undefined) return undefined;
      return truth === isAnd ? r(env) : a;
    });
  },
  comparison_operator: (node, folder, variables) => {
    const operators = node.childrenForFieldName('operators').map((operator) => operator.text);
    const parts = expressionChildren(node).map((operand) => folder.compile(operand, variables));
    if (parts.some((part) => !part) || parts.length !== operators.length + 1) return undefined;
    const evaluators = parts as Evaluator[];
    return combined(folder.usesVariables(node, variables), (env) => {
      let left = evaluators[0]!(env);
      for (const [index, operator] of operators.entries()) {
        const right = evaluators[index + 1]!(env);
        const result = left && right && comparison(operator, left, right);
        if (result?.type !== 'bool' || !result.value) return result;
        left = right;
      }
      return bool(true);
    });
  },
  conditional_expression: (node, folder, variables) => {
    const [body, condition, alternative] = expressionChildren(node).map((part) => folder.compile(part, variables));
    if (!body || !condition || !alternative) return undefined;
    return combined(folder.usesVariables(node, variables), (env) => {
      const test = condition(env);
      const truth = test && truthy(test);
      if (truth === undefined) return undefined;
      return truth ? body(env) : alternative(env);
    });
  },
  tuple: (node, folder, variables) => {
    const items = expressionChildren(node).map((item) => folder.compile(item, variables));
    if (items.some((item) => !item)) return undefined;
    const evaluators = items as Evaluator[];
    return combined(folder.usesVariables(node, variables), (env) => {
      const values = evaluators.map((evaluate) => evaluate(env));
      return values.some((value) => value === undefined) ? undefined : { type: 'tuple', items: values as PyValue[] };
    });
  },
};

/**
 * Operands nested deeper than this are not folded: every caller folds its
 * operands again, so an unbounded depth makes long chains (`1 + 1 + …`)
 * quadratic or worse, and deep enough ones overflow the stack.
 */
export const MAX_FOLD_DEPTH = 64;

/** Folds expressions of one document; names resolve through the document's scopes. */
export class Folder {
  private readonly names = new Map<number, PyValue | null>();
  private readonly resolving = new Set<number>();
  private depth = 0;

  constructor(private readonly facts?: DocumentFacts) {}

  /** The value of an expression without loop variables, when it is a constant. */
  constant(node: Node): PyValue | undefined {
    return this.compile(node, NO_VARIABLES)?.(EMPTY_ENV);
  }

  /** The value of an integer constant expression (bools count as ints). */
  integer(node: Node): bigint | undefined {
    const value = this.constant(node);
    return value && asInteger(value);
  }

  /** An evaluator of `node` in which the names in `variables` take their values from the env. */
  compile(node: Node, variables: ReadonlySet<string>): Evaluator | undefined {
    const compiler = COMPILERS[node.type];
    if (!compiler || this.depth >= MAX_FOLD_DEPTH) return undefined;
    this.depth++;
    try {
      return compiler(node, this, variables);
    } finally {
      this.depth--;
    }
  }

  /** Whether the expression reads one of the loop variables. */
  usesVariables(node: Node, variables: ReadonlySet<string>): boolean {
    if (variables.size === 0) return false;
    for (const part of descendants(node)) if (part.type === 'identifier' && variables.has(part.text)) return true;
    return false;
  }

  /** The constant a name is bound to, when it is bound once to a constant expression. */
  nameValue(identifier: Node): PyValue | undefined {
    if (!this.facts) return undefined;
    const value = singleAssignmentValue(this.facts, identifier);
    if (!value) return undefined;
    const cached = this.names.get(value.id);
    if (cached !== undefined) return cached ?? undefined;
    // `n = n + 1` would otherwise recurse forever.
    if (this.resolving.has(value.id)) return undefined;
    this.resolving.add(value.id);
    try {
      const folded = this.constant(value);
      this.names.set(value.id, folded ?? null);
      return folded;
    } finally {
      this.resolving.delete(value.id);
    }
  }

  /** The expression a name is bound to once (for telling whether two names share one object). */
  boundExpression(identifier: Node): Node | undefined {
    return this.facts ? singleAssignmentValue(this.facts, identifier) : undefined;
  }
}
