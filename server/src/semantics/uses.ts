// Every place a name is bound and read in its scope, or nothing when that
// cannot be known from the text (global/nonlocal aliases, star imports,
// eval/exec and the namespace dictionaries).
import type { Node } from 'web-tree-sitter';
import type { BindingSite } from './bindings';
import type { DocumentFacts } from './facts';
import { mayStarImport } from './moduleLevelNames';
import { starBinding, type Scope } from './scopes';
import { COMPREHENSION_TYPES, isField, unparenthesized } from './syntax';

export interface NameUses {
  /** The scope the name is bound in. */
  readonly scope: Scope;
  /** Every binding of the name in that scope (assignments, loops, `del`, `global`…). */
  readonly sites: readonly BindingSite[];
  /** Identifiers that read the name's value, nested scopes included, in document order. */
  readonly reads: readonly Node[];
}

/**
 * Builtins through which code can reach names without spelling them, and where
 * a call must stand to reach the scope's names: eval/exec anywhere below it,
 * globals() anywhere for module names, locals()/vars() only in the scope itself.
 */
const DYNAMIC_ACCESS: ReadonlyMap<string, 'anywhere' | 'module' | 'here'> = new Map([
  ['builtins.eval', 'anywhere'],
  ['builtins.exec', 'anywhere'],
  ['builtins.globals', 'module'],
  ['builtins.locals', 'here'],
  ['builtins.vars', 'here'],
] as const);

/** A name bound once, by a plain `name = value`: where, to what (out of parentheses), and its reads but `identifier`. */
export interface SingleAssignment {
  readonly name: Node;
  readonly value: Node;
  readonly otherReads: readonly Node[];
}

/** The one binding of the name `identifier` reads, when it is a plain assignment (not a chain, not unpacking). */
export function singleAssignment(facts: DocumentFacts, identifier: Node): SingleAssignment | undefined {
  const uses = usesOfName(facts, identifier);
  if (uses?.sites.length !== 1 || uses.sites[0]!.kind !== 'assignment') return undefined;
  const name = uses.sites[0]!.node;
  const assignment = name.parent;
  const value =
    assignment?.type === 'assignment' && isField(assignment, 'left', name)
      ? assignment.childForFieldName('right')
      : null;
  if (!value) return undefined;
  return {
    name,
    value: unparenthesized(value),
    otherReads: uses.reads.filter((read) => read.id !== identifier.id),
  };
}

/**
 * The bindings and reads of the name that `identifier` refers to, looked up
 * from where it stands. Undefined for builtins and whenever some use could be
 * hidden: a nested `global`/`nonlocal` of the name, a star import, or a call
 * to eval/exec/globals/locals/vars that can reach the scope's names.
 */
export function usesOfName(facts: DocumentFacts, identifier: Node): NameUses | undefined {
  const name = identifier.text;
  const found = bindingOfName(facts, identifier);
  if (!found) return undefined;
  const { scope, sites } = found;
  const notReads = new Set(sites.map((site) => site.node.id));
  const reads: Node[] = [];
  for (const node of facts.names.spellings(name, scope.node)) {
    if (notReads.has(node.id) || facts.names.isParameter(node) || !isReference(node)) continue;
    const resolved = facts.lookup(name, node);
    if (resolved === 'unknown') return undefined;
    if (resolved === undefined || resolved.scope !== scope) {
      // Declared global/nonlocal in a nested scope: writes there would reach our name unseen.
      if (resolved?.sites.some((site) => site.kind === 'declaration')) return undefined;
      continue;
    }
    reads.push(node);
  }
  return { scope, sites, reads };
}

/**
 * The scope and bindings of the name `identifier` refers to, as usesOfName
 * finds them, without its reads; undefined when usesOfName would be, for
 * reasons that hold in the scope itself (a star import, a `global` or
 * `nonlocal` there, a call that reaches its names).
 */
export function bindingOfName(facts: DocumentFacts, identifier: Node): Pick<NameUses, 'scope' | 'sites'> | undefined {
  const found = facts.lookup(identifier.text, identifier);
  if (found === undefined || found === 'unknown') return undefined;
  const { scope, sites } = found;
  // A star import may rebind the name wherever it stands.
  if (starBinding(scope, identifier.text) !== undefined || sites.some((site) => site.kind === 'declaration'))
    return undefined;
  if (facts.names.dynamicCallsIn(scope.node).some((call) => reachesNames(facts, call, scope))) return undefined;
  return { scope, sites };
}

