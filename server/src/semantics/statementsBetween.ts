// The statements between two statements of one block, where what may have
// changed a value in between is looked for. The module's statements are one
// block though the editor parses them in regions, a tree each: a statement at
// the top of one region follows the last one of the region above.
import type { Node } from 'web-tree-sitter';
import { topLevelNodes, type ModuleParts } from '../document/moduleParts';

/** The statements strictly between `first` and `last` (statements, `first` before `last`), or undefined when they are not in one block. */
export function statementsBetween(first: Node, last: Node, module: ModuleParts): Node[] | undefined {
  const [block, lastBlock] = [first.parent, last.parent];
  if (!block || !lastBlock || first.startIndex >= last.startIndex) return undefined;
  if (block.equals(lastBlock)) {
    const nodes: Node[] = [];
    for (let statement = first.nextSibling; statement && !statement.equals(last); statement = statement.nextSibling)
      nodes.push(statement);
    return nodes;
  }
  if (!module.isRoot(block) || !module.isRoot(lastBlock)) return undefined;
  return module.parts.flatMap((part) =>
    part.end <= first.endIndex || part.start >= last.startIndex
      ? []
      : topLevelNodes(part.root).filter(
          (node) => node.startIndex >= first.endIndex && node.endIndex <= last.startIndex,
        ),
  );
}
