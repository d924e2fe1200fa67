// How a class's instances hash. By value: named tuples, subclasses of
// immutable builtins, frozen dataclasses and attrs classes, and classes that
// define both `__eq__` and `__hash__`; equal instances are one dict key, so a
// cache keyed on them holds one entry per distinct value. Not at all: classes
// that define `__eq__` alone, and plain dataclasses; no dict can hold them.
import type { Node } from 'web-tree-sitter';
import { localClass } from '../../semantics/classes';
import { decoratorExpression, decoratorName, decoratorsOf } from '../../semantics/decorators';
import type { DocumentFacts } from '../../semantics/facts';
import { definitionOf, unparenthesized } from '../../semantics/syntax';

/** How deep to follow local base classes before giving up. */
const MAX_DEPTH = 16;

/** Bases whose `__eq__` and `__hash__` read the instance's value. */
const VALUE_BASES: ReadonlySet<string> = new Set([
  'typing.NamedTuple',
  'typing_extensions.NamedTuple',
  'builtins.tuple',
  'builtins.str',
  'builtins.bytes',
  'builtins.int',
  'builtins.float',
  'builtins.complex',
  'builtins.frozenset',
]);
/** Calls that make a named tuple class to derive from: `class Point(namedtuple("Point", "x y"))`. */
const NAMED_TUPLE_FACTORIES: ReadonlySet<string> = new Set([
  'collections.namedtuple',
  'typing.NamedTuple',
  'typing_extensions.NamedTuple',
]);

/**
 * Record decorators, and the keywords that make them generate a `__hash__` over
 * the fields (with `__eq__` over the fields, unless `eq=False`). `always`:
 * the decorator makes a frozen class by itself.
 */
interface RecordDecorator {
  readonly hashKeywords: readonly string[];
  readonly always?: boolean;
}
const FROZEN_DATACLASS: RecordDecorator = { hashKeywords: ['frozen', 'unsafe_hash'] };
const ATTRS_CLASS: RecordDecorator = { hashKeywords: ['frozen', 'unsafe_hash', 'hash'] };
const ATTRS_FROZEN: RecordDecorator = { hashKeywords: [], always: true };
const RECORD_DECORATORS: ReadonlyMap<string, RecordDecorator> = new Map([
  ['dataclasses.dataclass', FROZEN_DATACLASS],
  ['attr.s', ATTRS_CLASS],
  ['attr.attrs', ATTRS_CLASS],
  ['attr.define', ATTRS_CLASS],
  ['attrs.define', ATTRS_CLASS],
  ['attr.mutable', ATTRS_CLASS],
  ['attrs.mutable', ATTRS_CLASS],
  ['attr.frozen', ATTRS_FROZEN],
  ['attrs.frozen', ATTRS_FROZEN],
]);

/**
 * Whether instances of the class compare and hash by value: it or a base class
 * defined in this file derives from a named tuple or an immutable builtin, is a
 * frozen (or `unsafe_hash`) dataclass or attrs class, or the chain defines both
 * `__eq__` and `__hash__` (not `__hash__ = None` or `object.__hash__`). A
 * hand-written `__hash__` is taken to read the value, as the data model asks
 * of one that goes with `__eq__`.
 */
export function hashesByValue(classNode: Node, facts: DocumentFacts): boolean {
  const defined = new Set<string>();
  const seen = new Set<number>();
  const visit = (node: Node, depth: number): boolean => {
    if (depth > MAX_DEPTH || seen.has(node.id)) return false;
    seen.add(node.id);
    if (isValueRecord(node, facts)) return true;
    for (const [name, definition] of equalityDefinitions(node, facts)) if (definition === 'own') defined.add(name);
    for (const base of positionalBases(node)) {
      if (isValueBase(base, facts)) return true;
      const local = localClass(base, facts);
      if (local && visit(local, depth + 1)) return true;
    }
    return false;
  };
  return visit(classNode, 0) || (defined.has('__eq__') && defined.has('__hash__'));
}

function positionalBases(classNode: Node): Node[] {
  const bases = classNode.childForFieldName('superclasses')?.namedChildren ?? [];
  return bases.filter(
    (base): base is Node => base !== null && base.type !== 'keyword_argument' && base.type !== 'comment',
  );
}

function isValueBase(base: Node, facts: DocumentFacts): boolean {
  if (base.type === 'call') {
    const factory = base.childForFieldName('function');
    const name = factory ? facts.qualifiedName(factory) : undefined;
    return name !== undefined && NAMED_TUPLE_FACTORIES.has(name);
  }
  const name = facts.qualifiedName(base);
  return name !== undefined && VALUE_BASES.has(name);
}

