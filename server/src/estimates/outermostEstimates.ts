// The outermost expressions the size model can estimate within a region of
// the tree: an estimated expression is not estimated again for the
// expressions inside it (the hint, or the line's total, counts it once).
import type { Node } from 'web-tree-sitter';
import { descendants } from '../semantics/syntax';
import { mayEstimate, type SizeEstimator } from './estimate';
import type { Estimate } from '../sizes/sizeEstimate';

/** Walks only into nodes `inside` accepts, in document order. */
export function* outermostEstimates(
  root: Node,
  inside: (node: Node) => boolean,
  estimator: SizeEstimator,
): Generator<{ readonly node: Node; readonly estimate: Estimate }> {
  const estimated = new Set<number>();
  const enter = (node: Node): boolean => inside(node) && !estimated.has(node.id);
  for (const node of descendants(root, enter)) {
    if (!inside(node) || !mayEstimate(node) || node.type === 'parenthesized_expression') continue;
    const estimate = estimator.estimate(node);
    if (!estimate) continue;
    estimated.add(node.id);
    yield { node, estimate };
  }
}
