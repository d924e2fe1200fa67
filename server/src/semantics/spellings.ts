// The other ways code may spell a value: what an import makes a name stand
// for (`modules` after `from sys import modules` is `sys.modules`, and so is
// `system.modules` after `import sys as system`), and what a plain assignment
// makes a local stand for (`tree = node` makes `tree.children` `node.children`).
import type { Node } from 'web-tree-sitter';
import { chainOf, type Chain } from './chains';
import type { DocumentFacts } from './facts';

/** Where a chain's root is bound, which decides what other code may reach its value. */
export type Home = 'import' | 'module' | 'local' | 'builtin';

export interface Spelling {
  /** With an imported root spelled as the imported path: `np.random` is ['numpy', 'random']. */
  readonly chain: Chain;
  readonly home: Home;
}

/** The chain `node` is, resolved from where it stands; undefined when it is no chain. */
export function spellingAt(node: Node, facts: DocumentFacts): Spelling | undefined {
  const chain = chainOf(node);
  return chain ? spellingOf(chain, rootOf(node), facts) : undefined;
}

/** The chain, its root looked up from `from` (the root itself, or any node of the scope it is spelled in). */
export function spellingOf(chain: Chain, from: Node, facts: DocumentFacts): Spelling {
  const found = facts.lookup(chain[0]!, from);
  if (found === undefined) return { chain: ['builtins', ...chain], home: 'builtin' };
  // Behind a star import the name may be anything imported.
  if (found === 'unknown') return { chain, home: 'import' };
  const path = found.sites.every((site) => site.kind === 'import')
    ? facts.qualifiedName(found.sites[0]!.node)
    : undefined;
  if (path !== undefined) return { chain: [...path.split('.'), ...chain.slice(1)], home: 'import' };
  return { chain, home: found.scope.parent === undefined ? 'module' : 'local' };
}

/**
 * The chain with its root replaced by what a plain assignment in the same scope,
 * before `from`, gave that root (`tree = node`: `tree.children` is also
 * `node.children`), one level deep. Parameters and other bindings add nothing;
 * an assignment after `from` reaches it only around an enclosing loop, which
 * would have to leave the name alone meanwhile.
 */
export function assignedSpellings(chain: Chain, from: Node, facts: DocumentFacts): Chain[] {
  const found = facts.lookup(chain[0]!, from);
  if (found === undefined || found === 'unknown' || found.scope.parent === undefined) return [];
  const spellings: Chain[] = [];
  for (const site of found.sites) {
    const assignment = site.node.parent;
    if (
      site.kind !== 'assignment' ||
      assignment?.type !== 'assignment' ||
      !assignment.childForFieldName('left')?.equals(site.node)
    )
      continue;
    if (site.node.startIndex >= from.startIndex) continue;
    const value = assignment.childForFieldName('right');
    const assigned = value ? chainOf(value) : undefined;
    if (assigned) spellings.push([...assigned, ...chain.slice(1)]);
  }
  return spellings;
}

/** The identifier a name or attribute chain starts from. */
export function rootOf(node: Node): Node {
  let root = node;
  while (root.type === 'attribute') root = root.childForFieldName('object')!;
  return root;
}
