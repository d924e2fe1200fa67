// The names a top-level chunk may bind in the module's scope: what its binding
// statements outside function, class and lambda bodies bind (the scope walk
// binds nothing else there), every word of its imports (an alias is found by
// the name it imports), and the names it declares `global` anywhere. Another
// chunk's lookups at module level change only when one of these does, where
// the words of all its module-level code would count every call of `len`.
import type { Node } from 'web-tree-sitter';
import { mayImport } from '../text/bindingSpellings';
import { codeOnly } from '../text/codeOnly';
import { OUTER_BINDERS } from './bindings';
import { wordsOf } from './dependencies';
import { topLevelNodes, type ModulePart } from '../document/moduleParts';
import { PartCache } from '../document/partCache';
import { definitionBody, definitionOf } from './syntax';

const BINDER_TYPES: string[] = Object.keys(OUTER_BINDERS);
const IMPORT_TYPES: ReadonlySet<string> = new Set(['import_statement', 'import_from_statement']);
/** Nodes whose body is a scope of its own. */
const BODY_OWNERS: ReadonlySet<string> = new Set(['function_definition', 'class_definition', 'lambda']);

/**
 * What `nodes` may bind at module level. `part`: what of them the chunk holds:
 * whole statements, only a class's header (its body's statements are chunks of
 * their own), or a statement of a class's body (which binds there only what it
 * declares `global`).
 */
export function moduleLevelNames(
  nodes: readonly Node[],
  part: 'statements' | 'header' | 'member' = 'statements',
): ReadonlySet<string> {
  const names = new Set<string>();
  const add = binderAdder(names, (binder) => binder.type !== 'global_statement' && insideBody(binder));
  for (const top of nodes) {
    if (part === 'member') {
      if (mayDeclareGlobal(top.text)) top.descendantsOfType('global_statement').forEach(add);
      continue;
    }
    const body = addStatementNames(top, names, add);
    // Searching the text is cheaper than walking the body inside tree-sitter.
    if (body && part === 'statements' && mayDeclareGlobal(body.text))
      body.descendantsOfType('global_statement').forEach(add);
  }
  return names;
}

/**
 * What a statement of a class's body (`nodes`: it and its comments) binds in
 * the class body's scope: a method's name, a class attribute, a `global`
 * declared there. A lookup from code that runs in the class body changes
 * only when one of these does.
 */
export function classLevelNames(nodes: readonly Node[], text: string): ReadonlySet<string> {
  // Most are methods, whose text shows their name at once: the tree is asked about the others.
  const definition = DEFINITION_LINES.exec(text);
  if (definition && !text.includes(':=') && !nodes.some((node) => node.hasError)) return new Set([definition[1]!]);
  return classLevelNamesInTree(nodes);
}

/** classLevelNames, from the tree alone. */
export function classLevelNamesInTree(nodes: readonly Node[]): ReadonlySet<string> {
  const names = new Set<string>();
  for (const top of nodes)
    addStatementNames(
      top,
      names,
      binderAdder(names, (binder) => insideBody(binder, top)),
    );
  return names;
}

/**
 * A definition's text from its start: comment lines and one-line decorators,
 * then `def name` or `class name` (an ASCII name). Without `:=` anywhere, and
 * without a syntax error, the name is all it binds where it stands.
 */
