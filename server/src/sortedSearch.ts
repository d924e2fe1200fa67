// Binary search over items kept in the order of where they start: regions,
// module parts, notebook cells, scopes.

interface Starting {
  readonly start: number;
}

/** The index of the first item that starts after `offset`; the length when none does. */
export function firstStartingAfter(items: readonly Starting[], offset: number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (items[mid]!.start <= offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The index of the last item that starts at or before `offset`; 0 when none does. */
export function lastStartingAtOrBefore(items: readonly Starting[], offset: number): number {
  return Math.max(0, firstStartingAfter(items, offset) - 1);
}
