// Facts about one document that rules share: scopes, bindings and what
// imported names refer to. Built on first use, once per analysis. While a
// part of the document is analysed on its own, the facts record what it read
// from module level (see dependencies.ts).
import type { Node } from 'web-tree-sitter';
import type { BindingSite } from './bindings';
import type { Dependencies } from './dependencies';
import { mayRenameBuiltin } from './builtinRenames';
import { ModuleParts } from '../document/moduleParts';
import { NameIndex } from './nameIndex';
import { Scopes, type Lookup } from './scopes';
import { callArguments, unparenthesized } from './syntax';

export class DocumentFacts {
  private scopesCache: Scopes | undefined;
  private namesCache: NameIndex | undefined;
  /** By node id: several rules ask about the same callee. What the answer read is read again by each asker (see Resolved). */
  private readonly qualifiedNames = new Map<number, Resolved>();
  private dependencies: Dependencies | undefined;
  /** By call node id: every rule that visits calls looks at their arguments, each a few calls into WASM. */
  private readonly argumentsByCall = new Map<number, readonly Node[]>();
  /** By the builtins asked about, joined: whether an import may rename one of them. */
  private readonly builtinRenames = new Map<string, boolean>();

  /** What the facts are about: a tree's root, or a module parsed in parts. */
  readonly module: ModuleParts;

  constructor(module: Node | ModuleParts) {
    this.module = ModuleParts.from(module);
  }

  /** Records what later questions read outside the part being analysed into `dependencies` (undefined: stop recording). */
  recordInto(dependencies: Dependencies | undefined): void {
    this.dependencies = dependencies;
  }

  /** The findings being made read the module-level bindings of `name` (or that it has none: a builtin). */
  readsBindingsOf(name: string): void {
    this.dependencies?.readsBindingsOf(name);
  }

  /** The findings being made read every place the document spells `name`. */
  readsSpellingsOf(name: string): void {
    this.dependencies?.readsSpellingsOf(name);
  }

  /** The findings being made read the whole document. */
  readsWholeDocument(): void {
    this.dependencies?.readsWholeDocument();
  }

  /**
   * The findings being made read the statements of a class's body (what its
   * methods set on `self`, its `__slots__`): a class cut into chunks has
   * them in chunks of their own.
   */
  readsMembersOf(classNode: Node): void {
    const dependencies = this.dependencies;
    if (!dependencies) return;
    dependencies.readsMembersOf(
      classNode.startIndex,
      classNode.endIndex,
      classNode.childForFieldName('name')?.text ?? undefined,
    );
  }

  /**
   * Whether an import could give a builtin another name (`from builtins import
   * str as text`): the text spells `builtins` somewhere; with `names`, a
   * statement that spells it names one of them. Answers read from the text
   * that rely on builtins keeping their names ask this, and so hold until an
   * edit spells `builtins`.
   */
  mayRenameBuiltins(names?: readonly string[]): boolean {
    this.readsSpellingsOf('builtins');
    const key = names?.join(' ') ?? '';
    let known = this.builtinRenames.get(key);
    if (known === undefined) {
      const { text } = this.module;
      known = text.includes('builtins') && (names === undefined || mayRenameBuiltin(text, names));
      this.builtinRenames.set(key, known);
    }
    return known;
  }

  get scopes(): Scopes {
    this.scopesCache ??= new Scopes(this.module);
    return this.scopesCache;
  }

  get names(): NameIndex {
    this.namesCache ??= new NameIndex(this.module, (name) => this.readsSpellingsOf(name));
    return this.namesCache;
  }

  /** A call's arguments, comments left out (syntax.callArguments), found once per analysis. */
  callArguments(call: Node): readonly Node[] {
    let args = this.argumentsByCall.get(call.id);
    if (!args) {
      args = callArguments(call);
      this.argumentsByCall.set(call.id, args);
    }
    return args;
  }

  lookup(name: string, from: Node): Lookup {
    const found = this.scopes.lookup(name, from);
    // Module-level bindings (and their absence, for builtins) can come from anywhere in the document.
    if (isModuleLevel(found)) this.readsBindingsOf(name);
    this.readsClassScope(name, from);
    return found;
  }

