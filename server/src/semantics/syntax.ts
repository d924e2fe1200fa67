// Small questions about tree-sitter-python nodes that several rules ask.
import type { Node } from 'web-tree-sitter';

/** Node types that start a new Python scope. */
export const SCOPE_TYPES: ReadonlySet<string> = new Set([
  'module',
  'function_definition',
  'lambda',
  'class_definition',
  'list_comprehension',
  'set_comprehension',
  'dictionary_comprehension',
  'generator_expression',
]);

export const COMPREHENSION_TYPES: ReadonlySet<string> = new Set([
  'list_comprehension',
  'set_comprehension',
  'dictionary_comprehension',
  'generator_expression',
]);

/** Definitions whose bodies are scopes of their own: nothing in a body binds a name where the definition stands. */
const DEFINITION_TYPES: ReadonlySet<string> = new Set(['function_definition', 'class_definition']);

/** The body of the function or class a statement defines (decorated or not), or null for other statements. */
export function definitionBody(statement: Node): Node | null {
  return definitionOf(statement)?.childForFieldName('body') ?? null;
}

/** The function or class definition a statement is, decorated or not; null for other statements. */
export function definitionOf(statement: Node): Node | null {
  // Each type read is a call into WASM: the statement's is read once.
  const type = statement.type;
  if (DEFINITION_TYPES.has(type)) return statement;
  const definition = type === 'decorated_definition' ? statement.childForFieldName('definition') : null;
  return definition && DEFINITION_TYPES.has(definition.type) ? definition : null;
}

/** The expression inside any number of redundant parentheses. */
export function unparenthesized(node: Node): Node {
  let current = node;
  while (isRedundantParentheses(current)) current = current.namedChild(0)!;
  return current;
}

/**
 * The outermost of any redundant parentheses around a node (`((x))` of `x`),
 * or the node itself: what stands where an argument, a callee or a receiver
 * goes when the code writes `set(([…]))`, `(list)(xs)` or `(f).readlines()`.
 */
export function parenthesesAround(node: Node): Node {
  let current = node;
  for (let parent = current.parent; isRedundantParentheses(parent); parent = current.parent) current = parent!;
  return current;
}

function isRedundantParentheses(node: Node | null): boolean {
  return node?.type === 'parenthesized_expression' && node.namedChildCount === 1;
}

/**
 * The `*x` that stars an item of a list display: the item itself (`*xs`),
 * or the one tree-sitter-python puts at the left end of `*x.y`, `*f(a)` and
 * `*x[k]`, which in a display it parses as an attribute, call or subscript
 * of `*x` where Python stars the whole `x.y` (in an argument list it parses
 * them as Python does). Undefined for an item that is not starred.
 */
export function leadingSplat(item: Node): Node | undefined {
  let current = item;
  for (let left = primaryStart(current); left; left = primaryStart(current)) current = left;
  return current.type === 'list_splat' ? current : undefined;
}

/** What an attribute, call or subscript starts with: `x` of `x.y`, `f` of `f(a)`, `x` of `x[k]`. */
function primaryStart(node: Node): Node | null {
  if (node.type === 'attribute') return node.childForFieldName('object');
  if (node.type === 'call') return node.childForFieldName('function');
  return node.type === 'subscript' ? node.childForFieldName('value') : null;
}

/** Named children that are not comments: the items of a display, the operands of an operator. */
export function expressionChildren(node: Node): Node[] {
  return node.namedChildren.filter((child): child is Node => child !== null && child.type !== 'comment');
}

/** The node's text on one line, cut to `limit` characters with an ellipsis: how messages quote code. */
export function shortText(node: Node, limit = 40): string {
  const text = node.text.replace(/\s+/g, ' ');
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
}

/** Positional and keyword arguments of a call, comments excluded. */
export function callArguments(call: Node): Node[] {
  const args = call.childForFieldName('arguments');
  if (args?.type !== 'argument_list') return [];
  return args.namedChildren.filter((child): child is Node => child !== null && child.type !== 'comment');
}

/**
 * The arguments as the callee receives them: a call whose only argument is a
 * bare generator expression (`list(x for x in xs)`) has it as its `arguments`
 * node, not inside an argument_list, and still passes one argument.
 */
export function passedArguments(call: Node): Node[] {
  const args = call.childForFieldName('arguments');
  return args?.type === 'generator_expression' ? [args] : callArguments(call);
}

/**
 * The node and its named descendants in document order, without recursion (deep
 * trees must not overflow the stack); `enter(node)` false skips a node's children.
 */
export function* descendants(root: Node, enter: (node: Node) => boolean = () => true): Generator<Node> {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    yield node;
    if (!enter(node)) continue;
    for (let i = node.namedChildCount - 1; i >= 0; i--) {
      const child = node.namedChild(i);
      if (child) stack.push(child);
    }
  }
}

