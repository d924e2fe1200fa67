// Strings kept across edits must not hold on to the document's text. V8 makes
// a substring of 13 characters or more a view into the string it was cut
// from (a sliced string), and a concatenation a pair of pointers to its parts,
// so a name read from the tree (tree-sitter's text is a slice of the source)
// would keep that version of the whole document alive. Shorter strings are
// always copies (V8's SlicedString and ConsString kMinLength).
const SHORTEST_VIEW = 13;

/** `text`, or a copy of it that refers to no other string. */
export function ownedString(text: string): string {
  return text.length < SHORTEST_VIEW ? text : structuredClone(text);
}

/** `names`, each owned (ownedString): the same set when none is long enough to be a view. */
export function ownedNames(names: ReadonlySet<string>): ReadonlySet<string> {
  for (const name of names) if (name.length >= SHORTEST_VIEW) return new Set([...names].map(ownedString));
  return names;
}