const DEFINITION_LINES =
  /^(?:[ \t]*(?:#[^\r\n]*|@[^\r\n]*)?\r?\n)*[ \t]*(?:async[ \t]+)?(?:def|class)[ \t]+([A-Za-z_][A-Za-z0-9_]*)\b/;

/** What binds `add` adds to `names`, less those `skipped` says are not the scope's. */
function binderAdder(names: Set<string>, skipped: (binder: Node) => boolean): (binder: Node) => void {
  return (binder) => {
    if (skipped(binder)) return;
    if (IMPORT_TYPES.has(binder.type)) for (const word of wordsOf(binder.text)) names.add(word);
    else for (const target of OUTER_BINDERS[binder.type]!.targets(binder)) names.add(target.text);
  };
}

/** What a statement binds where it stands (a definition: its name and its header's bindings); the body of a definition, if it is one. */
function addStatementNames(top: Node, names: Set<string>, add: (binder: Node) => void): Node | null {
  const body = definitionBody(top);
  if (!body) {
    statementBinders(top).forEach(add);
    return null;
  }
  // A definition binds its name and what its header binds; of its body only `global`
  // declarations, so the body is not walked binder by binder. Only `:=` binds in a header
  // besides the name (lambdas and comprehensions bind in scopes of their own): most
  // headers need no walk inside tree-sitter, which costs more than the rest.
  const header = top.text.slice(0, body.startIndex - top.startIndex);
  const name = top.hasError || header.includes(':=') ? undefined : definitionOf(top)?.childForFieldName('name');
  if (name) names.add(name.text);
  else top.descendantsOfType(BINDER_TYPES, top.startPosition, body.startPosition).forEach(add);
  return body;
}

/**
 * The binders in a statement that defines nothing, in document order. An
 * expression statement (`x = y = value`, a docstring) binds only along its
 * chain of assignments, unless it holds `:=` or an `as` (which tree-sitter
 * reads as a pattern inside an expression): walking its value inside
 * tree-sitter (a long tuple of a class's body) costs more than the rest.
 */
export function statementBinders(top: Node): Node[] {
  if (top.type !== 'expression_statement' || top.hasError || MAY_BIND_INSIDE.test(top.text))
    return top.descendantsOfType(BINDER_TYPES);
  const binders: Node[] = [];
  for (const child of top.namedChildren) {
    for (let link: Node | null = child; link && ASSIGNMENTS.has(link.type); link = link.childForFieldName('right'))
      binders.push(link);
  }
  return binders;
}

const ASSIGNMENTS: ReadonlySet<string> = new Set(['assignment', 'augmented_assignment']);
/** What in an expression's text may be a binder below its chain of assignments: `:=`, or an `as` pattern. */
const MAY_BIND_INSIDE = /:=|\bas\b/;

/**
 * `global` where a statement starts: at a line's start, or after `;` or a
 * compound statement's `:`. A class's docstring may well speak of global
 * things, and walking its body in tree-sitter for them costs a keystroke
 * more than the rest of its analysis.
 */
const GLOBAL_STATEMENT = /(?:^|[;:])[ \t\f]*global\b/m;

export function mayDeclareGlobal(text: string): boolean {
  return text.includes('global') && GLOBAL_STATEMENT.test(text);
}

/** Whether the node runs inside the body of a function, class or lambda (its own body does not count), up to `top`. */
function insideBody(node: Node, top?: Node): boolean {
  for (let inner = node, outer = node.parent; outer && inner.id !== top?.id; inner = outer, outer = outer.parent) {
    if (!BODY_OWNERS.has(outer.type)) continue;
    const body = outer.childForFieldName('body');
    if (body && body.startIndex <= inner.startIndex && inner.endIndex <= body.endIndex) return true;
  }
  return false;
}

/** What a part of a module may bind at module level (see Scopes, which collects a part when it must). */
export interface PartBindings {
  readonly names: ReadonlySet<string>;
  /** A star import may bind any name. */
  readonly starImport: boolean;
  /**
   * Whether its code may make a scope of its own: a definition, a lambda, or a
   * comprehension (a `for` other than a loop's header). Where none can, its
   * code runs at module level, which Scopes tells without walking it.
   */
  readonly makesScopes: boolean;
}

const bindingsOfParts = new PartCache<PartBindings>();

export function partBindings(part: ModulePart, source: string): PartBindings {
  const text = source.slice(part.start, part.end);
  return bindingsOfParts.get(part, text, () => ({
    names: moduleLevelNames(topLevelNodes(part.root)),
    starImport: mayStarImport(text),
    makesScopes: DEFINITION_AT_LINE_START.test(text) || mayMakeScope(codeOnly(text)),
  }));
}

/**
 * A line that starts a definition, in the text as it is: most parts hold one,
 * and then they make scopes without a blanked copy of their text (a region of
 * a large class on every keystroke). In a string it only makes the answer "may".
 */
const DEFINITION_AT_LINE_START = /^[ \t]*(?:async[ \t]+)?(?:def|class)[ \t]/m;

/** Keywords that make a scope: a definition, a lambda, a comprehension's `for` (an `async` one included). */
const SCOPE_KEYWORDS = /\b(?:def|class|lambda|for)\b/;
/** A line that is the header of a `for` statement, which binds in the scope it stands in: `for row in rows:`. */
const FOR_STATEMENT_LINE = /^[ \t]*(?:async[ \t]+)?for\b[^\r\n]*:[ \t]*$/gm;

/** Whether code (comments and strings blanked) may make a scope of its own. */
function mayMakeScope(code: string): boolean {
  return SCOPE_KEYWORDS.test(code) && SCOPE_KEYWORDS.test(code.replace(FOR_STATEMENT_LINE, ''));
}

/** Whether module-level text may hold `from m import *` (over-approximated: any `import` and any `*`). */
export function mayStarImport(text: string): boolean {
  return mayImport(text) && text.includes('*');
}
