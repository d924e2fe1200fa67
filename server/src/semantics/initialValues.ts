// What a name is bound to in its scope: each binding site described as the
// value it stores (`s = ""`, `s: str = ""`, `a = s = ""`, `(s := "")`), an
// augmented update (`s += x`), a parameter (with its annotation and default),
// a bare annotation (`s: str`, which binds nothing at run time) or something
// whose value cannot be read off the tree (loop targets, unpacking, imports…).
import type { Node } from 'web-tree-sitter';
import type { BindingSite } from './bindings';
import type { DocumentFacts } from './facts';
import type { Scope } from './scopes';
import { isField } from './syntax';

export type NameBinding =
  | { readonly kind: 'value'; readonly site: BindingSite; readonly value: Node }
  | { readonly kind: 'augmented'; readonly site: BindingSite; readonly operator: string; readonly value: Node }
  | { readonly kind: 'parameter'; readonly site: BindingSite; readonly annotation?: Node; readonly defaultValue?: Node }
  | { readonly kind: 'annotation'; readonly site: BindingSite; readonly annotation: Node }
  | { readonly kind: 'other'; readonly site: BindingSite };

export interface NameBindings {
  readonly scope: Scope;
  /** Every binding of the name in that scope, in source order. */
  readonly bindings: readonly NameBinding[];
}

/**
 * The bindings of `name` in the scope that `from` sees it in, or undefined
 * when it is not bound in any enclosing scope (a builtin, a typo) or may come
 * from a star import.
 */
export function bindingsOf(facts: DocumentFacts, name: string, from: Node): NameBindings | undefined {
  const found = facts.lookup(name, from);
  if (found === undefined || found === 'unknown') return undefined;
  const bindings = found.sites.map(describeBinding).sort((a, b) => a.site.node.startIndex - b.site.node.startIndex);
  return { scope: found.scope, bindings };
}

/** What one binding site stores in its name. */
export function describeBinding(site: BindingSite): NameBinding {
  const parent = site.node.parent;
  if (!parent) return { kind: 'other', site };
  if (site.kind === 'parameter') return describeParameter(site, parent);
  if (site.kind !== 'assignment') return { kind: 'other', site };
  if (parent.type === 'assignment' && isField(parent, 'left', site.node)) {
    const right = parent.childForFieldName('right');
    if (right) return { kind: 'value', site, value: assignedValue(right) };
    const annotation = parent.childForFieldName('type');
    return annotation ? { kind: 'annotation', site, annotation: typeExpression(annotation) } : { kind: 'other', site };
  }
  if (parent.type === 'augmented_assignment' && isField(parent, 'left', site.node)) {
    const operator = parent.childForFieldName('operator')?.text;
    const value = parent.childForFieldName('right');
    return operator && value ? { kind: 'augmented', site, operator, value } : { kind: 'other', site };
  }
  if (parent.type === 'named_expression' && isField(parent, 'name', site.node)) {
    const value = parent.childForFieldName('value');
    return value ? { kind: 'value', site, value } : { kind: 'other', site };
  }
  // Unpacking (`a, s = …`, `[s] = …`): the part stored in the name is not read here.
  return { kind: 'other', site };
}

/** `a = b = value` is one assignment whose right side is another. */
function assignedValue(right: Node): Node {
  let value = right;
  while (value.type === 'assignment') {
    const next = value.childForFieldName('right');
    if (!next) break;
    value = next;
  }
  return value;
}

function describeParameter(site: BindingSite, parent: Node): NameBinding {
  // `*args` and `**kwargs` hold a tuple and a dict whatever their annotation says.
  if (parent.type === 'list_splat_pattern' || parent.type === 'dictionary_splat_pattern')
    return { kind: 'other', site };
  const annotation =
    parent.type === 'typed_parameter' || parent.type === 'typed_default_parameter'
      ? parent.childForFieldName('type')
      : null;
  const defaultValue =
    parent.type === 'default_parameter' || parent.type === 'typed_default_parameter'
      ? parent.childForFieldName('value')
      : null;
  return {
    kind: 'parameter',
    site,
    ...(annotation ? { annotation: typeExpression(annotation) } : {}),
    ...(defaultValue ? { defaultValue } : {}),
  };
}

/** The expression inside a `type` node (`x: pd.DataFrame` → `pd.DataFrame`). */
function typeExpression(annotation: Node): Node {
  return annotation.type === 'type' && annotation.namedChildCount === 1 ? annotation.namedChild(0)! : annotation;
}
