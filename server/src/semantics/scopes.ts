// Python scopes and the names bound in each, built in one pass over the nodes
// that bind, each part when first needed: a top-level function or class body
// when something inside it is asked about, a run of module-level statements
// also when a name its text may bind is looked up at module level.
import type { Node, Point } from 'web-tree-sitter';
import { firstStartingAfter, indexHolding } from '../document/sortedSearch';
import { wholeWordOffsets } from '../text/asciiWords';
import { mayBindName, mayImport, spellingMayBind } from '../text/bindingSpellings';
import {
  COMPREHENSION_TARGET_BINDER,
  DEFINITION_BINDER,
  INNER_BINDERS,
  OUTER_BINDERS,
  type BindingSite,
} from './bindings';
import { mayStarImport, partBindings, type PartBindings } from './moduleLevelNames';
import { starImportedName } from './starExports';
import { ModuleParts, type ModulePart } from '../document/moduleParts';
import { COMPREHENSION_TYPES, definitionOf, SCOPE_TYPES } from './syntax';

export interface Scope {
  readonly node: Node;
  readonly parent: Scope | undefined;
  readonly bindings: Map<string, BindingSite[]>;
  /** The modules of its star imports (`from m import *`), in document order: each may bind names (see starExports.ts). */
  readonly starImports: StarImport[];
}

interface StarImport {
  readonly module: string;
  readonly start: number;
}

/** Result of looking a name up: its bindings, 'unknown' behind a star import that may bind it, or nothing (a builtin). */
export type Lookup = { readonly scope: Scope; readonly sites: readonly BindingSite[] } | 'unknown' | undefined;

/** Node types the scope walk needs to see: scopes, binders and star imports. */
const SCOPE_WALK_TYPES: readonly string[] = [
  ...new Set([
    ...SCOPE_TYPES,
    ...Object.keys(OUTER_BINDERS),
    ...Object.keys(INNER_BINDERS),
    'for_in_clause',
    'import_from_statement',
  ]),
];

/**
 * Where a scope's own code lies, as text offsets: its body for functions,
 * classes and lambdas (defaults, decorators and bases run outside), all of a
 * comprehension but its first iterable. Offsets let a node find its scope
 * without climbing the tree node by node, each step a call into WASM.
 */
interface Extent {
  readonly scope: Scope;
  /** The innermost scope whose node contains this one's, whether or not it runs it. */
  readonly lexicalParent: Extent | undefined;
  readonly start: number;
  readonly end: number;
  readonly innerStart: number;
  readonly innerEnd: number;
  /** A comprehension's first iterable, evaluated in the enclosing scope. */
  readonly holeStart: number;
  readonly holeEnd: number;
  readonly isComprehension: boolean;
}

/**
 * A definition's body whose scopes and bindings are collected when something
 * inside it is first asked about: a top-level function's, a top-level class's,
 * and those of the methods (and nested classes) of a class collected so far.
 */
interface PendingBody {
  readonly start: number;
  readonly end: number;
  /** Where the definition starts (its decorators, if any): its header binds its parameters. */
  readonly definitionStart: number;
  readonly body: Node;
  /** The definition whose parameters are bound with the body: only code in the body can see them. */
  readonly parametersOf: Node | undefined;
  /** A class body is collected statement by statement like module-level code, its definitions' bodies left pending in turn. */
  readonly isClassBody: boolean;
  /** By name: whether the definition's text may bind it (mayBindName), which lookups of builtins ask again and again. */
  readonly mayBind: Map<string, boolean>;
}

/**
 * Module-level statements between two definitions, in a module parsed as one
 * tree, collected when something inside them is asked about or a name their
 * text may bind is looked up at module level. Most runs (imports, constants,
 * tables of data) bind no name that a question about the file reaches, and a
 * walk over a table's every node costs more than a search of the text.
 */
