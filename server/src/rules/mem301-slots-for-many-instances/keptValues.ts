// Does each value an expression makes outlive the pass of the loop that makes
// it? `[C(x) for x in xs]`, `kept.append(C(x))`, `d[k] = C(x)` and `yield C(x)`
// keep one value per pass; `game = C(x)` on every pass, with nothing storing
// `game`, keeps one at a time, whatever the loop's length. Rules ask this to
// tell a cost that grows with the loop from one paid once.
import type { Node } from 'web-tree-sitter';
import { enclosingIterations } from '../../scale/holds';
import type { BindingSite } from '../../semantics/bindings';
import { chainOf } from '../../semantics/chains';
import type { DocumentFacts } from '../../semantics/facts';
import { contains } from '../../semantics/loops';
import { closestAncestor, descendants, expressionChildren, isField, passedArguments } from '../../semantics/syntax';
import { assignedName, usesOfName } from '../../semantics/uses';
import { usageOf } from '../../semantics/valueUses';

/** How many names, returns and consuming calls a value is followed through before giving up. */
const MAX_HOPS = 4;
/** How many expressions one question may look at: a name read in many places must not make it costly. */
const MAX_STEPS = 64;

/** How far a question has gone: its depth in hops, and the steps it has left. */
interface Walk {
  readonly hops: number;
  readonly budget: { steps: number };
}

/** Methods that keep their argument at this position in their object (a list, a set, a deque). */
const STORING_METHODS: ReadonlyMap<string, number> = new Map([
  ['append', 0],
  ['appendleft', 0],
  ['add', 0],
  ['insert', 1],
]);
/** Functions that keep their argument at this position in their first argument. */
const STORING_FUNCTIONS: ReadonlyMap<string, number> = new Map([
  ['heapq.heappush', 1],
  ['bisect.insort', 1],
  ['bisect.insort_left', 1],
  ['bisect.insort_right', 1],
]);
/** Methods that keep every item of an iterable argument in their object. */
const EXTENDING_METHODS: ReadonlySet<string> = new Set(['extend', 'extendleft', 'update']);
/** Builtins and types whose result holds every item of their one argument. */
const CONTAINER_BUILDERS: ReadonlySet<string> = new Set([
  ...['list', 'tuple', 'set', 'frozenset', 'sorted', 'dict'].map((name) => `builtins.${name}`),
  'collections.deque',
  'collections.OrderedDict',
]);

/** Expressions that hold the value of one of their parts: displays, and the branch a conditional gives. */
const HOLDING_PARENTS: ReadonlySet<string> = new Set([
  'parenthesized_expression',
  'tuple',
  'list',
  'set',
  'expression_list',
  'pair',
  'dictionary',
]);
const DISPLAYS: ReadonlySet<string> = new Set(['list', 'tuple', 'set']);
/** What a `return` or `yield` belongs to: the nearest of these around it. */
const DEFINITION_TYPES: ReadonlySet<string> = new Set(['function_definition', 'lambda', 'class_definition']);
const EAGER_COMPREHENSIONS: ReadonlySet<string> = new Set([
  'list_comprehension',
  'set_comprehension',
  'dictionary_comprehension',
]);

/**
 * The loops (`for` and `while` statements, comprehensions' `for … in`
 * clauses; innermost first) whose passes each keep a value `expression`
 * makes alive after the pass ends: the value is an item of a comprehension's
 * result, stored in a container that outlives those passes, yielded, chained
 * to the next value (`head = Node(v, head)`), or reaches one of these through
 * a name or a function's `return`. Undefined when nothing shows the value kept:
 * then one at a time may be alive.
 */
export function keptAcrossLoops(expression: Node, facts: DocumentFacts): Node[] | undefined {
  return keptAcross(expression, facts, { hops: 0, budget: { steps: MAX_STEPS } });
}

function keptAcross(expression: Node, facts: DocumentFacts, walk: Walk): Node[] | undefined {
  if (walk.hops > MAX_HOPS || walk.budget.steps-- <= 0) return undefined;
  const holder = holderOf(expression);
  const parent = holder.parent;
  if (!parent) return undefined;
  if (isField(parent, 'body', holder)) return itemOf(parent, facts, walk);
  if (parent.type === 'yield') return isYieldFrom(parent) ? undefined : nonEmpty(enclosingIterations(parent));
  if (parent.type === 'return_statement') return returnedFrom(parent, facts, walk);
  if (parent.type === 'assignment' && isField(parent, 'right', holder))
    return assignedTo(parent, holder, expression, facts, walk);
  if (isAddedTo(parent, holder)) {
    // `rows += […]` binds rows again, to the same list.
    const left = parent.childForFieldName('left');
    return outlivingLoops(parent, left, facts, left);
  }
  const use = usageOf(holder, facts);
  return use.kind === 'argument' ? storedBy(use.call, use.callee, use.position, use.positionalCount, facts) : undefined;
}

