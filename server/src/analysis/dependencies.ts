// What the findings of one part of a document read from the rest of it. The
// language server reuses a top-level statement's findings after an edit
// elsewhere only when nothing it read there can have changed: reads are
// recorded as names (every place the document spells them counts) or as the
// whole document.

/** Identifiers as a word scan of the text finds them; a name of another shape is recorded as the whole document. */
const WORD = /[\p{ID_Start}_][\p{ID_Continue}]*/gu;
const WHOLE_WORD = /^[\p{ID_Start}_][\p{ID_Continue}]*$/u;

export class Dependencies {
  readonly names = new Set<string>();
  wholeDocument = false;

  readsName(name: string): void {
    if (WHOLE_WORD.test(name)) this.names.add(name);
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