interface PendingRun {
  readonly start: number;
  readonly end: number;
  readonly container: Node;
  readonly from: Point;
  readonly to: Point;
  readonly text: string;
  /** Whether its text holds an import (where `os.path` binds `os`), read on first need. */
  imports: boolean | undefined;
}

/** Whether a node lies in a definition, lambda or comprehension: code that may run in a scope of its own. */
function insideScopeOf(node: Node): boolean {
  for (let parent = node.parent; parent; parent = parent.parent)
    if (parent.type !== 'module' && SCOPE_TYPES.has(parent.type)) return true;
  return false;
}

/** Text in a definition's header that may hold a scope or binding of its own (`for` of a comprehension). */
const NESTED_IN_HEADER = /lambda|for|:=/;

export class Scopes {
  private readonly byNodeId = new Map<number, Scope>();
  /** In document order, so by start offset, outer before inner on a tie. */
  private readonly extents: Extent[] = [];
  private readonly scopeOfNode = new Map<number, Scope>();
  private readonly rootScope: Scope;
  /** By start offset, none inside another. A body binds nothing outside its definition, so answers outside it never wait for it. */
  private readonly pendingBodies: PendingBody[] = [];
  /** By start offset: runs of module-level statements not collected yet (see PendingRun). */
  private readonly pendingRuns: PendingRun[] = [];
  /** Names whose possible bindings in pending runs have been collected. */
  private readonly runsCollectedFor = new Set<string>();

  private readonly module: ModuleParts;
  /** Parts whose module-level code is not collected yet, with the names each may bind there. */
  private readonly uncollected = new Map<ModulePart, PartBindings>();
  /** The module's text, which starts at the first part's first token rather than at offset 0. */
  private readonly source: string;
  private readonly sourceStart: number;

  /** A tree's root (or any node standing for a module of its own), or a module parsed in parts. */
  constructor(module: Node | ModuleParts) {
    this.module = ModuleParts.from(module);
    this.source = this.module.text;
    this.sourceStart = this.module.textStart;
    // The root is a scope even when broken code makes it an ERROR node rather than a module;
    // it spans every part, so that code in any of them runs in it.
    this.rootScope = this.addScope(this.module.main, undefined, { start: this.module.start, end: this.module.end });
    // One tree (the CLI) at once. In parts (the editor), a part when a name it may bind is
    // looked up at module level, or something in it is asked about: a keystroke's analysis
    // then visits the few parts it reads, not every top-level statement of the file.
    if (this.module.parts.length === 1) {
      this.collectStatementsOf(this.module.main);
    } else {
      for (const part of this.module.parts) this.uncollected.set(part, partBindings(part, this.source));
      // A star import may bind any name: its part is collected at once.
      for (const [part, binds] of [...this.uncollected]) if (binds.starImport) this.collectPart(part);
    }
  }

  /** Collects the module-level code of the part holding `offset`, if it waits. */
  private collectPartAt(offset: number): void {
    if (this.uncollected.size === 0) return;
    const part = this.module.partAt(offset);
    if (this.uncollected.has(part)) this.collectPart(part);
  }

  private collectPart(part: ModulePart): void {
    this.uncollected.delete(part);
    this.collectStatementsOf(part.root);
  }

  /** The module-level bindings of `name`, every part that may bind it collected, in document order. */
  private moduleBindingsOf(name: string): BindingSite[] | undefined {
    const binding = [...this.uncollected].filter(([, binds]) => binds.names.has(name));
    for (const [part] of binding) this.collectPart(part);
    this.collectRunsThatMayBind(name);
    const sites = this.rootScope.bindings.get(name);
    // Parts and runs are collected in any order (a lookup of another name, a question about a node), so their sites are too.
    if (sites && sites.length > 1) sites.sort((a, b) => a.node.startIndex - b.node.startIndex);
    return sites;
  }

