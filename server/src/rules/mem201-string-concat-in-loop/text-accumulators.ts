// What MEM201 knows about a value a loop grows: that it is a str or bytes (the
// tree proves it, or MEM201 stays quiet), where it lives, which decides whether
// CPython can resize a str in place, and whether it carries over from pass to
// pass of a loop.
import type { Node } from 'web-tree-sitter';
import type { BindingSite } from '../../semantics/bindings';
import type { DocumentFacts } from '../../semantics/facts';
import { isAssignmentTarget } from '../../semantics/assignmentTargets';
import { describeBinding, type NameBinding } from '../../semantics/initialValues';
import { attributeWritesOf, receiverOf, type AttributeWrite } from '../../semantics/instanceAttributes';
import { alwaysRunsWith, contains, isShortLoop } from '../../semantics/loops';
import { mayBeAssignedTextAsAttribute } from './textBindings';
import { isReference } from '../../semantics/uses';
import type { Scope } from '../../semantics/scopes';
import { valueKind, type AssumedKind, type ValueKind } from '../../semantics/valueKinds';
import { growthOf, isOldValueOperand, sameTarget, type Growth } from './text-growth';

type TextKind = 'str' | 'bytes';

/**
 * Where the value lives, as CPython stores it. Only a function's own local
 * (STORE_FAST) lets every version from 3.9 on resize a str in place when the
 * local is its only reference; 3.9 and 3.10 also do it for module and class
 * names and closure cells, 3.11 and later do not; no version does it for a
 * global declared in a function, an attribute or a container item.
 */
export type Home = 'local' | 'cell' | 'nonlocal' | 'global' | 'module' | 'class' | 'attribute';

export interface Accumulator {
  readonly kind: TextKind;
  readonly home: Home;
  /**
   * Whether `growth` (one of the accumulator's) builds on what earlier passes
   * of `loop` built: the loop is not short, the value is set before it, and
   * nothing in the loop replaces it on every pass or reads it whole on every
   * pass that grows it.
   */
  accumulatesIn(loop: Node, growth: Node): boolean;
  /** The accumulator's growths inside `loop`, in document order. */
  growthsIn(loop: Node): Growth[];
}

/** The accumulator `growth` grows, when the tree proves it holds str or bytes. */
export function accumulatorOf(growth: Growth, facts: DocumentFacts): Accumulator | undefined {
  return growth.target.type === 'identifier'
    ? nameAccumulator(growth.target, facts)
    : attributeAccumulator(growth.target, facts);
}

// Names

/** Where a name lives and every binding that can store into it. */
interface NameHome {
  /** Where it lives; asked only when the answer matters (whether a nested scope reads a local takes a search). */
  home(): Home;
  /** The scope the growth resolves the name to (the declaring function's, for `global` and `nonlocal`). */
  readonly scope: Scope;
  /** The bindings of that scope, the declaration left out. */
  readonly own: readonly NameBinding[];
  /** Every binding that stores into the same variable: those of its scope and of the scopes that declare it `global` or `nonlocal`. */
  readonly all: readonly NameBinding[];
  /** For `global` and `nonlocal` names, the bindings of the scope that owns the variable, which run before the function does. */
  readonly owner: readonly NameBinding[];
}

function nameAccumulator(name: Node, facts: DocumentFacts): Accumulator | undefined {
  const found = nameHome(name, facts);
  if (!found) return undefined;
  const kind = accumulatorKind(name.text, found.all, facts);
  if (!kind) return undefined;
  const { scope, own } = found;
  const isInitialisation = (binding: NameBinding) =>
    binding.kind === 'value' && valueKind(binding.value, facts) === kind;
  let home: Home | undefined;
  return {
    kind,
    get home() {
      return (home ??= found.home());
    },
    accumulatesIn(loop, growth) {
      if (isShortLoop(loop, facts)) return false;
      const before =
        found.owner.some(isInitialisation) ||
        own.some((binding) => isInitialisation(binding) && binding.site.node.endIndex <= loop.startIndex);
      if (!before || own.some((binding) => isRebound(binding.site.node, growth, loop))) return false;
      return (
        kind === 'bytes' ||
        !nameReadsIn(loop, name.text, scope, own, facts).some((read) => isWholeReadEveryPass(read, growth, loop, facts))
      );
    },
    growthsIn: (loop) =>
      own.flatMap((binding) => {
        const growth = contains(loop, binding.site.node) ? growthOfSite(binding.site) : undefined;
        return growth ? [growth] : [];
      }),
  };
}

