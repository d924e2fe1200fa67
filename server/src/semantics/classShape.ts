// What one instance of a class defined in the document holds: the attributes
// its `__slots__` name, a dataclass's fields, or what its methods set on
// `self`, and whether they live in slots. The hover's bytes per instance and
// MEM301's `__slots__` suggestion both read it, so they count the same attributes.
import type { Node } from 'web-tree-sitter';
import { decoratorExpression, decoratorName, decoratorsOf } from './decorators';
import type { DocumentFacts } from './facts';
import { instanceWritesIn } from './instanceAttributes';
import { stringLiteral } from './literals';
import { callArguments } from './syntax';

/** A parameter of the `__init__` that `@dataclass` writes: a field or an InitVar, with its class-level default. */
interface DataclassParameter {
  readonly name: string;
  readonly default: Node | undefined;
}

export interface ClassShape {
  readonly node: Node;
  readonly name: string;
  /** The `@dataclass` decorator (resolved through imports), and whether it says `slots=True`; undefined for other classes. */
  readonly dataclass: { readonly decorator: Node; readonly slots: boolean } | undefined;
  /** A dataclass's fields, in order: its annotated names, less ClassVar, InitVar and the KW_ONLY marker. */
  readonly fields: readonly string[];
  /** The parameters of the `__init__` a dataclass is given: its fields and InitVars, in order. */
  readonly initParameters: readonly DataclassParameter[];
  /** What `__init__` sets on every instance: a dataclass's fields, or the attributes the class's own `__init__` sets on `self`. */
  readonly setByInit: readonly string[];
  /** Every attribute an instance may hold: the names `__slots__` lists, else those `__init__` sets and those other methods set on `self`. */
  readonly attributes: readonly string[];
  /** The attributes live in slots (`__slots__`, `@dataclass(slots=True)`): instances have no `__dict__`. */
  readonly slotted: boolean;
}

/**
 * Class-body annotations that make no instance attribute: a class variable,
 * an argument of `__init__` only (an InitVar is handed to `__post_init__`,
 * never stored), and the marker after which fields are keyword-only.
 */
const NOT_A_FIELD = /\b(ClassVar|InitVar|KW_ONLY)\b/;
/** Of those, the ones `__init__` still takes as a parameter. */
const INIT_ONLY = /\bInitVar\b/;

/** The shape of the class's own body; attributes its base classes set are not counted. */
export function classShape(classNode: Node, facts: DocumentFacts): ClassShape {
  facts.readsMembersOf(classNode);
  const name = classNode.childForFieldName('name')?.text ?? '';
  const statements =
    classNode.childForFieldName('body')?.namedChildren.filter((child): child is Node => child !== null) ?? [];
  const dataclass = dataclassDecorator(classNode, facts);
  const annotated = dataclass ? annotatedNames(statements) : [];
  const fields = annotated.filter((entry) => !NOT_A_FIELD.test(entry.annotation)).map((entry) => entry.name);
  const initParameters = annotated
    .filter((entry) => !NOT_A_FIELD.test(entry.annotation) || INIT_ONLY.test(entry.annotation))
    .map(({ name, default: value }) => ({ name, default: value }));
  const writes = instanceWritesIn(classNode, facts).flatMap((write) =>
    write.name === undefined
      ? []
      : [{ name: write.name, inInit: write.receiver.kind === 'instance' && write.receiver.method === '__init__' }],
  );
  const setByInit = dataclass ? fields : unique(writes.filter((write) => write.inInit).map((write) => write.name));
  const slots = declaredSlots(statements);
  return {
    node: classNode,
    name,
    dataclass,
    fields,
    initParameters,
    setByInit,
    attributes: slots ?? unique([...setByInit, ...writes.map((write) => write.name)]),
    slotted: slots !== undefined || dataclass?.slots === true,
  };
}

/** `@dataclass` or `@dataclass(…)`, resolved through imports. */
function dataclassDecorator(classNode: Node, facts: DocumentFacts): ClassShape['dataclass'] {
  const decorator = decoratorsOf(classNode).find(
    (candidate) => decoratorName(candidate, facts) === 'dataclasses.dataclass',
  );
  if (!decorator) return undefined;
  const expression = decoratorExpression(decorator);
  const slots =
    expression?.type === 'call' &&
    callArguments(expression).some(
      (argument) =>
        argument.type === 'keyword_argument' &&
        argument.childForFieldName('name')?.text === 'slots' &&
        argument.childForFieldName('value')?.type === 'true',
    );
  return { decorator, slots };
}

/** `name: annotation` and `name: annotation = default` statements of a class body, in order. */
function annotatedNames(
  statements: readonly Node[],
): Array<{ readonly name: string; readonly annotation: string; readonly default: Node | undefined }> {
  return statements.flatMap((statement) => {
    const assignment = statement.type === 'expression_statement' ? statement.namedChild(0) : null;
    const target = assignment?.type === 'assignment' ? assignment.childForFieldName('left') : null;
    const annotation = assignment?.childForFieldName('type');
    if (target?.type !== 'identifier' || !annotation) return [];
    return [
      { name: target.text, annotation: annotation.text, default: assignment!.childForFieldName('right') ?? undefined },
    ];
  });
}

/** Names in `__slots__ = ('a', 'b')` (a tuple or list of string literals, or one string). */
function declaredSlots(statements: readonly Node[]): string[] | undefined {
  for (const statement of statements) {
    const assignment = statement.type === 'expression_statement' ? statement.namedChild(0) : null;
    if (assignment?.type !== 'assignment' || assignment.childForFieldName('left')?.text !== '__slots__') continue;
    const value = assignment.childForFieldName('right');
    const items =
      value?.type === 'string'
        ? [value]
        : (value?.namedChildren.filter((child): child is Node => child !== null) ?? []);
    const names = items.map((item) => stringLiteral(item));
    return names.every((literal) => literal !== undefined && !literal.bytes)
      ? names.map((literal) => literal!.value)
      : undefined;
  }
  return undefined;
}

function unique(names: readonly string[]): string[] {
  return [...new Set(names)];
}
