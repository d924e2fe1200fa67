// What the findings of one part of a document read from the rest of it. The
// language server reuses a chunk's findings (a top-level statement, or a
// class's header or body statement) after an edit elsewhere only when nothing
// it read there can have changed. Reads are recorded as names whose
// module-level bindings were looked up (only module-level code, not function
// or class bodies, can change those), names looked up in a class body's scope,
// names whose every spelling was read, names of classes whose bodies were
// read, the other chunks of the chunk's own class, or the whole document.

import { firstStartingAfter } from '../document/sortedSearch';
import { ownedString } from '../text/ownedStrings';

/** Identifiers as a word scan of the text finds them; a name of another shape is recorded as the whole document. */
const WORD = /[\p{ID_Start}_][\p{ID_Continue}]*/gu;
const WHOLE_WORD = /^[\p{ID_Start}_][\p{ID_Continue}]*$/u;

/** Where the chunk being analysed lies, and the class it is a part of, if any. */
export interface ChunkPlace {
  readonly start: number;
  readonly end: number;
  readonly inClass?: {
    readonly role: 'header' | 'member';
    /** The class statement, decorators included. */
    readonly start: number;
    readonly end: number;
    /** A member's code before this offset may run in the class body's scope. */
    readonly classScopeEnd: number;
  };
  /** The classes of the document cut into chunks, in document order. */
  readonly cutClasses: readonly { readonly start: number; readonly end: number }[];
}

export class Dependencies {
  /** Names looked up at module level (or found to be builtins). */
  readonly bindings = new Set<string>();
  /** Names whose every spelling in the document was read. */
  readonly spellings = new Set<string>();
  /** Names looked up from code that runs in the body of a class cut into chunks: what its statements bind there. */
  readonly classBindings = new Set<string>();
  /** Names of classes whose bodies were read: an edit inside one of their methods changes no binding, but their bodies. */
  readonly definitions = new Set<string>();
  /** What the other chunks of the chunk's own class hold (its header, its other statements). */
  enclosingClass = false;
  wholeDocument = false;

  constructor(private readonly place?: ChunkPlace) {}

  readsBindingsOf(name: string): void {
    this.note(this.bindings, name);
  }

  readsSpellingsOf(name: string): void {
    this.note(this.spellings, name);
  }

  readsWholeDocument(): void {
    this.wholeDocument = true;
  }

  readsClassBindingsOf(name: string): void {
    this.note(this.classBindings, name);
  }

  /** Adds `name` to `names`, copied: the sets are kept across edits (ownedStrings.ts). A name of another shape reads the whole document. */
  private note(names: Set<string>, name: string): void {
    if (names.has(name)) return;
    if (WHOLE_WORD.test(name)) names.add(ownedString(name));
    else this.wholeDocument = true;
  }

  /**
   * The findings read the body of the class statement at [start, end), named
   * `name` (undefined when it has none): nothing outside the chunk when it
   * holds the class, its own class's other chunks when it is one of them;
   * else whatever defines the name, or spells it (a class inside a function).
   */
  readsMembersOf(start: number, end: number, name: string | undefined): void {
    const place = this.place;
    if (place && place.start <= start && end <= place.end) return;
    if (place?.inClass && place.inClass.start <= start && end <= place.inClass.end) {
      this.enclosingClass = true;
      return;
    }
    if (name === undefined || !WHOLE_WORD.test(name)) {
      this.wholeDocument = true;
      return;
    }
    this.note(this.definitions, name);
    this.note(this.spellings, name);
  }

  /**
   * Whether code at `offset` may run in the scope of the body of a class cut
   * into chunks, where a name can be bound by any statement of the body:
   * 'maybe' for code of another chunk of such a class, which the scopes tell.
   */
  mayRunInClassScope(offset: number): 'yes' | 'no' | 'maybe' {
    const place = this.place;
    if (!place) return 'no';
    if (place.start <= offset && offset < place.end)
      return place.inClass?.role === 'member' && offset < place.inClass.classScopeEnd ? 'yes' : 'no';
    const holder = place.cutClasses[firstStartingAfter(place.cutClasses, offset) - 1];
    return holder !== undefined && offset < holder.end ? 'maybe' : 'no';
  }
}

/** Every identifier-shaped word of a text, strings and comments included (more is only less reuse). */
export function wordsOf(text: string): ReadonlySet<string> {
  return new Set(text.match(WORD) ?? []);
}