  /**
   * A lookup from code that runs in a class body's scope reads what every
   * statement of the body binds there, which a class cut into chunks holds in
   * chunks of their own.
   */
  private readsClassScope(name: string, from: Node): void {
    const dependencies = this.dependencies;
    const runs = dependencies?.mayRunInClassScope(from.startIndex) ?? 'no';
    if (runs === 'no') return;
    if (runs === 'maybe' && this.scopes.scopeOf(from).node.type !== 'class_definition') return;
    dependencies!.readsClassBindingsOf(name);
  }

  /**
   * The dotted name an expression refers to: `builtins.sum` for an unshadowed
   * builtin, `numpy.array` for `np.array` after `import numpy as np`, undefined
   * when it is a local value or cannot be known statically.
   */
  qualifiedName(expression: Node): string | undefined {
    let known = this.qualifiedNames.get(expression.id);
    if (known) {
      // A remembered answer still reads what it read the first time.
      if (known.moduleName !== undefined) this.readsBindingsOf(known.moduleName);
      if (known.lookedUp) this.readsClassScope(known.lookedUp.text, known.lookedUp);
    } else {
      known = this.resolve(expression);
      this.qualifiedNames.set(expression.id, known);
    }
    return known.name;
  }

  /**
   * The dotted name `name` refers to where `from` stands, as qualifiedName
   * answers for an identifier spelled there: how a fix can tell that a
   * module it would call (`shutil`) is imported under that name.
   */
  qualifiedNameOfName(name: string, from: Node): string | undefined {
    return this.qualifiedNameOf(name, this.lookup(name, from), from);
  }

  /** What a name found so refers to: a builtin, an import's path, what a star import of pandas or numpy binds it to. */
  private qualifiedNameOf(name: string, found: Lookup, from: Node): string | undefined {
    return found === 'unknown' ? this.scopes.starImportedName(name, from) : qualifiedNameOf(name, found);
  }

  private resolve(expression: Node): Resolved {
    // `(list)(xs)`: parentheses change nothing a name refers to.
    if (expression.type === 'parenthesized_expression') {
      const inner = unparenthesized(expression);
      if (inner.id === expression.id) return NOTHING_RESOLVED;
      const name = this.qualifiedName(inner);
      const { moduleName, lookedUp } = this.qualifiedNames.get(inner.id) ?? NOTHING_RESOLVED;
      return { name, moduleName, lookedUp };
    }
    if (expression.type === 'identifier') {
      const found = this.lookup(expression.text, expression);
      return {
        name: this.qualifiedNameOf(expression.text, found, expression),
        moduleName: isModuleLevel(found) ? expression.text : undefined,
        lookedUp: expression,
      };
    }
    const object = expression.type === 'attribute' ? expression.childForFieldName('object') : null;
    const attribute = expression.type === 'attribute' ? expression.childForFieldName('attribute') : null;
    if (!object || !attribute) return NOTHING_RESOLVED;
    const base = this.qualifiedName(object);
    const { moduleName, lookedUp } = this.qualifiedNames.get(object.id) ?? NOTHING_RESOLVED;
    return {
      name: base === undefined || base.startsWith('builtins.') ? undefined : `${base}.${attribute.text}`,
      moduleName,
      lookedUp,
    };
  }
}

/** A qualified name found, and what it read: `moduleName`'s module-level bindings, the scopes around the identifier `lookedUp`. */
interface Resolved {
  readonly name: string | undefined;
  readonly moduleName: string | undefined;
  readonly lookedUp: Node | undefined;
}

const NOTHING_RESOLVED: Resolved = { name: undefined, moduleName: undefined, lookedUp: undefined };

function isModuleLevel(found: Lookup): boolean {
  return found === undefined || found === 'unknown' || found.scope.parent === undefined;
}

function qualifiedNameOf(name: string, found: Exclude<Lookup, 'unknown'>): string | undefined {
  if (found === undefined) return `builtins.${name}`;
  const paths = new Set(found.sites.map(importedPath));
  if (paths.size !== 1) return undefined;
  const [path] = paths;
  return path ?? undefined;
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
  const imported = aliased
    ? aliased.childForFieldName('name')?.text
    : statement.type === 'import_statement'
      ? site.name
      : site.node.parent?.text;
  if (!imported) return null;
  if (statement.type === 'import_statement') return imported;
  const module = statement.childForFieldName('module_name')?.text;
  if (!module) return null;
  // `from . import x` is `.x`, not `..x`.
  return module.endsWith('.') ? `${module}${imported}` : `${module}.${imported}`;
}
