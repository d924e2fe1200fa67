// Where names are bound. Each entry of BINDERS says, for one node type, which
// of its children are binding targets and whether the binding belongs to the
// node's own scope (parameters) or to the scope around it (assignments).
import type { Node } from 'web-tree-sitter';
import { UNPACKING_TARGETS } from './syntax';

type BindingKind = 'assignment' | 'parameter' | 'definition' | 'import' | 'loop' | 'declaration' | 'other';

export interface BindingSite {
  readonly name: string;
  readonly node: Node;
  readonly kind: BindingKind;
}

/** Containers whose identifiers are all targets (`a, (b, *c) = …`). */
const PATTERN_TYPES: ReadonlySet<string> = new Set([
  ...UNPACKING_TARGETS,
  'list_splat_pattern',
  'dictionary_splat_pattern',
  'splat_pattern',
  'as_pattern_target',
  'case_pattern',
  'keyword_pattern',
  'dict_pattern',
  'class_pattern',
  'union_pattern',
  'capture_pattern',
]);

/** The identifiers bound by a target expression; attribute and subscript targets bind nothing. */
export function targetNames(target: Node | null): Node[] {
  if (!target) return [];
  if (target.type === 'identifier') return [target];
  if (target.type === 'dotted_name') return captureName(target);
  // `attr=pattern` in a class pattern: the attribute's name binds nothing.
  if (target.type === 'keyword_pattern') return targetNames(target.namedChild(target.namedChildCount - 1));
  if (!PATTERN_TYPES.has(target.type)) return [];
  return target.namedChildren.flatMap((child) => (child ? targetNames(child) : []));
}

/**
 * A bare name in a case pattern captures the subject (`case rest:`,
 * `Point(x=rest)`), which the grammar gives as a one-part dotted name; a dotted
 * one (`case Color.RED:`) is a value to compare with, and binds nothing.
 */
function captureName(dotted: Node): Node[] {
  const name = dotted.namedChildCount === 1 ? dotted.namedChild(0) : null;
  const parent = dotted.parent?.type;
  // `case _:` is the wildcard, which binds nothing.
  return name?.type === 'identifier' && name.text !== '_' && (parent === 'case_pattern' || parent === 'keyword_pattern')
    ? [name]
    : [];
}

interface Binder {
  readonly kind: BindingKind;
  targets(node: Node): Node[];
}

const field = (name: string) => (node: Node) => targetNames(node.childForFieldName(name));

/** A function or class definition binds its name. */
export const DEFINITION_BINDER: Binder = { kind: 'definition', targets: field('name') };

/** The name a parameter node binds (`x`, `x=1`, `x: int`, `*args`, `**kw`). */
function parameterName(parameter: Node): Node[] {
  if (parameter.type === 'identifier') return [parameter];
  const named = parameter.childForFieldName('name');
  if (named) return targetNames(named);
  const first = parameter.namedChild(0);
  return first ? targetNames(first) : [];
}

function importedNames(node: Node): Node[] {
  if (node.type === 'import_statement') {
    // `import a.b.c` binds `a`; `import a.b as c` binds `c`.
    return node.childrenForFieldName('name').flatMap((name) => {
      if (name.type === 'aliased_import') return targetNames(name.childForFieldName('alias'));
      const first = name.namedChild(0);
      return first ? [first] : [];
    });
  }
  return node.childrenForFieldName('name').flatMap((name) => {
    if (name.type === 'aliased_import') return targetNames(name.childForFieldName('alias'));
    const last = name.namedChild(name.namedChildCount - 1);
    return last ? [last] : [];
  });
}

/** Bindings made in the scope that encloses the node. */
export const OUTER_BINDERS: Readonly<Record<string, Binder>> = {
  assignment: { kind: 'assignment', targets: field('left') },
  augmented_assignment: { kind: 'assignment', targets: field('left') },
  for_statement: { kind: 'loop', targets: field('left') },
  named_expression: { kind: 'assignment', targets: field('name') },
  function_definition: DEFINITION_BINDER,
  class_definition: DEFINITION_BINDER,
  import_statement: { kind: 'import', targets: importedNames },
  import_from_statement: { kind: 'import', targets: importedNames },
  as_pattern: { kind: 'other', targets: field('alias') },
  global_statement: {
    kind: 'declaration',
    targets: (node) => node.namedChildren.filter((c): c is Node => c?.type === 'identifier'),
  },
  nonlocal_statement: {
    kind: 'declaration',
    targets: (node) => node.namedChildren.filter((c): c is Node => c?.type === 'identifier'),
  },
  delete_statement: { kind: 'other', targets: (node) => node.namedChildren.flatMap((c) => (c ? targetNames(c) : [])) },
  case_clause: {
    kind: 'other',
    targets: (node) => node.namedChildren.flatMap((c) => (c?.type === 'case_pattern' ? targetNames(c) : [])),
  },
};

/** Bindings a scope node makes inside itself (parameters, comprehension targets). */
export const INNER_BINDERS: Readonly<Record<string, Binder>> = {
  function_definition: {
    kind: 'parameter',
    targets: (node) =>
      node.childForFieldName('parameters')?.namedChildren.flatMap((p) => (p ? parameterName(p) : [])) ?? [],
  },
  lambda: {
    kind: 'parameter',
    targets: (node) =>
      node.childForFieldName('parameters')?.namedChildren.flatMap((p) => (p ? parameterName(p) : [])) ?? [],
  },
};

/** `for` targets inside comprehensions bind in the comprehension's own scope. */
export const COMPREHENSION_TARGET_BINDER: Binder = { kind: 'loop', targets: field('left') };
