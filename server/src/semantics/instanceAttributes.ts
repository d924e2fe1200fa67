// Where a document sets attributes on objects, and on whose objects: the
// instance a method receives as `self`, the class a class method receives, or
// anything else. Rules ask this before suggesting `__slots__`, which turns
// every attribute not listed into an AttributeError.
import type { Node } from 'web-tree-sitter';
import { decoratorName, decoratorsOf } from './decorators';
import type { DocumentFacts } from './facts';
import { stringLiteral } from './literals';
import { callArguments, calleeCall, expressionEndingIn } from './syntax';
import { assignmentTargetsOf, isAssignmentTarget, TARGET_OWNER_TYPES } from './assignmentTargets';

/** What the object written to is, as far as the text shows. */
export type Receiver =
  /** The first parameter of a method of `owner`: one of its instances (or a subclass's). */
  | { readonly kind: 'instance'; readonly owner: Node; readonly method: string }
  /** The first parameter of a class method (or `__new__`, `__init_subclass__`): a class. */
  | { readonly kind: 'class'; readonly owner: Node }
  | { readonly kind: 'unknown' };

export interface AttributeWrite {
  /** The attribute set (or deleted); undefined when any attribute may be: `setattr(o, name, v)`, `o.__dict__`, `vars(o)`. */
  readonly name: string | undefined;
  readonly receiver: Receiver;
  readonly node: Node;
}

const UNKNOWN: Receiver = { kind: 'unknown' };
/** Methods Python calls with the class as first argument without a decorator. */
const IMPLICIT_CLASS_METHODS: ReadonlySet<string> = new Set(['__new__', '__init_subclass__', '__class_getitem__']);
/** Builtins that set or delete the attribute their second argument names. */
const SETTERS: ReadonlySet<string> = new Set(['builtins.setattr', 'builtins.delattr']);

/** The last names of the calls that callWrite recognises. */
const WRITING_CALL_NAMES: readonly string[] = ['vars', 'setattr', 'delattr', '__setattr__', '__delattr__'];

const cache = new WeakMap<DocumentFacts, readonly AttributeWrite[]>();

/**
 * Every place the document sets or deletes an attribute (`o.x = …`, `o.x += …`,
 * `del o.x`, `for o.x in …`, `setattr(o, "x", …)`, `object.__setattr__(o, "x", …)`)
 * or reaches an object's attributes wholesale (`o.__dict__`, `vars(o)`), in
 * document order; computed once per document.
 */
export function attributeWrites(facts: DocumentFacts): readonly AttributeWrite[] {
  facts.readsWholeDocument();
  const known = cache.get(facts);
  if (known) return known;
  // Each kind of write is found from what must spell it, rather than by asking about every
  // attribute and call of the document (a module holds thousands, each a few calls into WASM).
  const writes = [
    ...targetWrites(facts.module.descendantsOfType(TARGET_OWNER_TYPES as string[]), facts),
    ...dictReads(facts),
    ...callWrites(facts),
  ];
  // In document order, an outer node before the inner one that starts with it (`o.__dict__.x = 1`).
  writes.sort((a, b) => a.node.startIndex - b.node.startIndex || b.node.endIndex - a.node.endIndex);
  cache.set(facts, writes);
  return writes;
}

/**
 * The writes attributeWrites finds that may set the attribute `name`: its own
 * (`o.name = …`, `setattr(o, "name", …)`) and those that may set any
 * attribute. Its own are found from the places the text spells the name, not
 * from every assignment of the document.
 */
export function attributeWritesOf(facts: DocumentFacts, name: string): readonly AttributeWrite[] {
  const known = cache.get(facts);
  const mayWrite = (write: AttributeWrite) => write.name === undefined || write.name === name;
  if (known) return known.filter(mayWrite);
  const targets = facts.names.spellings(name, facts.module.main).flatMap((identifier): AttributeWrite[] => {
    const attribute = identifier.parent;
    const object = attribute?.type === 'attribute' ? attribute.childForFieldName('object') : null;
    if (
      !attribute ||
      !object ||
      !attribute.childForFieldName('attribute')?.equals(identifier) ||
      !isAssignmentTarget(attribute)
    )
      return [];
    return [{ name, receiver: receiverOf(object, facts), node: attribute }];
  });
  const writes = [...targets, ...dictReads(facts), ...callWrites(facts).filter(mayWrite)];
  return writes.sort((a, b) => a.node.startIndex - b.node.startIndex || b.node.endIndex - a.node.endIndex);
}

/**
 * The writes attributeWrites finds inside a class's own methods on the
 * instance they receive (`self.x = …`, `setattr(self, "x", …)`), in document
 * order. Found in the class alone: no other part of the document is read, but
 * the statements of its body are, which a class cut into chunks holds apart.
 */
export function instanceWritesIn(classNode: Node, facts: DocumentFacts): AttributeWrite[] {
  facts.readsMembersOf(classNode);
  const spelled = new Set(WRITING_CALL_NAMES.flatMap((name) => [name, ...facts.names.aliasesOf(name)]));
  const calls = classNode.descendantsOfType('call').flatMap((call) => {
    const callee = call?.childForFieldName('function');
    const name = callee?.type === 'attribute' ? callee.childForFieldName('attribute')?.text : callee?.text;
    const write = name !== undefined && spelled.has(name) ? callWrite(call!, facts) : undefined;
    return write ? [write] : [];
  });
  const owners = classNode
    .descendantsOfType(TARGET_OWNER_TYPES as string[])
    .filter((owner): owner is Node => owner !== null);
  const writes = [...targetWrites(owners, facts), ...calls];
  writes.sort((a, b) => a.node.startIndex - b.node.startIndex || b.node.endIndex - a.node.endIndex);
  return writes.filter((write) => write.receiver.kind === 'instance' && write.receiver.owner.id === classNode.id);
}