/** True when any descendant (or the node itself) has one of the types. */
export function containsType(node: Node, types: ReadonlySet<string>): boolean {
  for (const part of descendants(node)) if (types.has(part.type)) return true;
  return false;
}

/** Whether a comprehension is async (`async for`) or awaits anything. */
export function isAsyncComprehension(comprehension: Node): boolean {
  const asyncFor = (node: Node): boolean =>
    node.type === 'for_in_clause' && node.children.some((child) => child?.type === 'async');
  for (const node of descendants(comprehension)) if (node.type === 'await' || asyncFor(node)) return true;
  return false;
}

/** Whether `child` is one of the parent's children in `field` (most fields hold one node; a subscript's keys, an import's names hold several). */
export function isField(parent: Node, field: string, child: Node): boolean {
  return parent.childrenForFieldName(field).some((candidate) => candidate.id === child.id);
}

/** The call `receiver.method(…)` when `receiver` is the object of an attribute `method` that is called; undefined otherwise. */
export function methodCallOn(receiver: Node, method: string): Node | undefined {
  const attribute = receiver.parent;
  const call = attribute?.parent;
  if (attribute?.type !== 'attribute' || !isField(attribute, 'object', receiver) || call?.type !== 'call')
    return undefined;
  return attribute.childForFieldName('attribute')?.text === method && isField(call, 'function', attribute)
    ? call
    : undefined;
}

/** The expression a name ends: the attribute it is the name of (`read_csv` of `pd.read_csv`), or the name itself. */
export function expressionEndingIn(identifier: Node): Node {
  const parent = identifier.parent;
  return parent?.type === 'attribute' && parent.childForFieldName('attribute')?.id === identifier.id
    ? parent
    : identifier;
}

/** The call whose callee is this identifier, directly (`len(x)`, `(len)(x)`) or as an attribute's name (`pd.read_csv(…)`). */
export function calleeCall(identifier: Node): Node | undefined {
  const callee = parenthesesAround(expressionEndingIn(identifier));
  const call = callee.parent;
  return call?.type === 'call' && call.childForFieldName('function')?.id === callee.id ? call : undefined;
}

/** The nearest ancestor (excluding node) whose type is in types. */
export function closestAncestor(node: Node, types: ReadonlySet<string>): Node | null {
  for (let current = node.parent; current; current = current.parent) {
    if (types.has(current.type)) return current;
  }
  return null;
}

/** Containers that unpack a target into its elements: `a, (b, c) = …`, `[a, b] = …`. */
export const UNPACKING_TARGETS: readonly string[] = [
  'pattern_list',
  'tuple_pattern',
  'list_pattern',
  'tuple',
  'list',
  'parenthesized_expression',
];

/** Literals: numbers, strings and their parts, True, False, None and `...`. */
export const LITERAL_TYPES: readonly string[] = [
  'integer',
  'float',
  'string',
  'string_start',
  'string_content',
  'string_end',
  'escape_sequence',
  'concatenated_string',
  'true',
  'false',
  'none',
  'ellipsis',
];

/** Node types whose evaluation cannot run user code or change state (for fix safety). */
const SIDE_EFFECT_FREE_TYPES: ReadonlySet<string> = new Set([
  'identifier',
  ...LITERAL_TYPES,
  'binary_operator',
  'unary_operator',
  'boolean_operator',
  'not_operator',
  'comparison_operator',
  'parenthesized_expression',
  'tuple',
  'list',
  'set',
  'dictionary',
  'pair',
  'subscript',
  'slice',
  'attribute',
  'conditional_expression',
  'for_in_clause',
  'if_clause',
  'pattern_list',
  'tuple_pattern',
  'comment',
  // Inside a call vouched for as pure: its arguments are checked one by one.
  'argument_list',
  'keyword_argument',
]);

/**
 * True when evaluating the expression lazily instead of eagerly cannot change
 * behaviour: names, literals, displays, arithmetic, comparisons, subscripts and
 * attribute reads. Calls, f-strings (they call __format__), lambdas, walrus,
 * yield and await are treated as possibly effectful, except calls that
 * `isPureCall` vouches for. `skip` is a sub-expression evaluated eagerly either
 * way (a comprehension's first iterable).
 */
export function isSideEffectFree(node: Node, skip?: Node, isPureCall?: (call: Node) => boolean): boolean {
  const skipped = (part: Node) => skip !== undefined && part.equals(skip);
  for (const part of descendants(node, (part) => !skipped(part))) {
    if (skipped(part)) continue;
    if (part.type === 'call' ? !isPureCall?.(part) : !SIDE_EFFECT_FREE_TYPES.has(part.type)) return false;
  }
  return true;
}

/** contains(outer, …) for many nodes: outer's extent is read once (each end read is a call into WASM). */
export function insideOf(outer: Node): (inner: Node) => boolean {
  const start = outer.startIndex;
  const end = outer.endIndex;
  return (inner) => start <= inner.startIndex && inner.endIndex <= end;
}
