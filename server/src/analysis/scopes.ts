// Python scopes and the names bound in each, built in one walk of the tree.
import type { Node } from 'web-tree-sitter';
import { COMPREHENSION_TARGET_BINDER, INNER_BINDERS, OUTER_BINDERS, type BindingSite } from './bindings';
import { COMPREHENSION_TYPES, SCOPE_TYPES } from './syntax';

export interface Scope {
  readonly node: Node;
  readonly parent: Scope | undefined;
  readonly bindings: Map<string, BindingSite[]>;
  /** `from m import *` makes every name possibly bound. */
  hasStarImport: boolean;
}

/** Result of looking a name up: its bindings, 'unknown' behind a star import, or nothing (a builtin). */
export type Lookup = { readonly scope: Scope; readonly sites: readonly BindingSite[] } | 'unknown' | undefined;

export class Scopes {
  private readonly byNodeId = new Map<number, Scope>();

  private readonly rootScope: Scope;

  constructor(root: Node) {
    this.collect(root, undefined);
    this.rootScope = this.byNodeId.get(root.id)!;
  }

  /** The scope a node's code runs in (a default value runs outside its function, a body inside). */
  scopeOf(node: Node): Scope {
    let skipped: number | undefined;
    for (let child = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
      if (parent.type === 'for_in_clause' && isFirstIterable(parent, child)) skipped = parent.parent?.id;
      if (SCOPE_TYPES.has(parent.type) && parent.id !== skipped && runsInside(parent, child)) {
        const scope = this.byNodeId.get(parent.id);
        if (scope) return scope;
      }
    }
    return this.rootScope;
  }

  /** Looks a name up from where `from` runs, with Python's rule that class bodies don't enclose functions. */
  lookup(name: string, from: Node): Lookup {
    const innermost = this.scopeOf(from);
    for (let scope: Scope | undefined = innermost; scope; scope = scope.parent) {
      if (scope !== innermost && scope.node.type === 'class_definition') continue;
      const sites = scope.bindings.get(name);
      if (sites) return { scope, sites };
      if (scope.hasStarImport) return 'unknown';
    }
    return undefined;
  }

  private collect(root: Node, parentScope: Scope | undefined): void {
    // Iterative walk: deeply nested files must not overflow the stack.
    const stack: Array<{ node: Node; scope: Scope | undefined }> = [{ node: root, scope: parentScope }];
    while (stack.length > 0) {
      const { node, scope: enclosing } = stack.pop()!;
      let scope = enclosing;
      // The root is a scope even when broken code makes it an ERROR node rather than a module.
      if (SCOPE_TYPES.has(node.type) || enclosing === undefined) {
        scope = { node, parent: enclosing, bindings: new Map(), hasStarImport: false };
        this.byNodeId.set(node.id, scope);
      }
      const outer = OUTER_BINDERS[node.type];
      if (outer) {
        // Function and class names bind around the definition; everything else where it runs.
        const target = node.type === 'function_definition' || node.type === 'class_definition' ? enclosing : this.scopeForStatement(node, scope);
        for (const site of outer.targets(node)) addBinding(target, site.text, site, outer.kind);
      }
      const inner = INNER_BINDERS[node.type];
      if (inner) for (const site of inner.targets(node)) addBinding(scope, site.text, site, inner.kind);
      if (node.type === 'for_in_clause') {
        const comprehension = node.parent;
        if (comprehension && COMPREHENSION_TYPES.has(comprehension.type)) {
          for (const site of COMPREHENSION_TARGET_BINDER.targets(node)) {
            addBinding(this.byNodeId.get(comprehension.id), site.text, site, 'loop');
          }
        }
      }
      if (node.type === 'import_from_statement' && node.children.some((child) => child?.type === 'wildcard_import')) {
        if (scope) scope.hasStarImport = true;
      }
      for (let i = node.namedChildCount - 1; i >= 0; i--) {
        const child = node.namedChild(i);
        if (child) stack.push({ node: child, scope: childScope(node, child, scope, enclosing) });
      }
    }
  }

  /** A walrus inside a comprehension binds in the enclosing non-comprehension scope. */
  private scopeForStatement(node: Node, scope: Scope | undefined): Scope | undefined {
    if (node.type !== 'named_expression') return scope;
    let target = scope;
    while (target && COMPREHENSION_TYPES.has(target.node.type)) target = target.parent;
    return target;
  }
}

/**
 * The scope a child runs in, given its parent's own scope and the scope around the parent:
 * defaults, decorators and bases run outside their function or class, and a comprehension's
 * first iterable outside the comprehension.
 */
function childScope(parent: Node, child: Node, scope: Scope | undefined, enclosing: Scope | undefined): Scope | undefined {
  if (scope !== enclosing && !runsInside(parent, child)) return enclosing;
  if (parent.type === 'for_in_clause' && isFirstIterable(parent, child)) return scope?.parent;
  return scope;
}

function addBinding(scope: Scope | undefined, name: string, node: Node, kind: BindingSite['kind']): void {
  if (!scope) return;
  const sites = scope.bindings.get(name);
  const site = { name, node, kind };
  if (sites) sites.push(site);
  else scope.bindings.set(name, [site]);
}

/** Whether `child` (a direct child of scope node `owner`) is evaluated inside owner's scope. */
function runsInside(owner: Node, child: Node): boolean {
  const body = owner.type === 'module' || COMPREHENSION_TYPES.has(owner.type) ? null : owner.childForFieldName('body');
  // Decorators, defaults, annotations and base classes run in the enclosing scope.
  return body === null || child.equals(body);
}

/** A comprehension's first iterable is evaluated in the enclosing scope. */
function isFirstIterable(clause: Node, child: Node): boolean {
  const comprehension = clause.parent;
  if (!comprehension || !COMPREHENSION_TYPES.has(comprehension.type)) return false;
  const first = comprehension.namedChildren.find((c) => c?.type === 'for_in_clause');
  const iterable = clause.childForFieldName('right');
  return first !== undefined && first !== null && first.equals(clause) && iterable !== null && iterable.equals(child);
}
