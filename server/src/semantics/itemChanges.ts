// Changes made to a container's items rather than to the container: `del
// adj[u][n]` leaves `adj` as it was but changes the dict `adj[u]`. A copy of one
// item (`list(adj[n])`) is changed by them whenever the other key names the
// same item, as `u == n` does for a graph's self-loop; so is a local that a
// container holds (`b = [a]`, then `del b[0][k]`).
import type { Node } from 'web-tree-sitter';
import { assignmentTargetsOf, isAssignmentTarget, TARGET_OWNER_TYPES } from './assignmentTargets';
import { chainOf, isMaximalChain, sameChain, type Chain } from './chains';
import type { DocumentFacts } from './facts';
import { isField } from './syntax';
import { LOOKING_METHODS, runningNodes, useOf } from './valueChanges';

/** Whether `node` is the container a subscript reads an item of (`adj` of `adj[n]`). */
export function isSubscripted(node: Node): boolean {
  const parent = node.parent;
  return parent?.type === 'subscript' && isField(parent, 'value', node);
}

/**
 * Whether running the regions may change an item of the value `source` names,
 * spelled as they spell it, in place: writing or deleting an item of the item,
 * at any depth (`adj[u][n] = w`, `del adj[u][n]`), calling a method of it not
 * known to only look (`adj[u].pop(n)`), or handing it on (`nbrs = adj[u]`,
 * `process(adj[u])`). Nested function and class bodies don't run, so don't count.
 */
export function mayChangeAnItem(regions: readonly Node[], source: Chain, facts: DocumentFacts): boolean {
  for (const region of regions) {
    for (const node of runningNodes(region)) {
      if (!isSubscripted(node) || !isMaximalChain(node) || !sameChain(chainOf(node)!, source)) continue;
      if (changesInPlace(node.parent!, facts)) return true;
    }
  }
  return false;
}

/** Whether the code around `item` (`adj[u]`) changes it in place or hands it on. */
function changesInPlace(item: Node, facts: DocumentFacts): boolean {
  let value = item;
  for (let parent = value.parent; parent?.type === 'subscript' && isField(parent, 'value', value); ) {
    if (isAssignmentTarget(parent)) return true;
    value = parent;
    parent = value.parent;
  }
  const parent = value.parent;
  if (parent?.type === 'attribute' && isField(parent, 'object', value)) {
    const call = parent.parent;
    if (call?.type === 'call' && isField(call, 'function', parent))
      return !LOOKING_METHODS.has(parent.childForFieldName('attribute')?.text ?? '');
    return isAssignmentTarget(parent);
  }
  const use = useOf(value, facts);
  return use === 'change' || use === 'escape';
}

/**
 * The containers a local was assigned an item of before `from` (`adj` for
 * `nbrs = adj[n]`): a change to any of their items may be one to it.
 */
export function containersOfAssignedItem(name: string, from: Node, facts: DocumentFacts): Chain[] {
  const found = facts.lookup(name, from);
  if (found === undefined || found === 'unknown' || found.scope.parent === undefined) return [];
  const containers: Chain[] = [];
  for (const site of found.sites) {
    const assignment = site.node.parent;
    if (site.kind !== 'assignment' || assignment?.type !== 'assignment' || site.node.startIndex >= from.startIndex)
      continue;
    if (!assignment.childForFieldName('left')?.equals(site.node)) continue;
    const value = assignment.childForFieldName('right');
    const container = value?.type === 'subscript' ? value.childForFieldName('value') : null;
    const chain = container ? chainOf(container) : undefined;
    if (chain) containers.push(chain);
  }
  return containers;
}

/**
 * Whether running the region writes or deletes an item or attribute of
 * something other than the names in `own` (`del b[0][k]`, `tree.kids[0] = k`):
 * through another reference, that may be any value the code cannot see being held.
 */
export function writesInPlace(region: Node, own: ReadonlySet<string>): boolean {
  for (const node of runningNodes(region)) {
    if (!TARGET_OWNER_TYPES.includes(node.type) || node.type === 'for_in_clause') continue;
    for (const target of assignmentTargetsOf(node)) {
      if (target.type !== 'subscript' && target.type !== 'attribute') continue;
      let root: Node | null = target;
      while (root?.type === 'subscript' || root?.type === 'attribute')
        root = root.childForFieldName(root.type === 'subscript' ? 'value' : 'object');
      if (root?.type !== 'identifier' || !own.has(root.text)) return true;
    }
  }
  return false;
}
