// The comments that speak about a statement: the run of comment-only lines
// right above it and the comments on its own lines. Rules read them to see
// when code states that it does something on purpose.
import type { Node } from 'web-tree-sitter';
import { statementOf } from './loops';

/** The texts of the comment lines right above the statement that holds `node`, and of the comments on its lines up to node's end. */
export function commentsAbout(node: Node): string[] {
  const statement = statementOf(node);
  if (!statement) return [];
  const lines = statement.tree.rootNode.text.split(/\r\n|\r|\n/);
  const texts: string[] = [];
  for (let row = statement.startPosition.row - 1; row >= 0 && lines[row]!.trimStart().startsWith('#'); row -= 1) {
    texts.unshift(lines[row]!.trim());
  }
  // Only the lines from the statement's start to node's end: not the body of a loop that holds node in its header.
  const lastRow = node.endPosition.row;
  for (const inside of statement.descendantsOfType('comment')) if (inside && inside.startPosition.row <= lastRow) texts.push(inside.text);
  const after = statement.nextSibling;
  if (after?.type === 'comment' && after.startPosition.row === lastRow) texts.push(after.text);
  return texts;
}
