// Could running some code change a value? A syntactic, conservative answer:
// anything it cannot show to be a read counts as a possible change. Rules use
// it to tell a copy made on purpose (the code changes the original while it
// walks the copy) from a copy made out of habit.
import type { Node } from 'web-tree-sitter';
import { chainOf, isField, isMaximalChain, isPrefix, related, sameChain, type Chain } from './chains';
import type { DocumentFacts } from './facts';
import type { Scope } from './scopes';
import { assignedSpellings, rootOf, spellingAt, spellingOf, type Home } from './spellings';
import { descendants } from './syntax';
import { holdsBuiltinContainer } from './values';

/** Builtins that only look at an argument: passing a value to them leaves it as it was. */
const LOOKING_BUILTINS: ReadonlySet<string> = new Set(
  ['print', 'len', 'repr', 'str', 'ascii', 'format', 'bool', 'id', 'type', 'hash', 'isinstance', 'issubclass',
    'callable', 'hasattr', 'getattr', 'int', 'float', 'complex', 'abs', 'round', 'divmod', 'pow', 'ord', 'chr',
    'hex', 'oct', 'bin'].map((name) => `builtins.${name}`),
);

/** Builtins that iterate an argument: harmless for a container, but they use up an iterator. */
const ITERATING_BUILTINS: ReadonlySet<string> = new Set(
  ['sum', 'min', 'max', 'any', 'all', 'sorted', 'list', 'tuple', 'set', 'frozenset', 'dict', 'enumerate', 'zip',
    'map', 'filter', 'iter', 'reversed'].map((name) => `builtins.${name}`),
);

