// Which neighbour of a region with a syntax error may hold the rest of its
// broken statement, from what its tree shows (see regionTrees.ts).
import type { Node } from 'web-tree-sitter';

/**
 * Which neighbours may hold the rest of a statement that a region's syntax
 * error is half of, given whether each neighbour can (the caller says: one with
 * an error of its own, a bracket closed there that opened here, say; undefined
 * for no neighbour). Regions never start at a clause that continues the
 * statement above, nor end between a decorator and its definition
 * (carriesOnAbove), and a statement left open runs on into the regions below:
 * what is left is the rest of a statement whose error is on this region's first
 * line, or last. Errors further in are this region's own: no trial parse,
 * which costs as much as parsing the regions from nothing.
 */
export function errorReach(
  root: Node,
  aboveMayHold: boolean | undefined,
  belowMayHold: boolean | undefined,
): { readonly above: boolean; readonly below: boolean } {
  const statements =
    root.type === 'module' ? root.namedChildren.filter((node) => node !== null && node.type !== 'comment') : [];
  const [first, last] = [statements[0], statements[statements.length - 1]];
  if (!first || !last) return { above: aboveMayHold !== undefined, below: belowMayHold !== undefined };
  return {
    above: aboveMayHold === true && errorOnRow(first, first.startPosition.row),
    below: belowMayHold === true && errorOnRow(last, last.endPosition.row),
  };
}

/** Whether an ERROR or MISSING node in `node` lies on `row`: only children with an error that reach the row are looked into. */
function errorOnRow(node: Node, row: number): boolean {
  if (!node.hasError) return false;
  if (node.isError || node.isMissing) return true;
  return node.children.some(
    (child) =>
      child !== null && child.startPosition.row <= row && row <= child.endPosition.row && errorOnRow(child, row),
  );
}
