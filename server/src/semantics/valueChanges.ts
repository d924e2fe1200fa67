// How code uses a value it names: reads it, iterates it, changes it in place,
// or lets it escape to where anything may happen to it. A syntactic,
// conservative answer: anything not shown to be a read counts as a change.
import type { Node } from 'web-tree-sitter';
import { isAssignmentTarget } from './assignmentTargets';
import { isPrefix, related, sameChain, type Chain } from './chains';
import type { DocumentFacts } from './facts';
import { descendants, isField } from './syntax';

/** Builtins that only look at an argument: passing a value to them leaves it as it was. */
export const LOOKING_BUILTINS: ReadonlySet<string> = new Set(
  [
    'print',
    'len',
    'repr',
    'str',
    'ascii',
    'format',
    'bool',
    'id',
    'type',
    'hash',
    'isinstance',
    'issubclass',
    'callable',
    'hasattr',
    'getattr',
    'int',
    'float',
    'complex',
    'abs',
    'round',
    'divmod',
    'pow',
    'ord',
    'chr',
    'hex',
    'oct',
    'bin',
  ].map((name) => `builtins.${name}`),
);

/** Builtins that iterate an argument: harmless for a container, but they use up an iterator. */
export const ITERATING_BUILTINS: ReadonlySet<string> = new Set(
  [
    'sum',
    'min',
    'max',
    'any',
    'all',
    'sorted',
    'list',
    'tuple',
    'set',
    'frozenset',
    'dict',
    'enumerate',
    'zip',
    'map',
    'filter',
    'iter',
    'reversed',
  ].map((name) => `builtins.${name}`),
);

/**
 * Methods of the builtin containers and str that never change their object,
 * and pandas methods that only read a frame: the summaries a notebook shows
 * between its steps (`df.head()`, `df.info()`, `df.describe()`) and its row
 * iterators. None of them takes `inplace=`.
 */
export const LOOKING_METHODS: ReadonlySet<string> = new Set([
  'head',
  'tail',
  'info',
  'describe',
  'memory_usage',
  'nunique',
  'value_counts',
  'isna',
  'isnull',
  'notna',
  'notnull',
  'iterrows',
  'itertuples',
  'get',
  'keys',
  'values',
  'items',
  'copy',
  'count',
  'index',
  'most_common',
  'issubset',
  'issuperset',
  'isdisjoint',
  'union',
  'intersection',
  'difference',
  'symmetric_difference',
  'startswith',
  'endswith',
  'find',
  'rfind',
  'rindex',
  'lower',
  'upper',
  'casefold',
  'strip',
  'lstrip',
  'rstrip',
  'split',
  'rsplit',
  'splitlines',
  'partition',
  'rpartition',
  'join',
  'format',
  'replace',
  'encode',
  'decode',
  'isdigit',
  'isalpha',
  'isalnum',
  'isspace',
  'isidentifier',
  'isupper',
  'islower',
]);

/**
 * How a piece of code uses a value it mentions: only reads it, iterates it,
 * changes it in place (`x[k] = v`, `for x in …`), or lets it escape to where
 * anything may happen to it (assigned, put in a container, passed to an
 * unknown function).
 */
type Use = 'read' | 'iterate' | 'change' | 'escape';

type Context = (parent: Node, child: Node, facts: DocumentFacts) => Use | 'climb';

const read: Context = () => 'read';
const climb: Context = () => 'climb';

