// Which expression a name stands for: a name bound exactly once, by a plain
// assignment (`n = 1000`, `N: int = 10**6`), in the scope the lookup reaches.
import type { Node } from 'web-tree-sitter';
import type { DocumentFacts } from './facts';

/** The right-hand side of the single assignment that binds `identifier`, or undefined. */
export function singleAssignmentValue(facts: DocumentFacts, identifier: Node): Node | undefined {
  const found = facts.lookup(identifier.text, identifier);
  if (found === undefined || found === 'unknown' || found.sites.length !== 1) return undefined;
  const site = found.sites[0]!;
  if (site.kind !== 'assignment') return undefined;
  const assignment = site.node.parent;
  if (assignment?.type !== 'assignment' || !assignment.childForFieldName('left')?.equals(site.node)) return undefined;
  // `a = b = 5`: the value is the innermost right-hand side.
  let value = assignment.childForFieldName('right');
  while (value?.type === 'assignment') value = value.childForFieldName('right');
  return value ?? undefined;
}