/** The outermost expression that holds the value as a part: `(C(x), y)`, `{k: C(x)}`, `C(x) if c else None`. */
function holderOf(expression: Node): Node {
  let holder = expression;
  for (let parent = holder.parent; parent; parent = holder.parent) {
    // `a if c else b` gives a or b, never c (its second part).
    const heldAsPart =
      HOLDING_PARENTS.has(parent.type) ||
      (parent.type === 'conditional_expression' && expressionChildren(parent)[1]?.id !== holder.id);
    if (!heldAsPart) break;
    holder = parent;
  }
  return holder;
}

/** An item of a comprehension: kept over its passes when the result holds them all. */
function itemOf(comprehension: Node, facts: DocumentFacts, walk: Walk): Node[] | undefined {
  const clauses = forClauses(comprehension);
  if (clauses.length === 0) return undefined;
  // A list, set or dict made in full holds every item at once, whatever becomes of it.
  if (EAGER_COMPREHENSIONS.has(comprehension.type))
    return [...clauses, ...(keptAcross(comprehension, facts, further(walk)) ?? [])];
  if (comprehension.type !== 'generator_expression') return undefined;
  const consumer = consumerOf(comprehension, facts);
  if (!consumer) return undefined;
  if (consumer.kind === 'builder') return [...clauses, ...(keptAcross(consumer.call, facts, further(walk)) ?? [])];
  return [...clauses, ...(outlivingLoops(consumer.call, consumer.container, facts) ?? [])];
}

type Consumer =
  | { readonly kind: 'builder'; readonly call: Node }
  | { readonly kind: 'extend'; readonly call: Node; readonly container: Node };

/** The call that keeps every item of a generator: `list(…)`, `sorted(…)`, `xs.extend(…)`. */
function consumerOf(generator: Node, facts: DocumentFacts): Consumer | undefined {
  // `list(x for x in xs)` has the generator as its arguments node; `list((x for x in xs))` in an argument list.
  const bare = generator.parent?.type === 'call' && isField(generator.parent, 'arguments', generator);
  const use = bare ? undefined : usageOf(generator, facts);
  const call = bare ? generator.parent! : use?.kind === 'argument' && use.position === 0 ? use.call : undefined;
  if (!call) return undefined;
  const args = passedArguments(call);
  if (args.filter((arg) => arg.type !== 'keyword_argument').length !== 1) return undefined;
  const callee = call.childForFieldName('function');
  if (!callee) return undefined;
  const builder = facts.qualifiedName(callee);
  // `deque(…, maxlen=k)` keeps the last k; `sorted(…, key=…)` keeps them all.
  if (builder === 'collections.deque' && args.length > 1) return undefined;
  if (CONTAINER_BUILDERS.has(builder ?? '')) return { kind: 'builder', call };
  const container = callee.type === 'attribute' ? callee.childForFieldName('object') : null;
  const method = callee.type === 'attribute' ? callee.childForFieldName('attribute')?.text : undefined;
  return container && method !== undefined && EXTENDING_METHODS.has(method)
    ? { kind: 'extend', call, container }
    : undefined;
}

/** An argument that a call keeps in a container (`kept.append(v)`, `heapq.heappush(heap, v)`). */
function storedBy(
  call: Node,
  callee: string | undefined,
  position: number,
  positionalCount: number,
  facts: DocumentFacts,
): Node[] | undefined {
  const function_ = call.childForFieldName('function');
  // A function of a module (`heapq.heappush`) resolves to a name; a method of a container does not.
  const method =
    callee === undefined && function_?.type === 'attribute'
      ? function_.childForFieldName('attribute')?.text
      : undefined;
  const stored =
    method !== undefined
      ? STORING_METHODS.get(method)
      : callee !== undefined
        ? STORING_FUNCTIONS.get(callee)
        : undefined;
  if (stored === undefined || stored !== position || positionalCount !== stored + 1) return undefined;
  const container =
    method !== undefined ? function_!.childForFieldName('object') : (facts.callArguments(call)[0] ?? null);
  return outlivingLoops(call, container, facts);
}

/** `d[k] = v` stores v in d; `name = v` passes it on to wherever the name goes; `obj.attr = v` keeps only the last. */
function assignedTo(
  assignment: Node,
  holder: Node,
  expression: Node,
  facts: DocumentFacts,
  walk: Walk,
): Node[] | undefined {
  const target = assignment.childForFieldName('left');
  if (target?.type === 'subscript') return outlivingLoops(assignment, target.childForFieldName('value'), facts);
  const name = assignedName(holder);
  return name ? keptThroughName(name, assignment, expression, facts, walk) : undefined;
}

/**
 * A value bound to a name is kept when some read of the name, in a loop that
 * also makes the value, keeps it; or when the value is made from the name's
 * previous value (`head = Node(v, head)`), which chains them all together.
 */