  /**
   * The statements of a module or class body now, each definition's body when
   * something inside it is first asked about: after an edit, the analysis of one
   * function need not visit every other one, and a question inside one method
   * collects that method's body, not every method of its class. Each
   * descendantsOfType call has a fixed cost, so runs of other statements go in one.
   */
  private collectStatementsOf(container: Node): void {
    let run: { first: Node; last: Node } | undefined;
    const flushRun = () => {
      if (run) this.collectRunOrWait(container, run.first, run.last);
      run = undefined;
    };
    for (const statement of container.namedChildren) {
      if (!statement) continue;
      const definition = definitionOf(statement);
      const body = definition?.childForFieldName('body');
      if (!definition || !body) {
        if (run) run.last = statement;
        else run = { first: statement, last: statement };
        continue;
      }
      flushRun();
      // Decorators, the definition itself, parameters and bases: everything before the body.
      // Only a lambda, a comprehension or `:=` there makes scopes or bindings besides the
      // definition's own (broken code aside), and most headers have none: they skip the walk.
      const header = this.source.slice(statement.startIndex - this.sourceStart, body.startIndex - this.sourceStart);
      const visitedWhole = NESTED_IN_HEADER.test(header) || statement.hasError;
      const bodyEnd = body.endIndex;
      if (visitedWhole) this.collectBetween(statement, statement.startPosition, body.startPosition);
      else this.visitDefinition(definition, { start: body.startIndex, end: bodyEnd });
      // Parts are collected in any order: the list stays sorted by start.
      const pending: PendingBody = {
        start: body.startIndex,
        end: bodyEnd,
        definitionStart: statement.startIndex,
        body,
        parametersOf: visitedWhole ? undefined : definition,
        isClassBody: definition.type === 'class_definition',
        mayBind: new Map(),
      };
      this.pendingBodies.splice(firstStartingAfter(this.pendingBodies, pending.start), 0, pending);
    }
    flushRun();
  }

  /** Collects the statements from `first` to `last` now, or in a module parsed as one tree, when first needed (see PendingRun). */
  private collectRunOrWait(container: Node, first: Node, last: Node): void {
    if (this.module.parts.length === 1 && this.module.isRoot(container)) {
      const text = this.source.slice(first.startIndex - this.sourceStart, last.endIndex - this.sourceStart);
      // A star import may bind any name: its run is collected at once.
      if (!mayStarImport(text)) {
        this.pendingRuns.push({
          start: first.startIndex,
          end: last.endIndex,
          container,
          from: first.startPosition,
          to: last.endPosition,
          text,
          imports: undefined,
        });
        return;
      }
    }
    this.collectBetween(container, first.startPosition, last.endPosition);
  }

  /**
   * Collects the pending runs whose text may bind `name` (mayBindName). Each
   * run's own text is searched: the definitions between them, most of a
   * library module, hold none of their bindings.
   */
  private collectRunsThatMayBind(name: string): void {
    if (this.pendingRuns.length === 0 || this.runsCollectedFor.has(name)) return;
    this.runsCollectedFor.add(name);
    for (let index = this.pendingRuns.length - 1; index >= 0; index--) {
      const run = this.pendingRuns[index]!;
      for (const at of wholeWordOffsets(run.text, name)) {
        run.imports ??= mayImport(run.text);
        if (!spellingMayBind(run.text, at, name, run.imports)) continue;
        this.collectPendingRun(index);
        break;
      }
    }
  }

  private collectPendingRun(index: number): void {
    const [run] = this.pendingRuns.splice(index, 1) as [PendingRun];
    this.collectBetween(run.container, run.from, run.to);
  }

