// A module cut into its top-level statements, the unit whose findings the
// language server reuses after an edit elsewhere. Comments go with the
// statement below them (rules read the comments right above a statement), or
// with the statement whose last line they end (a trailing `# noqa`).
import type { Node, Tree } from 'web-tree-sitter';
import { commentRunStart, lineStartBefore } from './commentLines';
import type { ModuleParts } from './moduleParts';
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

/** A part's chunks, at offsets from the part's start, and the text they were cut from. */
interface PartChunks {
  readonly text: string;
  readonly chunks: readonly { readonly start: number; readonly end: number; readonly key: string }[];
}

/**
 * By tree: the chunks of the part it was parsed for. An edit above a region
 * moves its tree without a new parse: the same text, the same chunks, and
 * cutting them again would ask tree-sitter about every top-level statement.
 */
const chunksOfTree = new WeakMap<Tree, PartChunks>();

/** The chunks of every part, in order; a part whose root is an ERROR node (broken code) is one chunk. */
export function topLevelChunks(module: ModuleParts, source: string): Chunk[] {
  return module.parts.flatMap((part) => {
    const text = source.slice(part.start, part.end);
    let known = chunksOfTree.get(part.root.tree);
    if (known?.text !== text) {
      known = cutPart(part.root, source, part.start, text);
      chunksOfTree.set(part.root.tree, known);
    }
    // The nodes only of chunks analysed again, and the part's statements once for all of them.
    let statements: readonly Node[] | undefined;
    const statementsOfPart = () => (statements ??= part.root.type === 'module' ? part.root.namedChildren.filter((node): node is Node => node !== null) : [part.root]);
    return known.chunks.map((relative): Chunk => {
      const start = part.start + relative.start;
      const end = part.start + relative.end;
      let nodes: readonly Node[] | undefined;
      return {
        start,
        end,
        key: relative.key,
        get nodes() {
          nodes ??= statementsOfPart().filter((node) => node.startIndex >= start && node.endIndex <= end);
          return nodes;
        },
      };
    });
  });
}

function cutPart(root: Node, source: string, partStart: number, text: string): PartChunks {
  const built: Building[] = [];
  if (root.type === 'module') chunkStatements(root, built);
  else built.push({ start: root.startIndex, end: root.endIndex, endRow: root.endPosition.row, nodes: [root] });
  // Copied: kept across edits, slices of the source would keep each version of the document alive.
  return structuredClone({ text, chunks: built.map((chunk) => ({ start: chunk.start - partStart, end: chunk.end - partStart, key: keyOf(source, chunk.start, chunk.end) })) });
}

function chunkStatements(root: Node, built: Building[]): void {
  const first = built.length;
  let pendingComments: Node[] = [];
  for (const node of root.namedChildren) {
    if (!node) continue;
    const last = built.length > first ? built[built.length - 1] : undefined;
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
  return `${source.slice(commentRunStart(source, lineStart), lineStart)}\u0000${start - lineStart}\u0000${source.slice(lineStart, lineEnd)}`;
}
