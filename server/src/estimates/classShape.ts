// What one instance of a class defined in the document holds: its attributes
// (from `__slots__`, dataclass fields, or `self.x = ...` in its methods) and
// whether they live in slots, so the size model can say bytes per instance.
import type { Node } from 'web-tree-sitter';
import { localClass } from '../semantics/classes';
import { decoratorExpression, decoratorName, decoratorsOf } from '../semantics/decorators';
import type { DocumentFacts } from '../semantics/facts';
import { firstParameter } from '../semantics/instanceAttributes';
import { descendants, passedArguments } from '../semantics/syntax';
import type { CPythonLayout } from '../sizes/cpython';
import { dictInstanceSize, slottedInstanceSize } from '../sizes/instances';

export interface ClassShape {
  readonly name: string;
  readonly attributes: readonly string[];
  /** The class already stores its attributes in slots (`__slots__`, `@dataclass(slots=True)`). */
  readonly slotted: boolean;
  readonly dataclass: boolean;
}

export interface InstanceSizes {
  readonly shape: ClassShape;
  /** Bytes per instance without `__slots__`; undefined when every instance gets a dict of its own. */
  readonly withDict: number | undefined;
  readonly withSlots: number;
}

function bodyStatements(definition: Node): Node[] {
  return definition.childForFieldName('body')?.namedChildren.filter((child): child is Node => child !== null) ?? [];
}

/** `@dataclass` / `@dataclass(slots=True)`, resolved through imports. */
function dataclassDecorator(definition: Node, facts: DocumentFacts): { slots: boolean } | undefined {
  for (const decorator of decoratorsOf(definition)) {
    if (decoratorName(decorator, facts) !== 'dataclasses.dataclass') continue;
    const expression = decoratorExpression(decorator);
    const slots = expression?.type === 'call' && passedArguments(expression).some((arg) => arg.type === 'keyword_argument' && arg.text.replace(/\s/g, '') === 'slots=True');
    return { slots };
  }
  return undefined;
}

/** Names in `__slots__ = ('a', 'b')` (a tuple, list or single string of literals). */
function declaredSlots(statements: readonly Node[]): string[] | undefined {
  for (const statement of statements) {
    const assignment = statement.namedChild(0);
    if (assignment?.type !== 'assignment' || assignment.childForFieldName('left')?.text !== '__slots__') continue;
    const value = assignment.childForFieldName('right');
    const items = value?.type === 'string' ? [value] : (value?.namedChildren.filter((child): child is Node => child !== null) ?? []);
    if (!items.every((item) => item.type === 'string')) return undefined;
    return items.map((item) => item.text.slice(1, -1));
  }
  return undefined;
}

/** Annotated class-level names of a dataclass, without ClassVar. */
function dataclassFields(statements: readonly Node[]): string[] {
  return statements
    .map((statement) => statement.namedChild(0))
    .filter((assignment): assignment is Node => assignment?.type === 'assignment' && assignment.childForFieldName('type') !== null)
    .filter((assignment) => !/ClassVar/.test(assignment.childForFieldName('type')!.text) && assignment.childForFieldName('left')?.type === 'identifier')
    .map((assignment) => assignment.childForFieldName('left')!.text);
}

/** Attributes the class's methods assign on their first parameter. */
function selfAttributes(statements: readonly Node[]): string[] {
  const names = new Set<string>();
  for (const statement of statements) {
    const method = statement.type === 'decorated_definition' ? statement.childForFieldName('definition') : statement;
    if (method?.type !== 'function_definition') continue;
    const self = firstParameter(method)?.text;
    if (!self) continue;
    for (const node of descendants(method, (inner) => inner.equals(method) || (inner.type !== 'function_definition' && inner.type !== 'class_definition'))) {
      if (node.type !== 'assignment' && node.type !== 'augmented_assignment') continue;
      const left = node.childForFieldName('left');
      const targets = left?.type === 'pattern_list' || left?.type === 'tuple_pattern' ? left.namedChildren : [left];
      for (const target of targets) {
        if (target?.type === 'attribute' && target.childForFieldName('object')?.text === self) names.add(target.childForFieldName('attribute')!.text);
      }
    }
  }
  return [...names];
}

/** The shape of a class without base classes (other than `object`), or undefined when it cannot be told. */
export function classShape(definition: Node, facts: DocumentFacts): ClassShape | undefined {
  const bases = definition.childForFieldName('superclasses')?.namedChildren.filter((child): child is Node => child !== null) ?? [];
  if (bases.some((base) => base.text !== 'object')) return undefined;
  const name = definition.childForFieldName('name')?.text ?? '';
  const statements = bodyStatements(definition);
  const dataclass = dataclassDecorator(definition, facts);
  const slots = declaredSlots(statements);
  if (slots) return { name, attributes: slots, slotted: true, dataclass: dataclass !== undefined };
  if (dataclass) return { name, attributes: dataclassFields(statements), slotted: dataclass.slots, dataclass: true };
  return { name, attributes: selfAttributes(statements), slotted: false, dataclass: false };
}

/** The class a position is about: its name in the `class` statement, or a call of it. */
export function classAt(node: Node, facts: DocumentFacts): Node | undefined {
  if (node.type === 'identifier' && node.parent?.type === 'class_definition' && node.parent.childForFieldName('name')?.equals(node)) return node.parent;
  const call = node.parent?.type === 'call' && node.parent.childForFieldName('function')?.equals(node) ? node.parent : undefined;
  return call ? localClass(node, facts) : undefined;
}

export function instanceSizes(shape: ClassShape, layout: CPythonLayout): InstanceSizes {
  const count = shape.attributes.length;
  return { shape, withDict: dictInstanceSize(layout, count), withSlots: slottedInstanceSize(layout, count) };
}
