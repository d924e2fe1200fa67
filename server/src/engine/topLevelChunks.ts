// A module cut into chunks, the unit whose findings the language server reuses
// after an edit elsewhere: its top-level statements, and a top-level class cut
// further into its header and the statements of its body (classChunks.ts).
// Comments go with the statement below them (rules read the comments right
// above a statement), or with the statement whose last line they end (a
// trailing `# noqa`).
import type { Node } from 'web-tree-sitter';
import { firstNodeStartingAfter } from '../document/sortedSearch';
import { commentRunStart, lineStartBefore } from '../text/commentLines';
import { topLevelNodes, type ModulePart, type ModuleParts } from '../document/moduleParts';
import { PartCache } from '../document/partCache';
import { definitionBody, definitionOf } from '../semantics/syntax';
import { chunkStatements, cutClass, type Building } from './classChunks';

/** Where a chunk of a class cut into chunks stands in it. */
interface ClassPlace {
  /** The header (decorators, `class` line, comments above), or a statement of the body. */
  readonly role: 'header' | 'member';
  readonly name: string;
  /** The class statement, decorators included. */
  readonly start: number;
  readonly end: number;
}

export interface Chunk {
  readonly start: number;
  readonly end: number;
  /** The nodes it is made of, in document order: a header's class statement runs on past its end. */
  readonly nodes: readonly Node[];
  /**
   * Everything its findings can read of the text without asking the facts:
   * its own text, the rest of its first and last lines, where on its line it
   * starts, and the comment-only lines right above it; for a member of a
   * class, its class's header too. Equal keys mean equal findings when
   * nothing else they read changed.
   */
  readonly key: string;
  /** How much of the key its own text makes: what its words are read from. */
  readonly ownKeyLength: number;
  /** For a chunk of a class cut into chunks: where it stands in it. */
  readonly inClass: ClassPlace | undefined;
}

/**
 * The chunk's text that may bind names at module level: a statement's text
 * without the body of the function or class it defines (decorators, name,
 * defaults, bases), a class header's text; none of a member's.
 */
export function moduleLevelText(chunk: Chunk, source: string): string {
  if (chunk.inClass?.role === 'member') return '';
  if (chunk.inClass?.role === 'header') return `\n${source.slice(chunk.start, chunk.end)}`;
  const statement = [...chunk.nodes].reverse().find((node) => node.type !== 'comment');
  const body = statement ? definitionBody(statement) : null;
  // Built by concatenation, never a bare slice: V8 keeps a slice's whole source alive.
  if (!body) return `\n${source.slice(chunk.start, chunk.end)}`;
  return `${source.slice(chunk.start, body.startIndex)}\n${source.slice(body.endIndex, chunk.end)}`;
}

/** A part's chunks as cut, at offsets from the part's start. */
interface CutChunk {
  readonly start: number;
  readonly end: number;
  readonly key: string;
  readonly ownKeyLength: number;
  readonly inClass?: ClassPlace;
}

type PartChunks = readonly CutChunk[];

const chunksOfParts = new PartCache<PartChunks>(ownedCuts);

/**
 * The chunks as cut, their strings copied (see PartCache): in one
 * structuredClone of the strings alone, which costs a small part of one of
 * the objects that hold them (hundreds in a module whose classes are cut).
 */
function ownedCuts(cuts: PartChunks): PartChunks {
  const strings = structuredClone(cuts.flatMap((cut) => (cut.inClass ? [cut.key, cut.inClass.name] : [cut.key])));
  let next = 0;
  return cuts.map((cut) => {
    const key = strings[next++]!;
    return cut.inClass ? { ...cut, key, inClass: { ...cut.inClass, name: strings[next++]! } } : { ...cut, key };
  });
}

/** The chunks of every part, in order; a part whose root is an ERROR node (broken code) is one chunk. */
export function topLevelChunks(module: ModuleParts, source: string): Chunk[] {
  return module.parts.flatMap((part) => {
    const statements = new PartStatements(part.root);
    return chunksOfParts
      .get(part, source.slice(part.start, part.end), () => cutPart(part, source))
      .map((cut) => new PartChunk(cut, part.start, statements));
  });
}

/** A part's top-level nodes, and the body statements of its classes, asked of tree-sitter only when a chunk of it is analysed again. */
class PartStatements {
  private nodes: readonly Node[] | undefined;
  /** By class start: its body's statements. */
  private readonly bodies = new Map<number, readonly Node[]>();

  constructor(private readonly root: Node) {}

  get all(): readonly Node[] {
    this.nodes ??= topLevelNodes(this.root);
    return this.nodes;
  }