  /** The scope a node's code runs in (a default value runs outside its function, a body inside). */
  scopeOf(node: Node): Scope {
    let scope = this.scopeOfNode.get(node.id);
    if (!scope && !SCOPE_TYPES.has(node.type) && this.inPartWithoutScopes(node)) {
      scope = this.rootScope;
      this.scopeOfNode.set(node.id, scope);
    }
    if (!scope) {
      this.collectPartAt(node.startIndex);
      const run = indexHolding(this.pendingRuns, node.startIndex, node.endIndex);
      if (run !== -1) this.collectPendingRun(run);
      this.collectPendingBodyAround(node.startIndex, node.endIndex);
      scope = this.scopeAt(node.id, node.startIndex, node.endIndex);
      this.scopeOfNode.set(node.id, scope);
    }
    return scope;
  }

  /** Looks a name up from where `from` runs, with Python's rule that class bodies don't enclose functions. */
  lookup(name: string, from: Node): Lookup {
    const found = this.resolve(name, from);
    return typeof found === 'string' ? 'unknown' : found;
  }

  /**
   * The qualified name a star import binds `name` to where `from` stands
   * (`pandas.read_csv` after `from pandas import *`), where lookup() answers
   * 'unknown' for that reason; undefined otherwise.
   */
  starImportedName(name: string, from: Node): string | undefined {
    const found = this.resolve(name, from);
    return typeof found === 'string' && found !== 'unknown' ? found : undefined;
  }

  /** lookup(), with what a star import binds the name to when one does. */
  private resolve(name: string, from: Node): Lookup | string {
    if (!this.scopeOfNode.has(from.id) && this.isUnboundAround(name, from)) return this.moduleLookup(name);
    const innermost = this.scopeOf(from);
    for (let scope: Scope | undefined = innermost; scope; scope = scope.parent) {
      if (scope !== innermost && scope.node.type === 'class_definition') continue;
      const sites = scope === this.rootScope ? this.moduleBindingsOf(name) : scope.bindings.get(name);
      if (sites) return { scope, sites };
      const starred = starBinding(scope, name);
      if (starred !== undefined) return starred;
    }
    return undefined;
  }

  /**
   * Whether `from` lies in a definition whose body is not collected yet and
   * whose text cannot bind `name` (mayBindName): every scope between `from`
   * and the module's lies inside it, so the name is the module's, and the body
   * need not be walked for its bindings. Most lookups inside a function are of
   * names it only calls or reads (`len`, `np`, a class).
   */
  private isUnboundAround(name: string, from: Node): boolean {
    if (this.inPartWithoutScopes(from)) return true;
    this.collectPartAt(from.startIndex);
    const pending = this.pendingBodies[indexHolding(this.pendingBodies, from.startIndex, from.endIndex)];
    if (!pending) return false;
    let mayBind = pending.mayBind.get(name);
    if (mayBind === undefined) {
      mayBind = mayBindName(
        this.source.slice(pending.definitionStart - this.sourceStart, pending.end - this.sourceStart),
        name,
      );
      pending.mayBind.set(name, mayBind);
    }
    return !mayBind;
  }

  /**
   * Whether `from` lies in a part not collected yet, outside any scope the
   * part makes (none where PartBindings.makesScopes says it can make none): its
   * code runs at module level, and the part need not be walked to say so. A notebook's cells mostly read the
   * frames an earlier cell made; a rule that follows every use of one asks
   * from hundreds of them on each keystroke.
   */
  private inPartWithoutScopes(from: Node): boolean {
    if (this.uncollected.size === 0) return false;
    const binds = this.uncollected.get(this.module.partAt(from.startIndex));
    if (binds === undefined) return false;
    // Where the part may make scopes, a few steps up the tree tell whether `from` is in one.
    return !binds.makesScopes || !insideScopeOf(from);
  }

  /** The lookup's last step: the module's bindings of the name, or what a star import there binds it to. */
  private moduleLookup(name: string): Lookup | string {
    const sites = this.moduleBindingsOf(name);
    if (sites) return { scope: this.rootScope, sites };
    return starBinding(this.rootScope, name);
  }