function nameHome(name: Node, facts: DocumentFacts): NameHome | undefined {
  const found = facts.lookup(name.text, name);
  if (found === undefined || found === 'unknown') return undefined;
  const own = describe(found.sites);
  const declaration = found.sites.find((site) => site.kind === 'declaration');
  if (declaration) {
    const isGlobal = declaration.node.parent?.type === 'global_statement';
    const owner = isGlobal ? facts.lookup(name.text, facts.module.main) : facts.lookup(name.text, found.scope.node);
    if (owner === undefined || owner === 'unknown' || owner.sites.some((site) => site.kind === 'declaration'))
      return undefined;
    const ownerBindings = describe(owner.sites);
    // The declaring scopes found from the owner include this one.
    const all = [...ownerBindings, ...declaringScopes(name.text, owner.scope, facts)];
    return {
      home: () => (isGlobal ? 'global' : 'nonlocal'),
      scope: found.scope,
      own,
      all: inOrder(all),
      owner: ownerBindings,
    };
  }
  if (found.scope.parent === undefined)
    return {
      home: () => 'module',
      scope: found.scope,
      own,
      all: inOrder([...own, ...declaringScopes(name.text, found.scope, facts)]),
      owner: [],
    };
  const type = found.scope.node.type;
  if (type === 'class_definition') return { home: () => 'class', scope: found.scope, own, all: own, owner: [] };
  if (type !== 'function_definition') return undefined;
  return {
    home: () => (isReadByNestedScope(name.text, found.scope, facts) ? 'cell' : 'local'),
    scope: found.scope,
    own,
    all: own,
    owner: [],
  };
}

function describe(sites: readonly BindingSite[]): NameBinding[] {
  return sites.filter((site) => site.kind !== 'declaration').map(describeBinding);
}

/** Bindings in document order, each once. */
function inOrder(bindings: readonly NameBinding[]): NameBinding[] {
  const byNode = new Map(bindings.map((binding) => [binding.site.node.id, binding]));
  return [...byNode.values()].sort((a, b) => a.site.node.startIndex - b.site.node.startIndex);
}

/** The bindings made in the scopes that declare the name `global` (owner: the module) or `nonlocal` (owner: that function). */
function declaringScopes(name: string, owner: Scope, facts: DocumentFacts): NameBinding[] {
  const isModule = owner.parent === undefined;
  const statement = isModule ? 'global_statement' : 'nonlocal_statement';
  const within = isModule ? facts.module.main : owner.node;
  // Most files declare nothing global: the search of every spelling of the name is for those that may.
  if (!facts.module.text.includes(isModule ? 'global' : 'nonlocal')) return [];
  const bindings: NameBinding[] = [];
  for (const spelling of facts.names.spellings(name, within)) {
    if (spelling.parent?.type !== statement) continue;
    const declaring = facts.lookup(name, spelling);
    if (declaring === undefined || declaring === 'unknown') continue;
    if (statement === 'nonlocal_statement') {
      const resolved = facts.lookup(name, declaring.scope.node);
      if (resolved === undefined || resolved === 'unknown' || resolved.scope !== owner) continue;
    }
    bindings.push(...describe(declaring.sites));
  }
  return bindings;
}

/** Scopes whose reading of an enclosing function's local makes it a cell: functions, lambdas, generator expressions and class bodies. */
const CELL_MAKING_SCOPES: ReadonlySet<string> = new Set([
  'function_definition',
  'lambda',
  'generator_expression',
  'class_definition',
]);

/**
 * Whether a scope nested in the local's function reads it, which makes it a
 * cell (STORE_DEREF) that CPython 3.11 and later copy on every `+=`. List, set
 * and dict comprehensions are left out: 3.12 runs them inline (PEP 709),
 * and only 3.11 then copies.
 */
function isReadByNestedScope(name: string, scope: Scope, facts: DocumentFacts): boolean {
  for (const spelling of facts.names.spellings(name, scope.node)) {
    if (!isReference(spelling)) continue;
    const running = facts.scopes.scopeOf(spelling);
    if (running === scope || !CELL_MAKING_SCOPES.has(running.node.type)) continue;
    if (spelling.parent?.type === 'nonlocal_statement') return true;
    const resolved = facts.lookup(name, spelling);
    if (resolved !== undefined && resolved !== 'unknown' && resolved.scope === scope) return true;
  }
  return false;
}

/** The growth a binding site is the target of, if any. */
function growthOfSite(site: BindingSite): Growth | undefined {
  const statement = site.node.parent;
  const growth = statement ? growthOf(statement) : undefined;
  return growth?.target.equals(site.node) ? growth : undefined;
}

/**
 * str or bytes when every binding of the name keeps it one: the values stored
 * without reading the name itself agree on the kind, values that read it (`s +
 * "x"`, `s.strip()`) give the same kind when it has it, and `+=` never adds
 * something of another known type. Any other binding (a parameter, a loop
 * target, unpacking) leaves the type unproven.
 */