function keptThroughName(
  name: Node,
  assignment: Node,
  expression: Node,
  facts: DocumentFacts,
  walk: Walk,
): Node[] | undefined {
  const uses = usesOfName(facts, name);
  if (!uses || uses.scope.node.type === 'class_definition') return undefined;
  for (const read of uses.reads) {
    if (isDirectArgumentOf(read, expression)) {
      const others = uses.sites.filter((site) => site.node.id !== name.id);
      const chained = loopsOutsideBindings(expression, others);
      if (chained) return chained;
      continue;
    }
    const loops = keptAcross(read, facts, further(walk))?.filter((loop) => contains(regionOf(loop), assignment));
    if (loops && loops.length > 0) return loops;
  }
  return undefined;
}

/** `rows += [v]`, `rows += (v,)`: the display's items go into rows. */
function isAddedTo(parent: Node, holder: Node): boolean {
  return (
    parent.type === 'augmented_assignment' &&
    isField(parent, 'right', holder) &&
    DISPLAYS.has(holder.type) &&
    parent.childForFieldName('operator')?.type === '+='
  );
}

/** `read` is an argument of the call `expression` (positional or by keyword). */
function isDirectArgumentOf(read: Node, expression: Node): boolean {
  const list = read.parent?.type === 'keyword_argument' ? read.parent.parent : read.parent;
  return expression.type === 'call' && list?.type === 'argument_list' && list.parent?.id === expression.id;
}

/**
 * A value a function returns is kept where a call of the function is kept.
 * Only plain functions, called by their name: a method, a generator or a
 * decorated function (a cache returns the same value again) is left alone.
 */
function returnedFrom(statement: Node, facts: DocumentFacts, walk: Walk): Node[] | undefined {
  const function_ = closestAncestor(statement, DEFINITION_TYPES);
  if (function_?.type !== 'function_definition' || isGenerator(function_)) return undefined;
  const definedIn = function_.parent;
  if (definedIn?.type === 'decorated_definition' || definedIn?.parent?.type === 'class_definition') return undefined;
  const name = function_.childForFieldName('name');
  const uses = name ? usesOfName(facts, name) : undefined;
  for (const read of uses?.reads ?? []) {
    const call = read.parent;
    if (call?.type !== 'call' || !isField(call, 'function', read)) continue;
    const loops = keptAcross(call, facts, further(walk));
    if (loops) return loops;
  }
  return undefined;
}

/**
 * The loops around `node`, innermost first, over whose passes a container
 * (`kept`, `self.rows`, the first argument of heappush) stays the same object:
 * up to the first loop that binds the name it hangs from. Undefined when the
 * container is not a plain name or attribute chain, its name cannot be
 * followed, or the innermost loop already binds it (a container per pass).
 * A binding at `sameObject` rebinds the name to the same container.
 */
function outlivingLoops(
  node: Node,
  container: Node | null,
  facts: DocumentFacts,
  sameObject?: Node | null,
): Node[] | undefined {
  const root = container && chainOf(container) ? rootName(container) : undefined;
  if (!root) return undefined;
  const found = facts.lookup(root.text, root);
  if (found === undefined || found === 'unknown') return undefined;
  return loopsOutsideBindings(
    node,
    found.sites.filter((site) => site.node.id !== sameObject?.id),
  );
}

function loopsOutsideBindings(node: Node, sites: readonly BindingSite[]): Node[] | undefined {
  const loops: Node[] = [];
  for (const loop of enclosingIterations(node)) {
    const region = regionOf(loop);
    if (sites.some((site) => contains(region, site.node))) break;
    loops.push(loop);
  }
  return nonEmpty(loops);
}

function rootName(chain: Node): Node | undefined {
  let node = chain;
  while (node.type === 'attribute') node = node.childForFieldName('object')!;
  return node.type === 'identifier' ? node : undefined;
}

/** What a loop repeats: a statement, or the whole comprehension of a `for … in` clause (its names bind there). */
function regionOf(loop: Node): Node {
  return loop.type === 'for_in_clause' ? loop.parent! : loop;
}

function forClauses(comprehension: Node): Node[] {
  return comprehension.namedChildren.filter((child): child is Node => child?.type === 'for_in_clause').reverse();
}

function isYieldFrom(node: Node): boolean {
  return node.children.some((child) => child?.type === 'from');
}

/** Whether a function's own body (not a nested function's) yields. */
function isGenerator(function_: Node): boolean {
  const body = function_.childForFieldName('body');
  if (!body) return false;
  for (const node of descendants(body, (inner) => !DEFINITION_TYPES.has(inner.type)))
    if (node.type === 'yield') return true;
  return false;
}

function further(walk: Walk): Walk {
  return { hops: walk.hops + 1, budget: walk.budget };
}

function nonEmpty(loops: Node[]): Node[] | undefined {
  return loops.length > 0 ? loops : undefined;
}
