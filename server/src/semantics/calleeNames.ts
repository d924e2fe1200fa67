// Whether an expression can name something whose qualified name ends in one
// of a few names, decided without resolving it: resolving looks the name up in
// its scopes, and rules ask this of every call or decorator they see.
import type { Node } from 'web-tree-sitter';
import type { DocumentFacts } from './facts';

/**
 * False only when `expression` cannot resolve to a qualified name ending in
 * one of `lastNames`: an attribute ends in its own name (`pd.read_csv`), and a
 * plain name is one of them or an alias an import gives one of them
 * (`from pandas import read_csv as rc`).
 */
export function mayEndIn(expression: Node, lastNames: readonly string[], facts: DocumentFacts): boolean {
  if (expression.type === 'attribute') return lastNames.includes(expression.childForFieldName('attribute')?.text ?? '');
  if (expression.type !== 'identifier') return false;
  const name = expression.text;
  if (lastNames.includes(name)) return true;
  // The answer reads the document's import aliases of these names. Only module-level code binds
  // one for other statements, and code that adds or drops one there spells the imported name.
  for (const imported of lastNames) facts.readsBindingsOf(imported);
  return facts.names.importedAs(name).some((imported) => lastNames.includes(imported));
}