  /** The statements and comments of the body of the top-level class that starts at `start`. */
  bodyOf(start: number): readonly Node[] {
    let body = this.bodies.get(start);
    if (!body) {
      const statement = this.all[firstNodeStartingAfter(this.all, start) - 1];
      const block = statement ? definitionBody(statement) : null;
      body = block?.namedChildren.filter((node): node is Node => node !== null) ?? [];
      this.bodies.set(start, body);
    }
    return body;
  }
}

class PartChunk implements Chunk {
  private nodesCache: readonly Node[] | undefined;
  readonly start: number;
  readonly end: number;
  readonly key: string;
  readonly ownKeyLength: number;
  readonly inClass: ClassPlace | undefined;

  constructor(
    cut: CutChunk,
    offset: number,
    private readonly statements: PartStatements,
  ) {
    this.start = offset + cut.start;
    this.end = offset + cut.end;
    this.key = cut.key;
    this.ownKeyLength = cut.ownKeyLength;
    this.inClass = cut.inClass && { ...cut.inClass, start: offset + cut.inClass.start, end: offset + cut.inClass.end };
  }

  get nodes(): readonly Node[] {
    if (!this.nodesCache) {
      // A header holds its class statement, which runs on past it.
      const nodes = this.nodesWithin(this.statements.all, this.inClass?.role === 'header');
      this.nodesCache =
        this.inClass?.role === 'member'
          ? [...this.nodesWithin(this.statements.bodyOf(this.inClass.start), false), ...nodes]
          : nodes;
    }
    return this.nodesCache;
  }

  /** Of `all` (in document order), those inside the chunk; with `runningOn`, those that start inside it. */
  private nodesWithin(all: readonly Node[], runningOn: boolean): Node[] {
    const nodes: Node[] = [];
    // In document order: a node's end is a call into WASM, read only for those that start inside the chunk.
    for (
      let index = firstNodeStartingAfter(all, this.start - 1);
      index < all.length && all[index]!.startIndex <= this.end;
      index++
    ) {
      const node = all[index]!;
      if (runningOn || node.endIndex <= this.end) nodes.push(node);
    }
    return nodes;
  }
}

function cutPart(part: ModulePart, source: string): PartChunks {
  const built: Building[] = [];
  const { root } = part;
  if (root.type === 'module') chunkStatements(topLevelNodes(root), built);
  else built.push({ start: root.startIndex, end: root.endIndex, endRow: root.endPosition.row, nodes: [root] });
  // One call into WASM tells whether any chunk of the part needs the shape of its tree in its key.
  const broken = root.hasError;
  const relative = (offset: number) => offset - part.start;
  return built.flatMap((chunk): CutChunk[] => {
    const statement = [...chunk.nodes].reverse().find((node) => node.type !== 'comment');
    const cut = root.type === 'module' && statement && definitionOf(statement) ? cutClass(chunk, statement) : undefined;
    const shape = (nodes: readonly Node[]) => (broken ? brokenShape(nodes) : '');
    if (!cut) {
      const key = keyOf(source, chunk.start, chunk.end) + shape(chunk.nodes);
      return [{ start: relative(chunk.start), end: relative(chunk.end), key, ownKeyLength: key.length }];
    }
    const place = (role: ClassPlace['role']): ClassPlace => ({
      role,
      name: cut.name,
      start: relative(cut.start),
      end: relative(cut.end),
    });
    const headerKey =
      keyOf(source, cut.header.start, cut.header.end) + shape([...cut.commentsAbove, ...cut.statementHeader]);
    // What a member's findings may read of its class: its statement up to the body and where it starts on its
    // line, not the comments above it, which a region cut at a syntax error can part from it.
    const classHeader = `${cut.start - lineStartBefore(source, cut.start)}\u0000${source.slice(cut.start, cut.header.end)}${shape(cut.statementHeader)}`;
    return [
      {
        start: relative(cut.header.start),
        end: relative(cut.header.end),
        key: headerKey,
        ownKeyLength: headerKey.length,
        inClass: place('header'),
      },
      ...cut.members.map((member) => {
        const own = keyOf(source, member.start, member.end) + shape(member.nodes);
        return {
          start: relative(member.start),
          end: relative(member.end),
          // Its class's header: what its findings read of the class it stands in, as tree-sitter reads its text.
          key: `${own}\u0000${classHeader}`,
          ownKeyLength: own.length,
          inClass: place('member'),
        };
      }),
    ];
  });
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

function keyOf(source: string, start: number, end: number): string {
  const lineStart = lineStartBefore(source, start);
  let lineEnd = end;
  while (lineEnd < source.length && source[lineEnd] !== '\n' && source[lineEnd] !== '\r') lineEnd++;
  // Where the chunk starts on its line too: broken code can start one statement mid-line.
  return `${source.slice(commentRunStart(source, lineStart), lineStart)}\u0000${start - lineStart}\u0000${source.slice(lineStart, lineEnd)}`;
}
