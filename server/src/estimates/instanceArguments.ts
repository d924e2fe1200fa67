// Which expression each attribute of a new instance holds, for a call of a
// class defined in the document: `Point(i, i)` with `self.x = x` in __init__
// (or a dataclass field) holds the argument `i`; a default or `self.n = 0`
// holds that constant. Anything less direct (attributes set elsewhere, a
// computed value, `*args`) leaves the attributes unknown.
import type { Node } from 'web-tree-sitter';
import { firstParameter } from '../semantics/instanceAttributes';
import { passedArguments } from '../semantics/syntax';
import type { ClassShape } from '../semantics/classShape';

/** The expression an attribute holds: an argument of the call, or a constant of the class's code. */
export type AttributeSource = { readonly argument: Node } | { readonly constant: Node };

interface Parameter {
  readonly name: string;
  readonly default: Node | undefined;
}

function statementsOf(definition: Node): Node[] {
  return definition.childForFieldName('body')?.namedChildren.filter((child): child is Node => child !== null) ?? [];
}

/** The call's arguments bound to parameters as Python binds them; undefined with splats or arguments that do not fit. */
function bindArguments(call: Node, parameters: readonly Parameter[]): Map<string, Node> | undefined {
  const bound = new Map<string, Node>();
  const args = passedArguments(call);
  let position = 0;
  for (const arg of args) {
    if (arg.type === 'list_splat' || arg.type === 'dictionary_splat') return undefined;
    if (arg.type === 'keyword_argument') {
      const name = arg.childForFieldName('name')?.text;
      const value = arg.childForFieldName('value');
      if (!name || !value || bound.has(name) || !parameters.some((parameter) => parameter.name === name))
        return undefined;
      bound.set(name, value);
    } else {
      const parameter = parameters[position++];
      if (!parameter) return undefined;
      bound.set(parameter.name, arg);
    }
  }
  for (const parameter of parameters) {
    if (!bound.has(parameter.name)) {
      if (!parameter.default) return undefined;
      bound.set(parameter.name, parameter.default);
    }
  }
  return bound;
}

/** The parameters of a dataclass's generated `__init__`, when each default is a constant. */
function dataclassParameters(shape: ClassShape): readonly Parameter[] | undefined {
  // `field(default_factory=list)` and the like run code: not a constant to count.
  return shape.initParameters.every((parameter) => parameter.default === undefined || parameter.default.type !== 'call')
    ? shape.initParameters
    : undefined;
}

function initMethod(definition: Node): Node | undefined {
  for (const statement of statementsOf(definition)) {
    const method = statement.type === 'decorated_definition' ? undefined : statement;
    if (method?.type === 'function_definition' && method.childForFieldName('name')?.text === '__init__') return method;
  }
  return undefined;
}

/** __init__'s parameters after `self`: plain names, with or without defaults and annotations. */
function initParameters(init: Node): Parameter[] | undefined {
  const [, ...rest] =
    init
      .childForFieldName('parameters')
      ?.namedChildren.filter((child): child is Node => child !== null && child.type !== 'comment') ?? [];
  const parameters: Parameter[] = [];
  for (const parameter of rest) {
    if (parameter.type === 'identifier') parameters.push({ name: parameter.text, default: undefined });
    else if (parameter.type === 'typed_parameter' && parameter.namedChild(0)?.type === 'identifier')
      parameters.push({ name: parameter.namedChild(0)!.text, default: undefined });
    else if (parameter.type === 'default_parameter' || parameter.type === 'typed_default_parameter') {
      const name = parameter.childForFieldName('name');
      if (name?.type !== 'identifier') return undefined;
      parameters.push({ name: name.text, default: parameter.childForFieldName('value') ?? undefined });
    } else return undefined;
  }
  return parameters;
}

/** `self.a = b` statements that make up the whole of __init__'s body: attribute → right-hand side. */
function initAssignments(init: Node): Map<string, Node> | undefined {
  const self = firstParameter(init)?.text;
  const assigned = new Map<string, Node>();
  for (const statement of statementsOf(init)) {
    const assignment = statement.type === 'expression_statement' ? statement.namedChild(0) : undefined;
    const target = assignment?.type === 'assignment' ? assignment.childForFieldName('left') : undefined;
    const value = assignment?.childForFieldName('right');
    if (target?.type !== 'attribute' || target.childForFieldName('object')?.text !== self || !value) return undefined;
    const name = target.childForFieldName('attribute')!.text;
    if (assigned.has(name)) return undefined;
    assigned.set(name, value);
  }
  return assigned;
}

/** Each attribute's source for this call of the class, in the shape's order; undefined when not that direct. */
export function attributeSources(definition: Node, shape: ClassShape, call: Node): AttributeSource[] | undefined {
  const init = initMethod(definition);
  if (shape.dataclass && !init) {
    const parameters = dataclassParameters(shape);
    const bound = parameters && bindArguments(call, parameters);
    // An attribute that `__post_init__` sets holds no argument.
    if (!bound || !shape.attributes.every((name) => bound.has(name))) return undefined;
    return shape.attributes.map((name) => ({ argument: bound.get(name)! }));
  }
  const parameters = init && initParameters(init);
  const assignments = init && initAssignments(init);
  const bound = parameters && bindArguments(call, parameters);
  if (!bound || !assignments || assignments.size !== shape.attributes.length) return undefined;
  const sources: AttributeSource[] = [];
  for (const name of shape.attributes) {
    const value = assignments.get(name);
    if (!value) return undefined;
    const argument = value.type === 'identifier' ? bound.get(value.text) : undefined;
    sources.push(argument ? { argument } : { constant: value });
  }
  return sources;
}
