// How code can name a module or a function of one through its own imports,
// for fixes that call it: `it.chain` after `import itertools as it`.
import type { Node } from 'web-tree-sitter';
import type { DocumentFacts } from '../semantics/facts';
import { lastPart } from '../text/dottedNames';

/**
 * The name that refers to `qualified` (`heapq`, `itertools.chain`) where `at`
 * stands: the imported name itself or an alias an import gives it; undefined
 * when nothing there does (no import, or a local of that name).
 */
export function importedNameAt(qualified: string, at: Node, facts: DocumentFacts): string | undefined {
  const imported = lastPart(qualified);
  // The aliases are the whole module's: an import that gives one (`import itertools as it`)
  // spells the imported name, so its coming or going reaches what was found here.
  facts.readsSpellingsOf(imported);
  return [imported, ...facts.names.aliasesOf(imported)].find(
    (name) => facts.qualifiedNameOfName(name, at) === qualified,
  );
}
