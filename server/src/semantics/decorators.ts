// The decorators on a function or class definition, and what they name.
import type { Node } from 'web-tree-sitter';
import type { DocumentFacts } from './facts';

/** The `@…` decorator nodes on a definition, outermost first. */
export function decoratorsOf(definition: Node): Node[] {
  const decorated = definition.parent?.type === 'decorated_definition' ? definition.parent : undefined;
  return decorated?.namedChildren.filter((child): child is Node => child?.type === 'decorator') ?? [];
}

/** The expression after `@`. */
export function decoratorExpression(decorator: Node): Node | undefined {
  return decorator.namedChildren.find((child): child is Node => child !== null && child.type !== 'comment');
}

/** What a decorator names: `name` in `@name` and in `@name(…)`. */
export function decoratorCallee(decorator: Node): Node | undefined {
  const expression = decoratorExpression(decorator);
  return (expression?.type === 'call' ? expression.childForFieldName('function') : expression) ?? undefined;
}

/** The qualified name of `@name` or `@name(…)`, when it resolves. */
export function decoratorName(decorator: Node, facts: DocumentFacts): string | undefined {
  const callee = decoratorCallee(decorator);
  return callee ? facts.qualifiedName(callee) : undefined;
}