  /** Collects the pending bodies that hold [start, end), if any: a class's, then its method's that holds it. */
  private collectPendingBodyAround(start: number, end: number): void {
    // Pending bodies never overlap: the one that holds the range is the outermost not yet collected.
    for (
      let index = indexHolding(this.pendingBodies, start, end);
      index !== -1;
      index = indexHolding(this.pendingBodies, start, end)
    ) {
      const [pending] = this.pendingBodies.splice(index, 1) as [PendingBody];
      if (pending.parametersOf) this.bindInner(pending.parametersOf, this.byNodeId.get(pending.parametersOf.id));
      if (pending.isClassBody) this.collectStatementsOf(pending.body);
      else this.collect(pending.body);
    }
  }

  /** One pass over the nodes under `top` that make scopes and bindings, found by tree-sitter in document order. */
  private collect(top: Node): void {
    for (const node of top.descendantsOfType(SCOPE_WALK_TYPES as string[])) this.visit(node);
  }

  /** The same, for the nodes under `top` from `start` up to (not into) what starts at `end`; the root is visited already. */
  private collectBetween(top: Node, start: Point, end: Point): void {
    for (const node of top.descendantsOfType(SCOPE_WALK_TYPES as string[], start, end)) {
      if (!this.module.isRoot(node)) this.visit(node);
    }
  }

  /** `withInner` false leaves a definition's parameters for later (see PendingBody). */
  private visit(node: Node, withInner = true): void {
    const type = node.type;
    const enclosing = this.scopeAt(node.id, node.startIndex, node.endIndex);
    const scope = SCOPE_TYPES.has(type) ? this.addScope(node, enclosing) : enclosing;
    const outer = OUTER_BINDERS[type];
    if (outer) {
      // Function and class names bind around the definition; everything else where it runs.
      const target =
        type === 'function_definition' || type === 'class_definition' ? enclosing : scopeForStatement(type, scope);
      for (const site of outer.targets(node)) addBinding(target, site.text, site, outer.kind);
    }
    if (withInner) this.bindInner(node, scope);
    if (type === 'for_in_clause') {
      const comprehension = node.parent;
      if (comprehension && COMPREHENSION_TYPES.has(comprehension.type)) {
        for (const site of COMPREHENSION_TARGET_BINDER.targets(node)) {
          addBinding(this.byNodeId.get(comprehension.id), site.text, site, 'loop');
        }
      }
    }
    if (type === 'import_from_statement' && node.children.some((child) => child?.type === 'wildcard_import')) {
      const module = node.childForFieldName('module_name')?.text ?? '';
      // Parts are collected in any order: the list stays in document order.
      const at = scope.starImports.findIndex((other) => other.start > node.startIndex);
      scope.starImports.splice(at === -1 ? scope.starImports.length : at, 0, { module, start: node.startIndex });
    }
  }

  /**
   * What visit() does for a definition whose parameters wait with its body,
   * given where the body lies: every call into WASM it spares counts, as each
   * module and class body holds many definitions.
   */
  private visitDefinition(definition: Node, body: { readonly start: number; readonly end: number }): void {
    const end = definition.endIndex;
    const enclosing = this.scopeAt(definition.id, definition.startIndex, end);
    this.addScope(definition, enclosing, { start: definition.startIndex, end }, body);
    for (const site of DEFINITION_BINDER.targets(definition))
      addBinding(enclosing, site.text, site, DEFINITION_BINDER.kind);
  }

  /** Binds what a function or lambda binds inside its own scope: its parameters. */
  private bindInner(node: Node, scope: Scope | undefined): void {
    const inner = INNER_BINDERS[node.type];
    if (inner) for (const site of inner.targets(node)) addBinding(scope, site.text, site, inner.kind);
  }

