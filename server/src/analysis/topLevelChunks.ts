// A module cut into its top-level statements, the unit whose findings the
// language server reuses after an edit elsewhere. Comments go with the
// statement below them (rules read the comments right above a statement), or
// with the statement whose last line they end (a trailing `# noqa`).
import type { Node } from 'web-tree-sitter';
import { definitionBody } from './syntax';

export interface Chunk {
  readonly start: number;
  readonly end: number;
  /** The top-level nodes it is made of, in document order. */
  readonly nodes: readonly Node[];
  /**
   * Everything its findings can read of the text without asking the facts:
   * its own text, the rest of its first and last lines, where on its line it
   * starts, and the comment-only lines right above it. Equal keys mean equal
   * findings when nothing else they read changed.
   */
  readonly key: string;
}


/**
 * The chunk's text without the body of the function or class it defines: the
 * part that can bind names at module level (decorators, name, defaults, bases).
 */
export function moduleLevelText(chunk: Chunk, source: string): string {
  const statement = [...chunk.nodes].reverse().find((node) => node.type !== 'comment');
  const body = statement ? definitionBody(statement) : null;
  // Built by concatenation, never a bare slice: V8 keeps a slice's whole source alive.
  if (!body) return `\n${source.slice(chunk.start, chunk.end)}`;
  return `${source.slice(chunk.start, body.startIndex)}\n${source.slice(body.endIndex, chunk.end)}`;
}

interface Building {
  start: number;
  end: number;
  endRow: number;
  readonly nodes: Node[];
}

export function topLevelChunks(root: Node, source: string): Chunk[] {
  const built: Building[] = [];
  let pendingComments: Node[] = [];
  for (const node of root.namedChildren) {
    if (!node) continue;
    const last = built[built.length - 1];
    if (node.type === 'comment') {
      if (pendingComments.length === 0 && last && node.startPosition.row === last.endRow) extend(last, node);
      else pendingComments.push(node);
      continue;
    }
    const nodes = [...pendingComments, node];
    pendingComments = [];
    built.push({ start: nodes[0]!.startIndex, end: node.endIndex, endRow: node.endPosition.row, nodes });
  }
  if (pendingComments.length > 0) {
    const last = pendingComments[pendingComments.length - 1]!;
    built.push({ start: pendingComments[0]!.startIndex, end: last.endIndex, endRow: last.endPosition.row, nodes: pendingComments });
  }
  return built.map((chunk) => ({ start: chunk.start, end: chunk.end, nodes: chunk.nodes, key: keyOf(source, chunk.start, chunk.end) }));
}

function extend(chunk: Building, comment: Node): void {
  chunk.nodes.push(comment);
  chunk.end = comment.endIndex;
  chunk.endRow = comment.endPosition.row;
}

function keyOf(source: string, start: number, end: number): string {
  const lineStart = lineStartBefore(source, start);
  let lineEnd = end;
  while (lineEnd < source.length && source[lineEnd] !== '\n' && source[lineEnd] !== '\r') lineEnd++;
  // Where the chunk starts on its line too: broken code can start one statement mid-line.
  return `${commentLinesAbove(source, lineStart)}\u0000${start - lineStart}\u0000${source.slice(lineStart, lineEnd)}`;
}

/** The comment-only lines right above the line starting at `lineStart`, as commentsAbout() reads them. */
function commentLinesAbove(source: string, lineStart: number): string {
  let top = lineStart;
  while (top > 0) {
    // The previous line ends with \n, \r or \r\n just before `top`.
    const previousEnd = source[top - 1] === '\n' && source[top - 2] === '\r' ? top - 2 : top - 1;
    const previousStart = lineStartBefore(source, previousEnd);
    if (!source.slice(previousStart, top).trimStart().startsWith('#')) break;
    top = previousStart;
  }
  return source.slice(top, lineStart);
}

/** Where the line holding `offset` starts. */
function lineStartBefore(source: string, offset: number): number {
  let at = offset;
  while (at > 0 && source[at - 1] !== '\n' && source[at - 1] !== '\r') at--;
  return at;
}
