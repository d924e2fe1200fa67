// Orders strings by their UTF-16 code units. localeCompare would give rule codes
// ("MEM101") the same order, but its first call loads ICU's collator: 10-20 ms of a
// command-line run that checks one file.

/** Negative, zero or positive, as a sort comparator wants; no locale involved. */
export function compareOrdinal(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
