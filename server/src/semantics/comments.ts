// The comments that speak about a statement: the run of comment-only lines
// right above it and the comments on its own lines. Rules read them to see
// when code states that it does something on purpose.
import type { Node } from 'web-tree-sitter';
import { commentRunStart, lineStartBefore } from '../text/commentLines';
import { statementOf } from './loops';

/** The texts of the comment lines right above the statement that holds `node`, and of the comments on its lines up to node's end. */
export function commentsAbout(node: Node): string[] {
  const statement = statementOf(node);
  if (!statement) return [];
  const texts = commentLinesAbove(statement);
  // Only the lines from the statement's start to node's end: not the body of a loop that holds node in its header.
  const lastRow = node.endPosition.row;
  // trimEnd: with \r\n line ends the grammar's comment token keeps the \r.
  for (const inside of statement.descendantsOfType('comment'))
    if (inside && inside.startPosition.row <= lastRow) texts.push(inside.text.trimEnd());
  const after = statement.nextSibling;
  if (after?.type === 'comment' && after.startPosition.row === lastRow) texts.push(after.text.trimEnd());
  return texts;
}

/** The comment-only lines right above the statement, trimmed, top first. */
function commentLinesAbove(statement: Node): string[] {
  const root = statement.tree.rootNode;
  // The root's text starts where the root does, which need not be offset 0.
  const text = root.text;
  const lineStart = lineStartBefore(text, statement.startIndex - root.startIndex);
  const run = text.slice(commentRunStart(text, lineStart), lineStart);
  return run === ''
    ? []
    : run
        .split(/\r\n|\r|\n/)
        .slice(0, -1)
        .map((line) => line.trim());
}
