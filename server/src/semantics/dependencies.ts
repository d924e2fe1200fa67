// What the findings of one part of a document read from the rest of it. The
// language server reuses a top-level statement's findings after an edit
// elsewhere only when nothing it read there can have changed. Reads are
// recorded as names whose module-level bindings were looked up (only
// module-level code, not function or class bodies, can change those), names
// whose every spelling was read, or the whole document.

/** Identifiers as a word scan of the text finds them; a name of another shape is recorded as the whole document. */
const WORD = /[\p{ID_Start}_][\p{ID_Continue}]*/gu;
const WHOLE_WORD = /^[\p{ID_Start}_][\p{ID_Continue}]*$/u;

export class Dependencies {
  /** Names looked up at module level (or found to be builtins). */
  readonly bindings = new Set<string>();
  /** Names whose every spelling in the document was read. */
  readonly spellings = new Set<string>();
  wholeDocument = false;

  readsBindingsOf(name: string): void {
    if (WHOLE_WORD.test(name)) this.bindings.add(name);
    else this.wholeDocument = true;
  }

  readsSpellingsOf(name: string): void {
    if (WHOLE_WORD.test(name)) this.spellings.add(name);
    else this.wholeDocument = true;
  }

  readsWholeDocument(): void {
    this.wholeDocument = true;
  }
}

/** Every identifier-shaped word of a text, strings and comments included (more is only less reuse). */
export function wordsOf(text: string): ReadonlySet<string> {
  return new Set(text.match(WORD) ?? []);
}
