// The same code written another way: line ends, a byte order mark, tabs,
// astral characters above it and before the code a fix edits. A variant is a
// function of the text (so that the variant of a fixed text is known without
// the server), except the string literals put before statements, which are
// placed once on the plain text and carried through its edits.

/** An edit in UTF-16 offsets of the text it applies to. */
export interface OffsetEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** Applies edits that all refer to `text`; among edits at the same offset, the one listed first goes first. */
export function applyOffsetEdits(text: string, edits: readonly OffsetEdit[]): string {
  const sorted = edits
    .map((edit, order) => ({ ...edit, order }))
    .sort((a, b) => a.start - b.start || a.order - b.order);
  let result = '';
  let copied = 0;
  for (const edit of sorted) {
    if (edit.start < copied || edit.end < edit.start || edit.end > text.length)
      throw new Error(`edit ${JSON.stringify(edit)} overlaps another or lies outside a text of ${text.length}`);
    result += text.slice(copied, edit.start) + edit.text;
    copied = edit.end;
  }
  return result + text.slice(copied);
}

/** Emoji, a letter outside the BMP, CJK, a combining accent and a ZWJ sequence: each counts differently in UTF-16, code points and bytes. */
const ASTRAL = '😀 𝔘 合計 e\u0301 🧑\u200d💻';
const ASTRAL_COMMENT = `# ${ASTRAL}`;
/** The value of the string literal put before statements. */
export const ASTRAL_VALUE = ASTRAL.replace(/ /g, '');
/** What is put before a simple statement on the line of a fix: an expression statement of a string, which does nothing. */
const ASTRAL_PREFIX = `"${ASTRAL_VALUE}"; `;

export interface Variant {
  readonly name: string;
  readonly lineEnd: '\n' | '\r\n' | '\r';
  readonly bom?: boolean;
  /** Each four spaces of indentation as a tab. */
  readonly tabs?: boolean;
  /** A comment line of astral characters above the code (above each cell's in a notebook). */
  readonly astralComment?: boolean;
  /** ASTRAL_PREFIX before each simple statement that starts the line of a fix's edit. */
  readonly astralBeforeFixes?: boolean;
  /** Checked as a file, as notebook cells (where a byte order mark has no place), or both. */
  readonly file: boolean;
  readonly notebook: boolean;
  /** Also written by `memhints check --fix` (the other file variants differ from these in nothing it writes). */
  readonly fixedWhole?: boolean;
}

/** The code as written: the reference, and a variant of its own as notebook cells and over LSP. */
export const AS_WRITTEN: Variant = { name: 'as written', lineEnd: '\n', file: false, notebook: true };

export const VARIANTS: readonly Variant[] = [
  { name: 'CRLF', lineEnd: '\r\n', file: true, notebook: true, fixedWhole: true },
  { name: 'lone CR', lineEnd: '\r', file: true, notebook: true, fixedWhole: true },
  { name: 'BOM', lineEnd: '\n', bom: true, file: true, notebook: false, fixedWhole: true },
  { name: 'tabs', lineEnd: '\n', tabs: true, file: true, notebook: false },
  { name: 'astral comment', lineEnd: '\n', astralComment: true, file: true, notebook: false },
  { name: 'astral before the fix', lineEnd: '\n', astralBeforeFixes: true, file: true, notebook: false },
  {
    name: 'all at once',
    lineEnd: '\r\n',
    bom: true,
    tabs: true,
    astralComment: true,
    astralBeforeFixes: true,
    file: true,
    notebook: false,
    fixedWhole: true,
  },
  {
    name: 'astral and CRLF',
    lineEnd: '\r\n',
    astralComment: true,
    astralBeforeFixes: true,
    file: false,
    notebook: true,
  },
];

/** The variant's function of an LF text (the prefixes placed already). */
export function rewrite(variant: Variant, text: string): string {
  let result = text;
  if (variant.tabs) result = result.replace(/^(?: {4})+/gm, (spaces) => '\t'.repeat(spaces.length / 4));
  if (variant.astralComment) result = `${ASTRAL_COMMENT}\n${result}`;
  if (variant.lineEnd !== '\n') result = result.replace(/\n/g, variant.lineEnd);
  if (variant.bom) result = `\ufeff${result}`;
  return result;
}

/** The number of ASTRAL_PREFIX in a text, and the text without them. */
export function withoutPrefixes(text: string): { text: string; count: number } {
  const parts = text.split(ASTRAL_PREFIX);
  return { text: parts.join(''), count: parts.length - 1 };
}

/** Private-use characters marking offsets: no line end, no blank, in no fixture. */
const MARKERS = ['\ue000', '\ue001'];

/** A text of one variant, with what its fixed texts and positions are expected to be. */
export class VariantText {
  readonly text: string;

  /** `plain`: the LF text as written; `prefixAt`: offsets of it where ASTRAL_PREFIX goes (for astralBeforeFixes). */
  constructor(
    readonly variant: Variant,
    private readonly plain: string,
    private readonly prefixAt: readonly number[],
  ) {
    this.text = this.after([]);
  }

  get prefixes(): number {
    return this.prefixAt.length;
  }

  /** The 1-based line of an offset of the plain text, for messages. */
  plainLine(offset: number): number {
    return this.plain.slice(0, offset).split('\n').length;
  }

  /** Whether ASTRAL_PREFIX goes earlier on the line of this offset of the plain text. */
  prefixedBefore(offset: number): boolean {
    return this.prefixAt.some((at) => at <= offset && !this.plain.slice(at, offset).includes('\n'));
  }

  /** The variant of the plain text after `edits` (offsets of the plain text). */
  after(edits: readonly OffsetEdit[]): string {
    const prefixes = this.prefixAt.map((at) => ({ start: at, end: at, text: ASTRAL_PREFIX }));
    return rewrite(this.variant, applyOffsetEdits(this.plain, [...prefixes, ...edits]));
  }

  /** Where offsets of the plain text are in the variant text (a prefix at an offset comes before it). */
  offsetsOf(offsets: readonly number[]): number[] {
    if (offsets.length > MARKERS.length) throw new Error('too many offsets at once');
    const marked = this.after(offsets.map((offset, index) => ({ start: offset, end: offset, text: MARKERS[index]! })));
    return offsets.map((_, index) => {
      let at = marked.indexOf(MARKERS[index]!);
      for (const other of MARKERS.slice(0, offsets.length)) if (marked.indexOf(other) < at) at--;
      return at;
    });
  }
}
