// The classes cut into chunks, as an analysis's chunk list holds them: a
// header, then the statements of its body. A chunk whose findings read the
// rest of its class (Dependencies.enclosingClass) keeps them while every chunk
// of the class is kept from the last analysis, in order and laid out as before.
import type { Matching } from './retiredChunks';
import type { Chunk } from './topLevelChunks';

export class ChunkGroups {
  static readonly NONE = new ChunkGroups([]);

  /** By chunk: the index of its class's header; -1 for a chunk of no class cut into chunks. */
  private readonly header: Int32Array;
  /** By chunk: the index of the last chunk of its class (itself for a top-level statement). */
  private readonly last: Int32Array;
  /** By chunk: where it starts. */
  private readonly starts: readonly number[];
  /** The classes cut into chunks, in document order. */
  readonly cutClasses: readonly { readonly start: number; readonly end: number }[];

  constructor(chunks: readonly Chunk[]) {
    this.header = new Int32Array(chunks.length).fill(-1);
    this.last = new Int32Array(chunks.length);
    this.starts = chunks.map((chunk) => chunk.start);
    const cutClasses: { start: number; end: number }[] = [];
    let header = -1;
    chunks.forEach((chunk, index) => {
      const role = chunk.inClass?.role;
      if (role === 'header') {
        header = index;
        cutClasses.push({ start: chunk.inClass!.start, end: chunk.inClass!.end });
      } else if (role !== 'member') header = -1;
      this.header[index] = header;
    });
    for (let index = chunks.length - 1; index >= 0; index--) {
      const sameClass =
        index + 1 < chunks.length && this.header[index] !== -1 && this.header[index + 1] === this.header[index];
      this.last[index] = sameClass ? this.last[index + 1]! : index;
    }
    this.cutClasses = cutClasses;
  }

  /**
   * By chunk: whether its class is as it was in the analysis `previous`, whose
   * chunks `kept` matches with these (chunkMatching.ts): the same chunks of one
   * class there, each kept, in order, at the same distances from its header.
   * True for a chunk of no class cut into chunks.
   */
  unchangedSince(previous: ChunkGroups, kept: Matching): Uint8Array {
    const unchanged = new Uint8Array(this.header.length).fill(1);
    for (let first = 0; first < this.header.length; first = this.last[first]! + 1) {
      if (this.header[first] !== first) continue;
      if (!this.keptWhole(previous, kept, first)) unchanged.fill(0, first, this.last[first]! + 1);
    }
    return unchanged;
  }

  private keptWhole(previous: ChunkGroups, kept: Matching, first: number): boolean {
    const from = kept[first];
    const last = this.last[first]!;
    if (from === undefined || previous.header[from] !== from || previous.last[from] !== from + (last - first))
      return false;
    for (let index = first; index <= last; index++) {
      const old = from + (index - first);
      if (kept[index] !== old) return false;
      if (this.starts[index]! - this.starts[first]! !== previous.starts[old]! - previous.starts[from]!) return false;
    }
    return true;
  }
}