/** A record decorator that generates `__eq__` and `__hash__` over the fields. */
function isValueRecord(classNode: Node, facts: DocumentFacts): boolean {
  return decoratorsOf(classNode).some((decorator) => {
    const name = decoratorName(decorator, facts);
    const record = name === undefined ? undefined : RECORD_DECORATORS.get(name);
    if (!record) return false;
    const expression = decoratorExpression(decorator);
    const flags = expression?.type === 'call' ? keywordFlags(expression) : new Map<string, boolean | undefined>();
    // eq=False leaves identity comparison; attrs' hash=False leaves identity hashing.
    if (flags.has('eq') && flags.get('eq') !== true) return false;
    if (flags.has('hash') && flags.get('hash') !== true) return false;
    return record.always === true || record.hashKeywords.some((keyword) => flags.get(keyword) === true);
  });
}

/**
 * Whether instances of the class cannot be hashed, as its own body and
 * decorators show: it sets `__hash__ = None`, defines `__eq__` without
 * `__hash__` (Python then sets `__hash__` to None), or is a dataclass that
 * compares by value without `frozen=True` or `unsafe_hash=True`.
 */
export function isUnhashable(classNode: Node, facts: DocumentFacts): boolean {
  const definitions = equalityDefinitions(classNode, facts);
  const hash = definitions.get('__hash__');
  if (hash !== undefined) return hash === 'none';
  return definitions.has('__eq__') || isMutableDataclass(classNode, facts);
}

/** `@dataclass` (eq left True) without `frozen=True` or `unsafe_hash=True`: dataclasses set its `__hash__` to None. */
function isMutableDataclass(classNode: Node, facts: DocumentFacts): boolean {
  return decoratorsOf(classNode).some((decorator) => {
    if (decoratorName(decorator, facts) !== 'dataclasses.dataclass') return false;
    const expression = decoratorExpression(decorator);
    const flags = expression?.type === 'call' ? keywordFlags(expression) : new Map<string, boolean | undefined>();
    // A keyword whose value is not a literal could be anything.
    if ([...flags].some(([name, value]) => ['eq', 'frozen', 'unsafe_hash'].includes(name) && value === undefined))
      return false;
    return flags.get('eq') !== false && flags.get('frozen') !== true && flags.get('unsafe_hash') !== true;
  });
}

/** Keyword arguments of a call: true or false for the literals, undefined for any other value. */
function keywordFlags(call: Node): Map<string, boolean | undefined> {
  const flags = new Map<string, boolean | undefined>();
  for (const argument of call.childForFieldName('arguments')?.namedChildren ?? []) {
    if (argument?.type !== 'keyword_argument') continue;
    const name = argument.childForFieldName('name')?.text;
    const value = argument.childForFieldName('value');
    const type = value ? unparenthesized(value).type : undefined;
    if (name) flags.set(name, type === 'true' ? true : type === 'false' ? false : undefined);
  }
  return flags;
}

/** How the class body defines `__eq__` or `__hash__`: a method or value of its own, `object`'s (identity), or None (unhashable). */
type Definition = 'own' | 'identity' | 'none';

/** The class body's own definitions of `__eq__` and `__hash__`, by name. */
function equalityDefinitions(classNode: Node, facts: DocumentFacts): Map<string, Definition> {
  facts.readsMembersOf(classNode);
  const definitions = new Map<string, Definition>();
  for (const statement of classNode.childForFieldName('body')?.namedChildren ?? []) {
    if (!statement) continue;
    const definition = definitionOf(statement);
    const assigned = definition ? undefined : assignedEqualityMethod(statement);
    const name = definition ? definition.childForFieldName('name')?.text : assigned?.name;
    if (name === '__eq__' || name === '__hash__') definitions.set(name, assigned?.definition ?? 'own');
  }
  return definitions;
}

/** `__hash__ = …` or `__eq__ = …` as a statement, and what it assigns. */
function assignedEqualityMethod(
  statement: Node,
): { readonly name: string; readonly definition: Definition } | undefined {
  const assignment = statement.type === 'expression_statement' ? statement.namedChild(0) : null;
  if (assignment?.type !== 'assignment') return undefined;
  const left = assignment.childForFieldName('left');
  const right = assignment.childForFieldName('right');
  if (left?.type !== 'identifier' || !right) return undefined;
  const value = unparenthesized(right);
  const definition: Definition =
    value.type === 'none' ? 'none' : value.text === `object.${left.text}` ? 'identity' : 'own';
  return { name: left.text, definition };
}
