// How the code around an expression uses its value: iterates it, passes it to
// a call, indexes it, tests membership in it… Rules ask this to decide whether
// a lighter object (a range, a generator) would serve every use.
import type { Node } from 'web-tree-sitter';
import type { DocumentFacts } from './facts';
import { isAssignmentTarget } from './assignmentTargets';
import { isField } from './syntax';

export type ValueUse =
  /** `for _ in v`, `[… for _ in v]`, `f(*v)`, `[*v]`: iterated once, start to end. */
  | { readonly kind: 'iterated' }
  /** A plain positional argument (no `*args` in the call, so positions are known). */
  | {
      readonly kind: 'argument';
      readonly call: Node;
      /** The callee's qualified name (`builtins.len`), when it resolves. */
      readonly callee: string | undefined;
      readonly position: number;
      readonly positionalCount: number;
    }
  /** `v[i]`, read (not assigned or deleted). */
  | { readonly kind: 'indexed'; readonly subscript: Node }
  /** `v[a:b]`, read; the slice is a new value with uses of its own. */
  | { readonly kind: 'sliced'; readonly subscript: Node }
  /** `x in v`, `x not in v`, as the last operand. */
  | { readonly kind: 'membership' }
  /** `v.name(…)`. */
  | { readonly kind: 'method'; readonly name: string; readonly call: Node }
  /** Anything else: assigned, returned, stored, compared, an assignment target… */
  | { readonly kind: 'other' };

const OTHER: ValueUse = { kind: 'other' };
const ITERATED: ValueUse = { kind: 'iterated' };

/** Containers a display or unpacking `*v` may stand in; all of them iterate v. */
const SPLAT_CONTAINERS: ReadonlySet<string> = new Set(['argument_list', 'list', 'tuple', 'set', 'expression_list']);

/** How the value of `expression` is used by the code immediately around it. */
export function usageOf(expression: Node, facts: DocumentFacts): ValueUse {
  const value = outermostParentheses(expression);
  const parent = value.parent;
  if (!parent) return OTHER;
  const classify = CLASSIFIERS[parent.type];
  return classify ? classify(value, parent, facts) : OTHER;
}

type Classifier = (value: Node, parent: Node, facts: DocumentFacts) => ValueUse;

const iteratedWhenRight: Classifier = (value, parent) =>
  isField(parent, 'right', value) && !isAsync(parent) ? ITERATED : OTHER;

const CLASSIFIERS: Readonly<Record<string, Classifier>> = {
  for_statement: iteratedWhenRight,
  for_in_clause: iteratedWhenRight,
  list_splat: (_value, parent) => (parent.parent && SPLAT_CONTAINERS.has(parent.parent.type) ? ITERATED : OTHER),
  argument_list: (value, parent, facts) => argumentUse(value, parent, facts),
  subscript: (value, parent) => subscriptUse(value, parent),
  comparison_operator: (value) => {
    const operator = value.previousSibling;
    const isLast = value.nextSibling === null;
    return isLast && (operator?.type === 'in' || operator?.type === 'not in') ? { kind: 'membership' } : OTHER;
  },
  attribute: (value, parent) => {
    const call = parent.parent;
    const name = parent.childForFieldName('attribute');
    if (!isField(parent, 'object', value) || !name || call?.type !== 'call' || !isField(call, 'function', parent))
      return OTHER;
    return { kind: 'method', name: name.text, call };
  },
};

function argumentUse(value: Node, argumentList: Node, facts: DocumentFacts): ValueUse {
  const call = argumentList.parent;
  if (call?.type !== 'call') return OTHER;
  const args = argumentList.namedChildren.filter((child): child is Node => child !== null && child.type !== 'comment');
  if (args.some((arg) => arg.type === 'list_splat')) return OTHER;
  const positional = args.filter((arg) => arg.type !== 'keyword_argument' && arg.type !== 'dictionary_splat');
  const position = positional.findIndex((arg) => arg.id === value.id);
  if (position < 0) return OTHER;
  const callee = call.childForFieldName('function');
  return {
    kind: 'argument',
    call,
    callee: callee ? facts.qualifiedName(callee) : undefined,
    position,
    positionalCount: positional.length,
  };
}

function subscriptUse(value: Node, subscript: Node): ValueUse {
  if (!isField(subscript, 'value', value) || isAssignmentTarget(subscript)) return OTHER;
  const keys = subscript.childrenForFieldName('subscript');
  if (keys.length !== 1) return OTHER;
  return keys[0]!.type === 'slice' ? { kind: 'sliced', subscript } : { kind: 'indexed', subscript };
}

/** The outermost of any redundant parentheses around the expression. */
function outermostParentheses(expression: Node): Node {
  let current = expression;
  while (current.parent?.type === 'parenthesized_expression' && current.parent.namedChildCount === 1)
    current = current.parent;
  return current;
}

function isAsync(loop: Node): boolean {
  return loop.children.some((child) => child?.type === 'async');
}
