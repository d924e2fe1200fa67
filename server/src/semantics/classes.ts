// Questions about class definitions: which bases (and metaclass) a class
// names, followed through classes defined in the same document.
import type { Node } from 'web-tree-sitter';
import type { DocumentFacts } from './facts';

/** How deep to follow local base classes (`class B(A)`, `class A(Enum)`) before giving up. */
const MAX_DEPTH = 16;

/**
 * Whether the class derives from one of `bases` (qualified names such as
 * `enum.Enum`), directly, through classes defined in this document, or by
 * naming one of `metaclasses` as its `metaclass=`. Bases that cannot be
 * resolved (imported from elsewhere, computed) count as not matching.
 */
export function derivesFrom(
  classNode: Node,
  facts: DocumentFacts,
  bases: ReadonlySet<string>,
  metaclasses: ReadonlySet<string> = new Set(),
): boolean {
  const seen = new Set<number>();
  const visit = (node: Node, depth: number): boolean => {
    if (depth > MAX_DEPTH || seen.has(node.id)) return false;
    seen.add(node.id);
    for (const argument of node.childForFieldName('superclasses')?.namedChildren ?? []) {
      if (!argument) continue;
      if (argument.type === 'keyword_argument') {
        const value = argument.childForFieldName('value');
        if (argument.childForFieldName('name')?.text === 'metaclass' && value && matches(value, facts, metaclasses))
          return true;
        continue;
      }
      if (matches(argument, facts, bases)) return true;
      const local = localClass(argument, facts);
      if (local && visit(local, depth + 1)) return true;
    }
    return false;
  };
  return visit(classNode, 0);
}

function matches(expression: Node, facts: DocumentFacts, names: ReadonlySet<string>): boolean {
  const name = facts.qualifiedName(expression);
  return name !== undefined && names.has(name);
}

/** The class statement a base-class name refers to, when it is bound once, by a class in this document. */
export function localClass(expression: Node, facts: DocumentFacts): Node | undefined {
  if (expression.type !== 'identifier') return undefined;
  const found = facts.lookup(expression.text, expression);
  if (found === undefined || found === 'unknown' || found.sites.length !== 1) return undefined;
  const definition = found.sites[0]!.node.parent;
  return definition?.type === 'class_definition' ? definition : undefined;
}

/** Whether the class names no base but `object`, and no metaclass or other class keyword. */
export function hasOnlyObjectBase(classNode: Node, facts: DocumentFacts): boolean {
  const bases = classNode.childForFieldName('superclasses')?.namedChildren ?? [];
  return bases.every((base) => !base || base.type === 'comment' || facts.qualifiedName(base) === 'builtins.object');
}

/** The class a position is about: its name in the `class` statement, or a call of it. */
export function classAt(node: Node, facts: DocumentFacts): Node | undefined {
  if (
    node.type === 'identifier' &&
    node.parent?.type === 'class_definition' &&
    node.parent.childForFieldName('name')?.equals(node)
  )
    return node.parent;
  const call =
    node.parent?.type === 'call' && node.parent.childForFieldName('function')?.equals(node) ? node.parent : undefined;
  return call ? localClass(node, facts) : undefined;
}
