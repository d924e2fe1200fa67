// Binary search over items kept in the order of where they start: regions,
// module parts, notebook cells, scopes, tokens.

interface Starting {
  readonly start: number;
}

/** The index of the first item that starts after `offset`; the length when none does. */
export function firstStartingAfter(items: readonly Starting[], offset: number): number {
  return firstAfter(items.length, (index) => items[index]!.start, offset);
}

/** The same for tree nodes in document order, by where they start. */
export function firstNodeStartingAfter(nodes: readonly { readonly startIndex: number }[], offset: number): number {
  return firstAfter(nodes.length, (index) => nodes[index]!.startIndex, offset);
}

/** The index of the first of `count` items, in the order of where they start (`startOf`), that starts after `offset`; `count` when none does. */
function firstAfter(count: number, startOf: (index: number) => number, offset: number): number {
  let low = 0;
  let high = count;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (startOf(mid) <= offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The index of the item that holds [start, end): the last starting at or before `start`, when it ends at or after `end`; -1 otherwise. */
export function indexHolding(
  items: readonly { readonly start: number; readonly end: number }[],
  start: number,
  end: number,
): number {
  const index = firstStartingAfter(items, start) - 1;
  const item = items[index];
  return item && end <= item.end ? index : -1;
}

/** The index of the last item that starts at or before `offset`; 0 when none does. */
export function lastStartingAtOrBefore(items: readonly Starting[], offset: number): number {
  return Math.max(0, firstStartingAfter(items, offset) - 1);
}
