// Which expression a position is about: the smallest estimable expression
// around it, widened to the allocation it is a working part of (the `1000` in
// `[0] * 1000`, the `range(n)` in `list(range(n))`), but not past a container
// of which it is an item (an item of a display, a comprehension's element).
import type { Node } from 'web-tree-sitter';
import type { DocumentFacts } from '../semantics/facts';
import type { CPythonLayout } from '../sizes/cpython';
import { mayEstimate, SizeEstimator, type Estimate } from './estimate';

export interface LocatedEstimate {
  readonly node: Node;
  readonly estimate: Estimate;
}

/** Whether `child` is one of the items `parent` holds, rather than part of how it is made. */
function isItemOf(child: Node, parent: Node): boolean {
  if (parent.type === 'list' || parent.type === 'tuple' || parent.type === 'set' || parent.type === 'pair') return true;
  if (
    ['list_comprehension', 'generator_expression', 'set_comprehension', 'dictionary_comprehension'].includes(
      parent.type,
    )
  ) {
    return parent.childForFieldName('body')?.equals(child) ?? false;
  }
  return false;
}

/** The enclosing expression, skipping redundant parentheses, and the child on the way to it. */
function enclosing(node: Node): { parent: Node; child: Node } | undefined {
  let child = node;
  let parent = node.parent;
  while (parent?.type === 'parenthesized_expression') {
    child = parent;
    parent = parent.parent;
  }
  return parent ? { parent, child } : undefined;
}

export function estimateAt(
  root: Node,
  offset: number,
  options: { layout?: CPythonLayout; facts?: DocumentFacts },
): LocatedEstimate | undefined {
  const estimator = new SizeEstimator(options);
  let found: LocatedEstimate | undefined;
  for (let node: Node | null = root.descendantForIndex(offset, offset); node && !found; node = node.parent) {
    const estimate = mayEstimate(node) ? estimator.estimate(node) : undefined;
    if (estimate) found = { node, estimate };
  }
  while (found) {
    const up = enclosing(found.node);
    if (!up || isItemOf(up.child, up.parent) || !mayEstimate(up.parent)) break;
    const estimate = estimator.estimate(up.parent);
    if (!estimate) break;
    found = { node: up.parent, estimate };
  }
  return found;
}