/** Methods of the builtin containers and str that never change their object. */
const LOOKING_METHODS: ReadonlySet<string> = new Set([
  'get', 'keys', 'values', 'items', 'copy', 'count', 'index', 'most_common',
  'issubset', 'issuperset', 'isdisjoint', 'union', 'intersection', 'difference', 'symmetric_difference',
  'startswith', 'endswith', 'find', 'rfind', 'rindex', 'lower', 'upper', 'casefold', 'strip', 'lstrip',
  'rstrip', 'split', 'rsplit', 'splitlines', 'partition', 'rpartition', 'join', 'format', 'replace',
  'encode', 'decode', 'isdigit', 'isalpha', 'isalnum', 'isspace', 'isidentifier', 'isupper', 'islower',
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
  comparison_operator: (_parent, child) => (['in', 'not in'].includes(child.previousSibling?.type ?? '') ? 'iterate' : 'read'),
  subscript: (parent, child) => (isField(parent, 'value', child) && isStoreTarget(parent) ? 'change' : 'read'),
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
  keyword_argument: (parent, child, facts) => (isField(parent, 'value', child) ? argumentUse(parent.parent?.parent ?? null, facts) : 'read'),
};

function argumentUse(call: Node | null, facts: DocumentFacts): Use {
  const callee = call?.type === 'call' ? call.childForFieldName('function') : null;
  const name = callee ? facts.qualifiedName(callee) : undefined;
  if (name === undefined) return 'escape';
  if (LOOKING_BUILTINS.has(name)) return 'read';
  return ITERATING_BUILTINS.has(name) ? 'iterate' : 'escape';
}

/** How the code around an expression uses its value. */
function useOf(expression: Node, facts: DocumentFacts): Use {
  for (let child = expression, parent = expression.parent; parent; child = parent, parent = parent.parent) {
    const context = CONTEXTS[parent.type];
    const use = context ? context(parent, child, facts) : 'escape';
    if (use !== 'climb') return use;
  }
  return 'read';
}

/** Containers that pass a target position on to their elements (`a, (b[0], *c) = …`). */
const TARGET_CONTAINERS: ReadonlySet<string> = new Set([
  'pattern_list', 'tuple_pattern', 'list_pattern', 'tuple', 'list', 'parenthesized_expression', 'list_splat_pattern', 'list_splat',
]);

/** Fields that hold what a statement assigns to or deletes. */
const TARGET_FIELDS: Readonly<Record<string, string>> = {
  assignment: 'left',
  augmented_assignment: 'left',
  for_statement: 'left',
  for_in_clause: 'left',
};

/** Whether the expression is assigned to or deleted (`x[k] = v`, `del x[k]`, `for x[k] in …`). */
function isStoreTarget(expression: Node): boolean {
  let child = expression;
  let parent = expression.parent;
  while (parent && TARGET_CONTAINERS.has(parent.type)) {
    child = parent;
    parent = parent.parent;
  }
  if (!parent) return false;
  if (parent.type === 'delete_statement' || parent.type === 'as_pattern_target') return true;
  const field = TARGET_FIELDS[parent.type];
  return field !== undefined && isField(parent, field, child);
}

/** The nodes of a region that run when it runs: nested function and class bodies are left out. */
function runningNodes(root: Node): Generator<Node> {
  return descendants(root, (node) => node.type !== 'function_definition' && node.type !== 'class_definition');
}

export interface MutationQuestion {
  readonly facts: DocumentFacts;
  /**
   * The value may be an iterator, which iterating it uses up; false when it is
   * known to be a container (a dict whose views were taken, a local list…).
   */
  readonly iteratingConsumes: boolean;
}

/**
 * Whether running the regions may change the value named by `source`, spelled
 * as the regions spell it: assigning or deleting it or one of its items or
 * attributes, rebinding any part of its chain, calling a method that is not
 * known to only look (on it, or on an object it hangs from), passing it to a
 * function that is not known to only look, letting another name or container
 * hold it, or (when `iteratingConsumes`) iterating it. Any spelling counts: an
 * import of the same path (`modules` for `sys.modules`), a local assigned it
 * (`tree` after `tree = node`). So does code that can reach it without being
 * given it: a `yield` or `await`, after which other code runs, unless it is a
 * local no other code can reach; for a module-level value, a call to a function
 * of this file that may change it (or to code the analysis cannot see); for
 * another module's value, any call but the builtins that only look. Nested
 * function and class bodies don't run, so don't count.
 */
export function mayMutate(regions: readonly Node[], source: Chain, question: MutationQuestion): boolean {
  const reach = regions[0] && reachOf(source, regions[0], question.facts);
  if (reach && isChangedBehindTheCode(reach)) return true;
  for (const region of regions) {
    for (const node of runningNodes(region)) {
      if (definesName(node, source[0]!)) return true;
      if (reach && runsOtherCode(node, reach, question.facts)) return true;
      if (!isMaximalChain(node)) continue;
      const chain = chainOf(node)!;
      if (changesThrough(node, chain, source, question)) return true;
      if (reach && changesThroughOtherSpelling(node, chain, reach, question)) return true;
    }
  }
  return false;
}

function definesName(node: Node, name: string): boolean {
  if (node.type !== 'function_definition' && node.type !== 'class_definition') return false;
  return node.childForFieldName('name')?.text === name;
}

function changesThrough(node: Node, chain: Chain, source: Chain, question: MutationQuestion): boolean {
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

// ---- Who else may reach the value ----

/** What a source is wherever it is spelled, and what may reach it besides the code that names it. */
interface Reach {
  /** Its chain as the regions spell it, and with an imported root resolved (`sys.modules` for `modules`). */
  readonly spelled: Chain;
  readonly resolved: Chain;
  readonly home: Home;
  /** Other spellings of the source in its scope: `node.children` for `tree.children` after `tree = node`. */
  readonly assigned: readonly Chain[];
  readonly from: Node;
  /** Whether code outside the regions may hold it (asked when a yield or await is met). */
  isShared(): boolean;
}

function reachOf(source: Chain, from: Node, facts: DocumentFacts): Reach | undefined {
  // A function or class of this file named in the copied expression is code, not data: only rebinding it changes it.
  if (source.length === 1 && isDefinedHere(source[0]!, from, facts)) return undefined;
  const { chain: resolved, home } = spellingOf(source, from, facts);
  return {
    spelled: source,
    resolved,
    home,
    assigned: home === 'local' ? assignedSpellings(source, from, facts) : [],
    from,
    isShared: () => home !== 'builtin' && (home !== 'local' || source.length > 1 || !isPrivateLocal(source[0]!, from, facts)),
  };
}

function isDefinedHere(name: string, from: Node, facts: DocumentFacts): boolean {
  const found = facts.lookup(name, from);
  return found !== undefined && found !== 'unknown' && found.sites.every((site) => site.kind === 'definition');
}

/**
 * Values the interpreter changes as a side effect of code that never names them:
 * any import, even one a codec lookup makes, adds to `sys.modules` (the sys
 * documentation asks for a copy to iterate it, bpo-45353).
 */
const CHANGED_BEHIND_THE_CODE: readonly Chain[] = [['sys', 'modules']];

function isChangedBehindTheCode(reach: Reach): boolean {
  return reach.home === 'import' && CHANGED_BEHIND_THE_CODE.some((chain) => related(chain, reach.resolved));
}

/** A function-local name whose every binding makes a builtin container on the spot, and that nothing else can reach. */
function isPrivateLocal(name: string, from: Node, facts: DocumentFacts): boolean {
  const found = facts.lookup(name, from);
  if (found === undefined || found === 'unknown') return false;
  const site = found.sites[0]?.node;
  return site?.type === 'identifier' && holdsBuiltinContainer(site, facts, 'container') && !mayBeAliased(site, facts);
}

/** Statements and expressions after which code elsewhere runs before the rest of the region. */
const SUSPENDING: ReadonlySet<string> = new Set(['yield', 'await']);

/** Whether the node runs code that may reach the source without being given it. */
function runsOtherCode(node: Node, reach: Reach, facts: DocumentFacts): boolean {
  if (SUSPENDING.has(node.type)) return reach.isShared();
  if (node.type !== 'call' || (reach.home !== 'module' && reach.home !== 'import')) return false;
  return callMayChange(node, reach, facts, new Set(), 0);
}

/** Builtins whose call runs no code that could reach a module's values. */
const INERT_BUILTINS: ReadonlySet<string> = new Set([
  ...LOOKING_BUILTINS, ...ITERATING_BUILTINS, ...['range', 'slice', 'bytes', 'bytearray', 'open', 'object'].map((name) => `builtins.${name}`),
]);

/** How deep the functions a call leads to are read before the answer is "it may". */
const CALL_DEPTH = 4;

/**
 * Whether a call may change a module-level or imported value it is not given:
 * a builtin other than those that only look or iterate; a method other than
 * those that only look, of an object whose code the analysis cannot see (a
 * local builtin container's methods are CPython's); a
 * function of another module, for another module's value (importing may add
 * to `sys.modules`, a module's function changes its own state); a function of
 * this file whose body, read up to CALL_DEPTH calls deep, may change it.
 */
function callMayChange(call: Node, reach: Reach, facts: DocumentFacts, reading: Set<number>, depth: number): boolean {
  const callee = call.childForFieldName('function');
  if (!callee) return true;
  const name = facts.qualifiedName(callee);
  if (name?.startsWith('builtins.')) return !INERT_BUILTINS.has(name);
  if (callee.type === 'attribute' && isBuiltinMethod(callee, facts)) return false;
  if (name !== undefined) return reach.home === 'import';
  const definition = functionDefinedAs(callee, facts);
  return definition ? functionMayChange(definition, reach, facts, reading, depth) : true;
}

/** A method known to only look, or any method of a local builtin container (`seen.add`, `parts.append`): CPython's own code. */
function isBuiltinMethod(callee: Node, facts: DocumentFacts): boolean {
  if (LOOKING_METHODS.has(callee.childForFieldName('attribute')?.text ?? '')) return true;
  const object = callee.childForFieldName('object');
  return object !== null && holdsBuiltinContainer(object, facts, 'container');
}

/** The function a called name is bound to by its only binding, a `def` of this file. */
function functionDefinedAs(callee: Node, facts: DocumentFacts): Node | undefined {
  if (callee.type !== 'identifier') return undefined;
  const found = facts.lookup(callee.text, callee);
  if (found === undefined || found === 'unknown' || found.sites.length !== 1) return undefined;
  const definition = found.sites[0]!.node.parent;
  // A decorator may wrap it in code the analysis cannot see.
  if (found.sites[0]!.kind !== 'definition' || definition?.type !== 'function_definition') return undefined;
  return definition.parent?.type === 'decorated_definition' ? undefined : definition;
}

function functionMayChange(definition: Node, reach: Reach, facts: DocumentFacts, reading: Set<number>, depth: number): boolean {
  // A function being read already is answered where it was first met.
  if (reading.has(definition.id)) return false;
  if (depth >= CALL_DEPTH) return true;
  reading.add(definition.id);
  // The answer now depends on a body elsewhere in the file, which an edit there may change.
  facts.readsWholeDocument();
  const body = definition.childForFieldName('body');
  if (!body) return true;
  const question = { facts, iteratingConsumes: false };
  for (const node of runningNodes(body)) {
    if (node.type === 'call' && callMayChange(node, reach, facts, reading, depth + 1)) return true;
    if (!isMaximalChain(node)) continue;
    const spelled = spellingAt(node, facts);
    // The function's own locals are other values, whatever their names.
    if (!spelled || spelled.home !== reach.home) continue;
    if (changesThrough(node, spelled.chain, reach.resolved, question)) return true;
  }
  return false;
}

/**
 * Whether the chain, spelled another way than the source (its imported path,
 * or through a local assigned it), changes the source.
 */
function changesThroughOtherSpelling(node: Node, chain: Chain, reach: Reach, question: MutationQuestion): boolean {
  const { facts } = question;
  const root = rootOf(node);
  if (reach.home === 'import') {
    const spelled = spellingOf(chain, root, facts);
    if (spelled.home === 'import' && changesThrough(node, spelled.chain, reach.resolved, question)) return true;
  }
  // The same root is the same local: changesThrough has answered.
  if (reach.home !== 'local' || root.type !== 'identifier' || chain[0] === reach.spelled[0]) return false;
  const sources = [reach.spelled, ...reach.assigned];
  const spellings = [chain, ...assignedSpellings(chain, reach.from, facts)];
  return spellings.some((spelling) => sources.some((source) => changesThrough(node, spelling, source, question)));
}

function isCallee(node: Node): boolean {
  const parent = node.parent;
  return parent?.type === 'call' && isField(parent, 'function', node);
}

function isLookingMethodOf(callee: Chain, source: Chain): boolean {
  return callee.length === source.length + 1 && isPrefix(source, callee) && LOOKING_METHODS.has(callee[callee.length - 1]!);
}

/**
 * Whether the value of a local name may also be reachable some other way: it is
 * assigned to something, put in a container, passed to a function that is not
 * known to only look or iterate, returned, yielded, or used from a nested
 * function, lambda, class or comprehension body. `name` is any occurrence of the name.
 */
export function mayBeAliased(name: Node, facts: DocumentFacts): boolean {
  const found = facts.lookup(name.text, name);
  if (found === undefined || found === 'unknown') return true;
  // The walk reads every spelling of a module-level name, whichever statement holds it.
  if (found.scope.parent === undefined) facts.readsSpellingsOf(name.text);
  for (const node of scopeDescendants(found.scope, facts)) {
    if (node.type !== 'identifier' || node.text !== name.text || !isReference(node)) continue;
    const here = facts.lookup(node.text, node);
    if (here === undefined || here === 'unknown' || here.scope !== found.scope) continue;
    if (!runsNow(facts.scopes.scopeOf(node), found.scope)) return true;
    // `xs.append(…)`, `xs.attr`: the value is used here, not handed on.
    if (!isMaximalChain(node)) continue;
    if (isStoreTarget(node) || isBindingName(node) || isCallee(node)) continue;
    if (useOf(node, facts) === 'escape') return true;
  }
  return false;
}

/** An identifier that names a variable, not an attribute or a keyword argument. */
function isReference(node: Node): boolean {
  const parent = node.parent;
  if (parent?.type === 'attribute') return !isField(parent, 'attribute', node);
  if (parent?.type === 'keyword_argument') return !isField(parent, 'name', node);
  return true;
}

/** Eager comprehensions run where they stand; functions, lambdas, classes and generators may run later. */
const EAGER_SCOPES: ReadonlySet<string> = new Set(['list_comprehension', 'set_comprehension', 'dictionary_comprehension']);

function runsNow(scope: Scope, owner: Scope): boolean {
  for (let current: Scope | undefined = scope; current && current !== owner; current = current.parent) {
    if (!EAGER_SCOPES.has(current.node.type)) return false;
  }
  return true;
}

/** Binding positions that are not expressions: `import x`, `def x`, `global x`, `except E as x`. */
function isBindingName(node: Node): boolean {
  const parent = node.parent;
  if (!parent) return false;
  return ['dotted_name', 'aliased_import', 'global_statement', 'nonlocal_statement', 'parameters', 'lambda_parameters',
    'default_parameter', 'typed_parameter', 'typed_default_parameter', 'function_definition', 'class_definition',
    'named_expression', 'keyword_argument'].includes(parent.type) && !isValueOf(parent, node);
}

function isValueOf(parent: Node, node: Node): boolean {
  return isField(parent, 'value', node);
}

/** The nodes of a scope's code, lazily: a walk that stops early leaves the rest unvisited. */
function* scopeDescendants(scope: Scope, facts: DocumentFacts): Generator<Node> {
  for (const top of facts.scopes.nodesOf(scope)) yield* descendants(top);
}
