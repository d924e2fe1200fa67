// A module cut into its top-level statements, the unit whose findings the
// language server reuses after an edit elsewhere. Comments go with the
// statement below them (rules read the comments right above a statement), or
// with the statement whose last line they end (a trailing `# noqa`).
import type { Node } from 'web-tree-sitter';
import { firstNodeStartingAfter } from '../document/sortedSearch';
import { commentRunStart, lineStartBefore } from '../text/commentLines';
import { topLevelNodes, type ModulePart, type ModuleParts } from '../document/moduleParts';
import { PartCache } from '../document/partCache';
import { definitionBody } from '../semantics/syntax';

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

/** A part's chunks, at offsets from the part's start. */
type PartChunks = readonly { readonly start: number; readonly end: number; readonly key: string }[];

const chunksOfParts = new PartCache<PartChunks>();

/** The chunks of every part, in order; a part whose root is an ERROR node (broken code) is one chunk. */
export function topLevelChunks(module: ModuleParts, source: string): Chunk[] {
  return module.parts.flatMap((part) => {
    const statements = new PartStatements(part.root);
    return chunksOfParts
      .get(part, source.slice(part.start, part.end), () => cutPart(part, source))
      .map(
        (relative) => new PartChunk(part.start + relative.start, part.start + relative.end, relative.key, statements),
      );
  });
}

/** A part's top-level nodes, asked of tree-sitter only when a chunk of it is analysed again. */
class PartStatements {
  private nodes: readonly Node[] | undefined;

  constructor(private readonly root: Node) {}

  get all(): readonly Node[] {
    this.nodes ??= topLevelNodes(this.root);
    return this.nodes;
  }
}

class PartChunk implements Chunk {
  private nodesCache: readonly Node[] | undefined;

  constructor(
    readonly start: number,
    readonly end: number,
    readonly key: string,
    private readonly statements: PartStatements,
  ) {}

  get nodes(): readonly Node[] {
    if (!this.nodesCache) {
      const all = this.statements.all;
      const nodes: Node[] = [];
      // In document order: a node's end is a call into WASM, read only for those that start inside the chunk.
      for (
        let index = firstNodeStartingAfter(all, this.start - 1);
        index < all.length && all[index]!.startIndex <= this.end;
        index++
      ) {
        if (all[index]!.endIndex <= this.end) nodes.push(all[index]!);
      }
      this.nodesCache = nodes;
    }
    return this.nodesCache;
  }
}

function cutPart(part: ModulePart, source: string): PartChunks {
  const built: Building[] = [];
  const { root } = part;
  if (root.type === 'module') chunkStatements(root, built);
  else built.push({ start: root.startIndex, end: root.endIndex, endRow: root.endPosition.row, nodes: [root] });
  // One call into WASM tells whether any chunk of the part needs the shape of its tree in its key.
  const broken = root.hasError;
  return built.map((chunk) => ({
    start: chunk.start - part.start,
    end: chunk.end - part.start,
    key: keyOf(source, chunk.start, chunk.end) + (broken ? brokenShape(chunk.nodes) : ''),
  }));
}

/**
 * For a chunk with a syntax error, a hash of its tree: tree-sitter recovers
 * from an error by weighing the text around it, so the same broken text can
 * parse otherwise after an edit elsewhere, and then its findings differ. Digits
 * only, so that the key spells no more words. Empty for a chunk without errors.
 */
function brokenShape(nodes: readonly Node[]): string {
  if (!nodes.some((node) => node.hasError)) return '';
  let hash = 0x811c9dc5;
  for (const node of nodes) {
    const shape = node.toString();
    for (let i = 0; i < shape.length; i++) hash = Math.imul(hash ^ shape.charCodeAt(i), 0x01000193);
  }
  return `\u0000${hash >>> 0}`;
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
    built.push({
      start: pendingComments[0]!.startIndex,
      end: last.endIndex,
      endRow: last.endPosition.row,
      nodes: pendingComments,
    });
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
