// Binary search over items kept in the order of where they start: regions,
// module parts, notebook cells.

/** The index of the last item that starts at or before `offset`; 0 when none does. */
export function lastStartingAtOrBefore<T>(items: readonly T[], offset: number, startOf: (item: T) => number): number {
  let low = 0;
  let high = items.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (startOf(items[mid]!) <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}
