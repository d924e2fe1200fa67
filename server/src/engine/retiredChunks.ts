// Results of chunks that the last edit took away, kept for one more edit: an
// edit undone, or a broken statement mended (which gives back the statements
// its error had swallowed), brings the same chunks back. A result comes back
// only to the place it left, between the same unchanged chunks, so that every
// chunk present all along is on the same side of it as when it was found.

/** Chunk matching of one analysis: for each of its chunks, the index of the previous result it kept (chunkMatching.ts). */
export type Matching = readonly (number | undefined)[];

interface Retiree<R> {
  readonly result: R;
  /** The indices, among the chunks of the analysis that retired it, of the kept chunks right before and after the place it left (-1 and the chunk count when none). */
  readonly before: number;
  readonly after: number;
}

export class RetiredChunks<R extends { readonly key: string }> {
  private readonly byKey = new Map<string, Retiree<R>>();
  /** By chunk index of the analysis that retired them: whether that chunk was kept from the one before. */
  private readonly wasKept: Uint8Array;

  /** The results of `previous` that `matching` (an analysis of `count` chunks) did not keep. */
  constructor(previous: readonly R[], matching: Matching, count: number) {
    this.wasKept = new Uint8Array(count);
    // Kept chunks keep their order: the previous indices they kept rise with their own.
    const keptAt: number[] = [];
    const keptFrom: number[] = [];
    matching.forEach((from, index) => {
      if (from === undefined) return;
      this.wasKept[index] = 1;
      keptAt.push(index);
      keptFrom.push(from);
    });
    let next = 0;
    previous.forEach((result, index) => {
      while (next < keptFrom.length && keptFrom[next]! < index) next++;
      if (keptFrom[next] === index) return;
      // Of two results with one key, the first: the other is analysed again.
      if (this.byKey.has(result.key)) return;
      this.byKey.set(result.key, {
        result,
        before: next > 0 ? keptAt[next - 1]! : -1,
        after: next < keptAt.length ? keptAt[next]! : count,
      });
    });
  }

  /**
   * The retired result for the chunk at `index` of a later analysis, whose chunk
   * matching against the retiring one is `matching`, if it left from the same
   * place: the nearest chunks around it kept through both edits are the ones it
   * stood between. Taken once.
   */
  take(key: string, index: number, matching: Matching): R | undefined {
    const retiree = this.byKey.get(key);
    if (
      !retiree ||
      this.nearestKept(matching, index, -1) !== retiree.before ||
      this.nearestKept(matching, index, 1) !== retiree.after
    )
      return undefined;
    this.byKey.delete(key);
    return retiree.result;
  }

  /** In the retiring analysis's indices: the nearest chunk from `index` in `direction` that both edits kept; -1 or the chunk count for none. */
  private nearestKept(matching: Matching, index: number, direction: -1 | 1): number {
    for (let at = index + direction; at >= 0 && at < matching.length; at += direction) {
      const from = matching[at];
      if (from !== undefined && this.wasKept[from] === 1) return from;
    }
    return direction < 0 ? -1 : this.wasKept.length;
  }
}
