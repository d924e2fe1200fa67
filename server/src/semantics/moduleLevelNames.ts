// The names a top-level chunk may bind in the module's scope: what its binding
// statements outside function, class and lambda bodies bind (the scope walk
// binds nothing else there), every word of its imports (an alias is found by
// the name it imports), and the names it declares `global` anywhere. Another
// chunk's lookups at module level change only when one of these does, where
// the words of all its module-level code would count every call of `len`.
import type { Node } from 'web-tree-sitter';
import { mayImport } from '../text/bindingSpellings';
import { OUTER_BINDERS } from './bindings';
import { wordsOf } from './dependencies';
import { topLevelNodes, type ModulePart } from '../document/moduleParts';
import { PartCache } from '../document/partCache';
import { definitionBody, definitionOf } from './syntax';

const BINDER_TYPES: string[] = Object.keys(OUTER_BINDERS);
const IMPORT_TYPES: ReadonlySet<string> = new Set(['import_statement', 'import_from_statement']);
/** Nodes whose body is a scope of its own. */
const BODY_OWNERS: ReadonlySet<string> = new Set(['function_definition', 'class_definition', 'lambda']);

export function moduleLevelNames(nodes: readonly Node[]): ReadonlySet<string> {
  const names = new Set<string>();
  const add = (binder: Node) => {
    if (binder.type !== 'global_statement' && insideBody(binder)) return;
    if (IMPORT_TYPES.has(binder.type)) for (const word of wordsOf(binder.text)) names.add(word);
    else for (const target of OUTER_BINDERS[binder.type]!.targets(binder)) names.add(target.text);
  };
  for (const top of nodes) {
    const body = definitionBody(top);
    if (!body) {
      top.descendantsOfType(BINDER_TYPES).forEach(add);
      continue;
    }
    // A top-level definition binds its name and what its header binds; of its body only
    // `global` declarations, so the body is not walked binder by binder. Only `:=` binds
    // in a header besides the name (lambdas and comprehensions bind in scopes of their
    // own): most headers need no walk inside tree-sitter, which costs more than the rest.
    const header = top.text.slice(0, body.startIndex - top.startIndex);
    const name = top.hasError || header.includes(':=') ? undefined : definitionOf(top)?.childForFieldName('name');
    if (name) names.add(name.text);
    else top.descendantsOfType(BINDER_TYPES, top.startPosition, body.startPosition).forEach(add);
    // Searching the text is cheaper than walking the body inside tree-sitter.
    if (body.text.includes('global')) body.descendantsOfType('global_statement').forEach(add);
  }
  return names;
}

/** Whether the node runs inside the body of a function, class or lambda (its own body does not count). */
function insideBody(node: Node): boolean {
  for (let inner = node, outer = node.parent; outer; inner = outer, outer = outer.parent) {
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
}

const bindingsOfParts = new PartCache<PartBindings>();

export function partBindings(part: ModulePart, source: string): PartBindings {
  const text = source.slice(part.start, part.end);
  return bindingsOfParts.get(part, text, () => ({
    names: moduleLevelNames(topLevelNodes(part.root)),
    starImport: mayStarImport(text),
  }));
}

/** Whether module-level text may hold `from m import *` (over-approximated: any `import` and any `*`). */
export function mayStarImport(text: string): boolean {
  return mayImport(text) && text.includes('*');
}
