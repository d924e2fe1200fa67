// Whether an expression can name something whose qualified name ends in one
// of a few names, decided without resolving it: resolving looks the name up in
// its scopes, and rules ask this of every call or decorator they see.
import type { Node } from 'web-tree-sitter';
import type { DocumentFacts } from './facts';

/**
 * False only when `expression` cannot resolve to a qualified name ending in
 * one of `lastNames`: an attribute ends in its own name (`pd.read_csv`), and a
 * plain name is one of them or an alias an import gives one of them
 * (`from pandas import read_csv as rc`), which spells the original name.
 */
export function mayEndIn(expression: Node, lastNames: readonly string[], facts: DocumentFacts): boolean {
  if (expression.type === 'attribute') return lastNames.includes(expression.childForFieldName('attribute')?.text ?? '');
  if (expression.type !== 'identifier') return false;
  if (lastNames.includes(expression.text)) return true;
  const root = expression.tree.rootNode;
  return lastNames.some((name) => facts.names.spellings(name, root).some((spelling) => importAliasOf(spelling) === expression.text));
}

/** In `import a.b as c` or `from m import b as c`, the alias `c` that an identifier of the imported name stands under. */
function importAliasOf(identifier: Node): string | undefined {
  const dotted = identifier.parent;
  const aliased = dotted?.parent;
  if (dotted?.type !== 'dotted_name' || aliased?.type !== 'aliased_import') return undefined;
  return aliased.childForFieldName('alias')?.text;
}
