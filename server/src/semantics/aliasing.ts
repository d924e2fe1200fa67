// Whether a local value may be reachable some other way than by its name:
// assigned, put in a container, passed on, or used from code that runs later.
import type { Node } from 'web-tree-sitter';
import { isMaximalChain } from './chains';
import type { DocumentFacts } from './facts';
import type { Scope } from './scopes';
import { isField } from './syntax';
import { isAssignmentTarget } from './assignmentTargets';
import { isCallee, useOf } from './valueChanges';

/**
 * Whether the value of a local name may also be reachable some other way: it is
 * assigned to something, put in a container, passed to a function that is not
 * known to only look or iterate, returned, yielded, or used from a nested
 * function, lambda, class or comprehension body. `name` is any occurrence of the name.
 */
export function mayBeAliased(name: Node, facts: DocumentFacts): boolean {
  const found = facts.lookup(name.text, name);
  if (found === undefined || found === 'unknown') return true;
  for (const node of spellingsIn(found.scope, name.text, facts)) {
    if (!isReference(node)) continue;
    const here = facts.lookup(node.text, node);
    if (here === undefined || here === 'unknown' || here.scope !== found.scope) continue;
    if (!runsNow(facts.scopes.scopeOf(node), found.scope)) return true;
    // `xs.append(…)`, `xs.attr`: the value is used here, not handed on.
    if (!isMaximalChain(node)) continue;
    if (isAssignmentTarget(node) || isBindingName(node) || isCallee(node)) continue;
    if (useOf(node, facts) === 'escape') return true;
  }
  return false;
}

/** An identifier that names a variable, not an attribute or a keyword argument. */
function isReference(node: Node): boolean {
  const parent = node.parent;
  if (parent?.type === 'attribute') return !isField(parent, 'attribute', node);
  if (parent?.type === 'keyword_argument') return !isField(parent, 'name', node);
  return true;
}

/** Eager comprehensions run where they stand; functions, lambdas, classes and generators may run later. */
const EAGER_SCOPES: ReadonlySet<string> = new Set([
  'list_comprehension',
  'set_comprehension',
  'dictionary_comprehension',
]);

function runsNow(scope: Scope, owner: Scope): boolean {
  for (let current: Scope | undefined = scope; current && current !== owner; current = current.parent) {
    if (!EAGER_SCOPES.has(current.node.type)) return false;
  }
  return true;
}

/** Binding positions that are not expressions: `import x`, `def x`, `global x`, `except E as x`. */
function isBindingName(node: Node): boolean {
  const parent = node.parent;
  if (!parent) return false;
  return (
    [
      'dotted_name',
      'aliased_import',
      'global_statement',
      'nonlocal_statement',
      'parameters',
      'lambda_parameters',
      'default_parameter',
      'typed_parameter',
      'typed_default_parameter',
      'function_definition',
      'class_definition',
      'named_expression',
      'keyword_argument',
    ].includes(parent.type) && !isValueOf(parent, node)
  );
}

function isValueOf(parent: Node, node: Node): boolean {
  return isField(parent, 'value', node);
}

/** The identifiers spelled `name` in a scope's code (and in the scopes inside it). */
function spellingsIn(scope: Scope, name: string, facts: DocumentFacts): readonly Node[] {
  return facts.names.spellings(name, scope.parent === undefined ? facts.module.main : scope.node);
}