/** Attributes written by assignments, loops, `with … as` and `del` (`owners`, of TARGET_OWNER_TYPES): found from those, inside tree-sitter. */
function targetWrites(owners: readonly Node[], facts: DocumentFacts): AttributeWrite[] {
  const writes: AttributeWrite[] = [];
  for (const owner of owners) {
    for (const target of assignmentTargetsOf(owner)) {
      if (target.type !== 'attribute') continue;
      const object = target.childForFieldName('object');
      const name = target.childForFieldName('attribute')?.text;
      // `o.__dict__ = …` counts among the reads of `__dict__`.
      if (object && name && name !== '__dict__')
        writes.push({ name, receiver: receiverOf(object, facts), node: target });
    }
  }
  return writes;
}

/** `o.__dict__`, read or written: any attribute may be set through it. */
function dictReads(facts: DocumentFacts): AttributeWrite[] {
  return facts.names.spellings('__dict__', facts.module.main).flatMap((name) => {
    const attribute = expressionEndingIn(name);
    const object = attribute === name ? null : attribute.childForFieldName('object');
    return object ? [{ name: undefined, receiver: receiverOf(object, facts), node: attribute }] : [];
  });
}

/** Calls that set, delete or expose attributes: their callees spell one of WRITING_CALL_NAMES, or an alias an import gives it. */
function callWrites(facts: DocumentFacts): AttributeWrite[] {
  const callees = WRITING_CALL_NAMES.flatMap((name) => [name, ...facts.names.aliasesOf(name)]);
  const seen = new Set<number>();
  const writes: AttributeWrite[] = [];
  for (const callee of new Set(callees)) {
    for (const identifier of facts.names.spellings(callee, facts.module.main)) {
      const call = calleeCall(identifier);
      if (!call || seen.has(call.id)) continue;
      seen.add(call.id);
      const write = callWrite(call, facts);
      if (write) writes.push(write);
    }
  }
  return writes;
}

function callWrite(call: Node, facts: DocumentFacts): AttributeWrite | undefined {
  const callee = call.childForFieldName('function');
  if (!callee) return undefined;
  // An attribute's qualified name ends in its own name: most method calls are ruled out before any lookup.
  if (callee.type === 'attribute' && !WRITING_CALL_NAMES.includes(callee.childForFieldName('attribute')?.text ?? ''))
    return undefined;
  const args = callArguments(call);
  const qualified = facts.qualifiedName(callee);
  if (qualified === 'builtins.vars')
    return args[0] ? { name: undefined, receiver: receiverOf(args[0], facts), node: call } : undefined;
  const setter = (qualified !== undefined && SETTERS.has(qualified)) || isObjectSetattr(callee, facts);
  if (!setter) return undefined;
  const [object, attribute] = args;
  if (!object) return undefined;
  const name = attribute ? stringLiteral(attribute) : undefined;
  return { name: name && !name.bytes ? name.value : undefined, receiver: receiverOf(object, facts), node: call };
}

/** `object.__setattr__` or `object.__delattr__`, as frozen dataclasses use in `__post_init__`. */
function isObjectSetattr(callee: Node, facts: DocumentFacts): boolean {
  if (callee.type !== 'attribute') return false;
  const object = callee.childForFieldName('object');
  const name = callee.childForFieldName('attribute')?.text;
  return (
    object !== null &&
    facts.qualifiedName(object) === 'builtins.object' &&
    (name === '__setattr__' || name === '__delattr__')
  );
}

/** Whose object an expression is: a method's `self` or `cls`, or unknown. */
export function receiverOf(expression: Node, facts: DocumentFacts): Receiver {
  if (expression.type !== 'identifier') return UNKNOWN;
  const found = facts.lookup(expression.text, expression);
  if (found === undefined || found === 'unknown' || found.sites.length !== 1) return UNKNOWN;
  const site = found.sites[0]!;
  const method = found.scope.node;
  if (site.kind !== 'parameter' || method.type !== 'function_definition') return UNKNOWN;
  if (firstParameter(method)?.id !== site.node.id) return UNKNOWN;
  const owner = classOfMethod(method);
  if (!owner) return UNKNOWN;
  const name = method.childForFieldName('name')?.text ?? '';
  const decorators = decoratorsOf(method).map((decorator) => decoratorName(decorator, facts));
  if (decorators.includes('builtins.staticmethod')) return UNKNOWN;
  if (decorators.includes('builtins.classmethod') || IMPLICIT_CLASS_METHODS.has(name)) return { kind: 'class', owner };
  return { kind: 'instance', owner, method: name };
}

/** The identifier of a function's first parameter, when it is a plain one (`self`, `self: T`). */
export function firstParameter(definition: Node): Node | undefined {
  const first = definition
    .childForFieldName('parameters')
    ?.namedChildren.find((child) => child !== null && child.type !== 'comment');
  if (!first) return undefined;
  if (first.type === 'identifier') return first;
  if (first.type === 'typed_parameter') {
    const name = first.namedChild(0);
    return name?.type === 'identifier' ? name : undefined;
  }
  return undefined;
}

/** The class whose body defines the function directly (decorated or not). */
function classOfMethod(definition: Node): Node | undefined {
  const statement = definition.parent?.type === 'decorated_definition' ? definition.parent : definition;
  const owner = statement.parent?.type === 'block' ? statement.parent.parent : null;
  return owner?.type === 'class_definition' ? owner : undefined;
}
