// Facts about one document that rules share: scopes, bindings and what
// imported names refer to. Built on first use, once per analysis.
import type { Node } from 'web-tree-sitter';
import type { BindingSite } from './bindings';
import { NameIndex } from './nameIndex';
import { Scopes, type Lookup } from './scopes';

export class DocumentFacts {
  private scopesCache: Scopes | undefined;
  private namesCache: NameIndex | undefined;
  /** By node id: several rules ask about the same callee. */
  private readonly qualifiedNames = new Map<number, string | undefined>();

  constructor(private readonly root: Node) {}

  get scopes(): Scopes {
    this.scopesCache ??= new Scopes(this.root);
    return this.scopesCache;
  }

  get names(): NameIndex {
    this.namesCache ??= new NameIndex(this.root);
    return this.namesCache;
  }

  lookup(name: string, from: Node): Lookup {
    return this.scopes.lookup(name, from);
  }

  /**
   * The dotted name an expression refers to: `builtins.sum` for an unshadowed
   * builtin, `numpy.array` for `np.array` after `import numpy as np`, undefined
   * when it is a local value or cannot be known statically.
   */
  qualifiedName(expression: Node): string | undefined {
    if (this.qualifiedNames.has(expression.id)) return this.qualifiedNames.get(expression.id);
    const name = this.resolve(expression);
    this.qualifiedNames.set(expression.id, name);
    return name;
  }

  private resolve(expression: Node): string | undefined {
    if (expression.type === 'identifier') {
      const found = this.lookup(expression.text, expression);
      if (found === undefined) return `builtins.${expression.text}`;
      if (found === 'unknown') return undefined;
      const paths = new Set(found.sites.map(importedPath));
      if (paths.size !== 1) return undefined;
      const [path] = paths;
      return path ?? undefined;
    }
    if (expression.type === 'attribute') {
      const object = expression.childForFieldName('object');
      const attribute = expression.childForFieldName('attribute');
      if (!object || !attribute) return undefined;
      const base = this.qualifiedName(object);
      return base === undefined || base.startsWith('builtins.') ? undefined : `${base}.${attribute.text}`;
    }
    return undefined;
  }
}

/** The dotted path an import binding refers to, or null for non-import bindings. */
function importedPath(site: BindingSite): string | null {
  if (site.kind !== 'import') return null;
  let aliased: Node | null = null;
  let statement = site.node.parent;
  while (statement && statement.type !== 'import_statement' && statement.type !== 'import_from_statement') {
    if (statement.type === 'aliased_import') aliased = statement;
    statement = statement.parent;
  }
  if (!statement) return null;
  // `import a.b` binds `a` to module a; `import a.b as c` binds c to a.b.
  const imported = aliased ? aliased.childForFieldName('name')?.text : statement.type === 'import_statement' ? site.name : site.node.parent?.text;
  if (!imported) return null;
  if (statement.type === 'import_statement') return imported;
  const module = statement.childForFieldName('module_name')?.text;
  if (!module) return null;
  // `from . import x` is `.x`, not `..x`.
  return module.endsWith('.') ? `${module}${imported}` : `${module}.${imported}`;
}