/** How each parent uses the child expression; a parent not listed lets it escape. */
const CONTEXTS: Readonly<Record<string, Context>> = {
  parenthesized_expression: climb,
  // `a or b` and `a if c else b` hand one operand on as their value.
  boolean_operator: climb,
  conditional_expression: (parent, child) => (parent.namedChild(1)?.equals(child) ? 'read' : 'climb'),
  not_operator: read,
  unary_operator: read,
  binary_operator: read,
  comparison_operator: (_parent, child) =>
    ['in', 'not in'].includes(child.previousSibling?.type ?? '') ? 'iterate' : 'read',
  subscript: (parent, child) => (isField(parent, 'value', child) && isAssignmentTarget(parent) ? 'change' : 'read'),
  interpolation: read,
  expression_statement: read,
  return_statement: read,
  assert_statement: read,
  if_statement: read,
  elif_clause: read,
  while_statement: read,
  for_statement: (parent, child) => (isField(parent, 'right', child) ? 'iterate' : 'change'),
  // A comprehension's own target binds in the comprehension, not where the code runs.
  for_in_clause: (parent, child) => (isField(parent, 'right', child) ? 'iterate' : 'read'),
  if_clause: read,
  list_splat: () => 'iterate',
  dictionary_splat: () => 'iterate',
  argument_list: (parent, _child, facts) => argumentUse(parent.parent, facts),
  keyword_argument: (parent, child, facts) =>
    isField(parent, 'value', child) ? argumentUse(parent.parent?.parent ?? null, facts) : 'read',
};

function argumentUse(call: Node | null, facts: DocumentFacts): Use {
  const callee = call?.type === 'call' ? call.childForFieldName('function') : null;
  const name = callee ? facts.qualifiedName(callee) : undefined;
  if (name === undefined) return 'escape';
  if (LOOKING_BUILTINS.has(name)) return 'read';
  return ITERATING_BUILTINS.has(name) ? 'iterate' : 'escape';
}

/** How the code around an expression uses its value. */
export function useOf(expression: Node, facts: DocumentFacts): Use {
  for (let child = expression, parent = expression.parent; parent; child = parent, parent = parent.parent) {
    const context = CONTEXTS[parent.type];
    const use = context ? context(parent, child, facts) : 'escape';
    if (use !== 'climb') return use;
  }
  return 'read';
}

/** The nodes of a region that run when it runs: nested function and class bodies are left out. */
export function runningNodes(root: Node): Generator<Node> {
  return descendants(root, (node) => node.type !== 'function_definition' && node.type !== 'class_definition');
}

export interface MutationQuestion {
  readonly facts: DocumentFacts;
  /**
   * The value may be an iterator, which iterating it uses up; false when it is
   * known to be a container (a dict whose views were taken, a local list…).
   */
  readonly iteratingConsumes: boolean;
  /**
   * The regions are part of the statement the answer is for (a loop's own
   * body), so an edit to them analyses it again: then code that may reach the
   * value without naming it is weighed too (reach.ts), and other spellings of
   * it. Regions elsewhere (statements between a binding and its use) are read
   * by the value's own spelling only, the one the analysis records as read.
   */
  readonly ownRegions?: boolean;
}

/**
 * Whether `node`, the chain `chain`, changes `source` (both spelled alike):
 * a method of it not known to only look, a method of an object it hangs from,
 * or a use of it (or of a part or holder of it) that changes or hands it on.
 */
export function changesThrough(node: Node, chain: Chain, source: Chain, question: MutationQuestion): boolean {
  if (isCallee(node)) {
    if (related(chain, source)) return !isLookingMethodOf(chain, source);
    // A method of an object the source hangs from (`self.reset()` for `self.items`).
    return chain.length > 1 && isPrefix(chain.slice(0, -1), source);
  }
  if (!related(chain, source)) return false;
  const use = useOf(node, question.facts);
  if (use === 'change' || use === 'escape') return true;
  return use === 'iterate' && question.iteratingConsumes && sameChain(chain, source);
}

export function isCallee(node: Node): boolean {
  const parent = node.parent;
  return parent?.type === 'call' && isField(parent, 'function', node);
}

function isLookingMethodOf(callee: Chain, source: Chain): boolean {
  return (
    callee.length === source.length + 1 && isPrefix(source, callee) && LOOKING_METHODS.has(callee[callee.length - 1]!)
  );
}