function accumulatorKind(name: string, bindings: readonly NameBinding[], facts: DocumentFacts): TextKind | undefined {
  const initial = new Set<ValueKind | undefined>();
  for (const binding of bindings) if (binding.kind === 'value') initial.add(valueKind(binding.value, facts));
  initial.delete(undefined);
  if (initial.size !== 1) return undefined;
  const [kind] = initial;
  if (kind !== 'str' && kind !== 'bytes') return undefined;
  const assumed: AssumedKind = (node) => (node.type === 'identifier' && node.text === name ? kind : undefined);
  return bindings.every((binding) => keepsKind(binding, kind, facts, assumed)) ? kind : undefined;
}

function keepsKind(binding: NameBinding, kind: TextKind, facts: DocumentFacts, assumed?: AssumedKind): boolean {
  switch (binding.kind) {
    case 'value':
      return valueKind(binding.value, facts, assumed) === kind;
    case 'augmented': {
      if (binding.operator !== '+=') return false;
      const added = valueKind(binding.value, facts, assumed);
      return added === undefined || added === kind;
    }
    case 'annotation':
      return true;
    default:
      return false;
  }
}

/** The identifiers in `loop` that read the name bound in `scope`, the growths' own targets left out. */
function nameReadsIn(
  loop: Node,
  name: string,
  scope: Scope,
  own: readonly NameBinding[],
  facts: DocumentFacts,
): Node[] {
  const targets = new Set(own.map((binding) => binding.site.node.id));
  return facts.names.spellings(name, loop).filter((spelling) => {
    if (targets.has(spelling.id) || !isReference(spelling)) return false;
    const resolved = facts.lookup(name, spelling);
    return resolved !== undefined && resolved !== 'unknown' && resolved.scope === scope;
  });
}

// Attributes

/**
 * `self.text` in a method of class C is a str (bytes) when every write of
 * `text` in the document is through the first parameter of a method of C and
 * stores one (`self.text = ""`, `self.text += part`), at least one stores a
 * value, C's body binds no `text` of another kind, and nothing may set an
 * attribute by a name the text does not show (`setattr(o, name, v)`,
 * `o.__dict__`, `vars(o)`). A write from a subclass's method, or through any
 * other name, leaves the type unproven.
 */
function attributeAccumulator(target: Node, facts: DocumentFacts): Accumulator | undefined {
  const object = target.childForFieldName('object')!;
  const name = target.childForFieldName('attribute')?.text;
  // Most attributes grown in loops are counters: the text tells when no assignment can store text in one of that name.
  if (!name || !mayBeAssignedTextAsAttribute(facts, name)) return undefined;
  const receiver = receiverOf(object, facts);
  if (receiver.kind !== 'instance') return undefined;
  const writes = attributeWritesOf(facts, name);
  if (
    writes.some(
      (write) =>
        write.name === undefined || write.receiver.kind !== 'instance' || !write.receiver.owner.equals(receiver.owner),
    )
  )
    return undefined;
  const bindings = writes.map((write) => describeBinding({ name, node: write.node, kind: 'assignment' }));
  // Values that read the attribute itself (`self.text + part`) have no kind of their own yet.
  const kinds = new Set(
    bindings.flatMap((binding) => (binding.kind === 'value' ? [valueKind(binding.value, facts)] : [])),
  );
  kinds.delete(undefined);
  const [kind] = kinds;
  if (kinds.size !== 1 || (kind !== 'str' && kind !== 'bytes')) return undefined;
  // `self.text = self.text.strip()`: a read of the attribute through a method's `self` has the kind being proven.
  const assumed: AssumedKind = (node) =>
    node.type === 'attribute' && isAttributeOf(node, name, receiver.owner, facts) ? kind : undefined;
  if (
    !bindings.every((binding) => keepsKind(binding, kind, facts, assumed)) ||
    !classBodyAgrees(receiver.owner, name, kind, facts)
  )
    return undefined;
  const sameObject = (node: Node) => sameTarget(node, target);
  const inLoop = (loop: Node) => writes.filter((write) => contains(loop, write.node) && sameObject(write.node));
  return {
    kind,
    home: 'attribute',
    accumulatesIn(loop, growth) {
      if (isShortLoop(loop, facts)) return false;
      if (inLoop(loop).some((write) => !isGrowthTarget(write) && alwaysRunsWith(write.node, growth, loop)))
        return false;
      return (
        kind === 'bytes' ||
        !attributeReadsIn(loop, target, facts).some((read) => isWholeReadEveryPass(read, growth, loop, facts))
      );
    },
    growthsIn: (loop) =>
      inLoop(loop).flatMap((write) => (isGrowthTarget(write) ? [growthOf(write.node.parent!)!] : [])),
  };
}