/**
 * Whether some read in the document could make usesOfName answer undefined
 * though bindingOfName does not: only a star import or a `global` or
 * `nonlocal` declaration in a nested scope can, and a text without the words
 * holds neither.
 */
export function mayHideReads(facts: DocumentFacts): boolean {
  const text = facts.module.text;
  return mayStarImport(text) || text.includes('global') || text.includes('nonlocal');
}

/**
 * Whether `identifier`, a reference to its name that binds nothing, reads
 * the binding in `scope`: what usesOfName asks of each spelling, when
 * mayHideReads is false.
 */
export function readsBindingIn(facts: DocumentFacts, identifier: Node, scope: Scope): boolean {
  const resolved = facts.lookup(identifier.text, identifier);
  return resolved !== undefined && resolved !== 'unknown' && resolved.scope === scope;
}

/** Parents whose identifier child in this field (every child when null) is not a variable. */
const NOT_A_VARIABLE: Readonly<Record<string, string | null>> = {
  attribute: 'attribute',
  keyword_argument: 'name',
  dotted_name: null,
  aliased_import: null,
  import_statement: null,
  import_from_statement: null,
  keyword_pattern: null,
};

/** Whether the identifier names a variable (not an attribute, keyword or module path). */
export function isReference(identifier: Node): boolean {
  const parent = identifier.parent;
  if (!parent) return false;
  const field = NOT_A_VARIABLE[parent.type];
  if (field === undefined) return true;
  return field !== null && !isField(parent, field, identifier);
}

function reachesNames(facts: DocumentFacts, call: Node, scope: Scope): boolean {
  const callee = call.childForFieldName('function');
  const name = callee ? facts.qualifiedName(callee) : undefined;
  const reach = name === undefined ? undefined : DYNAMIC_ACCESS.get(name);
  if (reach === 'anywhere') return true;
  if (reach === 'module') return scope.node.type === 'module';
  // vars(obj) reads an object's attributes, not the scope.
  if (reach === 'here')
    return (
      (name !== 'builtins.vars' || call.childForFieldName('arguments')?.namedChildCount === 0) &&
      runningScope(facts, call) === scope
    );
  return false;
}

/** In `name = <value>` as a statement of its own (no annotation, no chain), the name; else undefined. */
export function assignedName(value: Node): Node | undefined {
  const assignment = value.parent;
  if (assignment?.type !== 'assignment' || assignment.parent?.type !== 'expression_statement') return undefined;
  if (assignment.childForFieldName('right')?.id !== value.id || assignment.childForFieldName('type')) return undefined;
  const left = assignment.childForFieldName('left');
  return left?.type === 'identifier' ? left : undefined;
}

/** The function, class or module scope a node runs in: comprehensions run where they stand. */
export function runningScope(facts: DocumentFacts, node: Node): Scope {
  let scope = facts.scopes.scopeOf(node);
  while (COMPREHENSION_TYPES.has(scope.node.type) && scope.parent) scope = scope.parent;
  return scope;
}

/**
 * Whether, before `read` runs, a binding of the name that starts at or after
 * `from` certainly runs: one in a statement whose block also holds the read,
 * later on (`with open(b) as f:` after the loop that used the first `f`).
 */
export function reboundBefore(uses: NameUses, read: Node, from: number): boolean {
  return uses.sites.some(
    (site) => site.node.startIndex >= from && site.node.endIndex <= read.startIndex && dominates(site.node, read),
  );
}

/** Expressions that may evaluate a part of themselves zero times. */
const MAYBE_SKIPPED: ReadonlySet<string> = new Set([
  ...COMPREHENSION_TYPES,
  'conditional_expression',
  'boolean_operator',
  'lambda',
]);

/** `site` runs whenever `later` (after it in the text) does: a straight line in one block. */
function dominates(site: Node, later: Node): boolean {
  let statement = site;
  while (statement.parent && statement.parent.type !== 'block' && statement.parent.type !== 'module') {
    if (MAYBE_SKIPPED.has(statement.parent.type)) return false;
    statement = statement.parent;
  }
  const block = statement.parent;
  return block !== null && block.startIndex <= later.startIndex && later.endIndex <= block.endIndex;
}
