// Dotted names (`pandas.read_csv`) read as text.

/** The last part of a dotted name: `read_csv` of `pandas.read_csv`. */
export function lastPart(dotted: string): string {
  return dotted.slice(dotted.lastIndexOf('.') + 1);
}