/** `self.<name>` where `self` is the first parameter of a method of `owner`. */
function isAttributeOf(attribute: Node, name: string, owner: Node, facts: DocumentFacts): boolean {
  const object = attribute.childForFieldName('object');
  if (attribute.childForFieldName('attribute')?.text !== name || !object) return false;
  const receiver = receiverOf(object, facts);
  return receiver.kind === 'instance' && receiver.owner.equals(owner);
}

function isGrowthTarget(write: AttributeWrite): boolean {
  const statement = write.node.parent;
  return statement !== null && growthOf(statement)?.target.equals(write.node) === true;
}

/** The class body binds the name (a class attribute, a method, a property) only to a value of the kind, if at all. */
function classBodyAgrees(owner: Node, name: string, kind: TextKind, facts: DocumentFacts): boolean {
  const body = owner.childForFieldName('body');
  const found = body ? facts.lookup(name, body) : undefined;
  if (found === undefined || found === 'unknown' || !found.scope.node.equals(owner)) return true;
  return found.sites
    .map(describeBinding)
    .every((binding) => binding.kind === 'value' && valueKind(binding.value, facts) === kind);
}

/** `self.text` read in the loop: attributes of the same object and name that no assignment targets. */
function attributeReadsIn(loop: Node, target: Node, facts: DocumentFacts): Node[] {
  const name = target.childForFieldName('attribute')!.text;
  return facts.names.spellings(name, loop).flatMap((spelling) => {
    const attribute = spelling.parent;
    if (
      attribute?.type !== 'attribute' ||
      !attribute.childForFieldName('attribute')?.equals(spelling) ||
      !sameTarget(attribute, target)
    )
      return [];
    return isAssignmentTarget(attribute) ? [] : [attribute];
  });
}

// Passes

/**
 * A binding inside the loop, other than a growth, that runs on every pass with
 * `growth`: before it, the value starts over each pass; after it, it is
 * replaced (trimmed, stripped, emptied), so its growth across passes is unproven.
 */
function isRebound(target: Node, growth: Node, loop: Node): boolean {
  if (!contains(loop, target)) return false;
  const statement = target.parent;
  if (statement && growthOf(statement)?.target.equals(target)) return false;
  return alwaysRunsWith(target, growth, loop);
}

/**
 * A read of the whole accumulated str in every pass that grows it
 * (`self.assertEqual(s, expected)`, `while s in taken`): each intermediate
 * value is needed in full anyway, so building it otherwise would save nothing.
 * Reads a list of parts answers as well do not count: `len(s)`, `if s:`,
 * `s == ""`, and the growth's own `s + …`. (Bytes are not exempt: a
 * `bytearray` grows in place and can be read as it is.)
 */
function isWholeReadEveryPass(read: Node, growth: Node, loop: Node, facts: DocumentFacts): boolean {
  if (isLengthOf(read, facts) || isTruthTest(read) || isComparedToLiteral(read) || isOldValueOperand(read))
    return false;
  return alwaysRunsWith(read, growth, loop);
}

/** `if s:`, `while not s:`, `s and …`. */
function isTruthTest(read: Node): boolean {
  let node = read;
  while (node.parent?.type === 'not_operator' || node.parent?.type === 'parenthesized_expression') node = node.parent;
  const parent = node.parent;
  if (!parent) return false;
  if (parent.type === 'boolean_operator') return true;
  return (
    ['if_statement', 'elif_clause', 'while_statement', 'conditional_expression'].includes(parent.type) &&
    parent.childForFieldName('condition')?.equals(node) === true
  );
}

/** `s == "{"`, `s != ""`: a comparison with a literal string. */
function isComparedToLiteral(read: Node): boolean {
  const comparison = read.parent;
  if (comparison?.type !== 'comparison_operator') return false;
  const operands = comparison.namedChildren.filter((child): child is Node => child !== null);
  const operators = comparison.children.filter((child) => child !== null && !child.isNamed).map((child) => child!.type);
  return (
    operands.length === 2 &&
    operators.every((op) => op === '==' || op === '!=') &&
    operands.some((operand) => operand.type === 'string')
  );
}

function isLengthOf(read: Node, facts: DocumentFacts): boolean {
  const call = read.parent?.parent;
  if (read.parent?.type !== 'argument_list' || call?.type !== 'call' || facts.callArguments(call).length !== 1)
    return false;
  const callee = call.childForFieldName('function');
  return callee !== null && facts.qualifiedName(callee) === 'builtins.len';
}