  /**
   * `span` stands in for the node's own extent (the module's scope spans all its
   * parts); `knownBody`, where a definition's body lies, when the caller knows.
   */
  private addScope(
    node: Node,
    parent: Scope | undefined,
    span?: { readonly start: number; readonly end: number },
    knownBody?: { readonly start: number; readonly end: number },
  ): Scope {
    const scope: Scope = { node, parent, bindings: new Map(), starImports: [] };
    this.byNodeId.set(node.id, scope);
    const start = span?.start ?? node.startIndex;
    const end = span?.end ?? node.endIndex;
    const isComprehension = !knownBody && COMPREHENSION_TYPES.has(node.type);
    const bodyNode = knownBody || parent === undefined || isComprehension ? null : node.childForFieldName('body');
    const body = knownBody ?? (bodyNode ? { start: bodyNode.startIndex, end: bodyNode.endIndex } : undefined);
    const firstIterable = isComprehension
      ? node.namedChildren.find((child) => child?.type === 'for_in_clause')?.childForFieldName('right')
      : null;
    const extent: Extent = {
      scope,
      lexicalParent: this.enclosingExtent(start, end),
      start,
      end,
      innerStart: body ? body.start : start,
      innerEnd: body ? body.end : end,
      holeStart: firstIterable ? firstIterable.startIndex : -1,
      holeEnd: firstIterable ? firstIterable.endIndex : -1,
      isComprehension,
    };
    // A body collected late lands between scopes collected before it.
    const last = this.extents[this.extents.length - 1];
    if (!last || last.start <= start) this.extents.push(extent);
    else this.extents.splice(this.indexAfterStart(start), 0, extent);
    return scope;
  }

  /** The innermost scope created so far whose node contains [start, end). */
  private enclosingExtent(start: number, end: number): Extent | undefined {
    for (let extent = this.lastStartingBefore(start); extent; extent = extent.lexicalParent) {
      if (extent.start <= start && end <= extent.end) return extent;
    }
    return undefined;
  }

  private scopeAt(id: number, start: number, end: number): Scope {
    for (let extent = this.lastStartingBefore(start); extent; extent = extent.lexicalParent) {
      if (runsInside(extent, id, start, end)) return extent.scope;
    }
    return this.rootScope;
  }

  /** The last scope (in document order) that starts at or before `offset`. */
  private lastStartingBefore(offset: number): Extent | undefined {
    const after = this.indexAfterStart(offset);
    return after > 0 ? this.extents[after - 1] : undefined;
  }

  /** The index of the first scope that starts after `offset`. */
  private indexAfterStart(offset: number): number {
    return firstStartingAfter(this.extents, offset);
  }
}

/** Whether the node at [start, end) is evaluated inside the scope. */
function runsInside(extent: Extent, id: number, start: number, end: number): boolean {
  if (id === extent.scope.node.id) return extent.scope.parent === undefined;
  if (start < extent.innerStart || end > extent.innerEnd) return false;
  if (!extent.isComprehension) return true;
  // A node spanning the whole comprehension is one that holds it (`(x for x in y)` as a statement).
  if (start === extent.start && end === extent.end) return false;
  return !(extent.holeStart <= start && end <= extent.holeEnd);
}

/** What the scope's star imports bind `name` to (see starImportedName), undefined when they cannot bind it. */
export function starBinding(scope: Scope, name: string): string | 'unknown' | undefined {
  // Most scopes have none: a lookup walks them all.
  if (scope.starImports.length === 0) return undefined;
  const modules = scope.starImports.map((star) => star.module);
  return starImportedName(name, modules);
}

/** A walrus inside a comprehension binds in the enclosing non-comprehension scope. */
function scopeForStatement(type: string, scope: Scope): Scope {
  if (type !== 'named_expression') return scope;
  let target = scope;
  while (target.parent && COMPREHENSION_TYPES.has(target.node.type)) target = target.parent;
  return target;
}

function addBinding(scope: Scope | undefined, name: string, node: Node, kind: BindingSite['kind']): void {
  if (!scope) return;
  const sites = scope.bindings.get(name);
  const site = { name, node, kind };
  if (sites) sites.push(site);
  else scope.bindings.set(name, [site]);
}
