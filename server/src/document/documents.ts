// Open documents: their text and up-to-date tree-sitter trees, one per region
// of the text (regions/). Edits are applied to the old trees (tree.edit), so
// that only the region an edit falls in is parsed again, incrementally.
//
// Trees are kept for the documents used last (TREE_DOCUMENTS of them), as
// rust-analyzer keeps its parse trees: with hundreds of files open, the others'
// trees would hold most of the server's memory for documents nobody is editing.
// A document whose trees were let go is parsed again when it is next used.
//
// A change can leave the parse to when the document is next used: while more
// changes to it are on their way, each edits the trees (tree-sitter takes any
// number of edits before one reparse) and the last one's use parses once.
//
// Every parse here keeps a deadline (the parse budget, or a tighter one the
// caller gives with withDeadline). A document whose parse runs past it is not
// parsed here again: it is *over budget*, its module empty, its text kept up
// to date, and the server has it checked elsewhere (lsp/analysisThread.ts).
import { LRUCache } from 'lru-cache';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { Parser } from 'web-tree-sitter';
import { deadlineIn, ParseOutOfTime, type Deadline } from './deadline';
import { ModuleParts } from './moduleParts';
import { DEFAULT_MAX_FILE_SIZE, cannotCheck, whyNotParsed, type Skip } from './limits';
import { Edit, parse, renewPythonParser, type Tree } from './parser';
import { pointAfterInsert } from './positions';
import { RegionTrees } from './regionTrees';

/** Documents whose trees are kept. Parsing one again costs about as much as opening it. */
export const TREE_DOCUMENTS = 64;

export interface OpenDocument {
  readonly text: TextDocument;
  /** The parsed text, a tree per region; an empty module when the document is skipped. */
  readonly module: ModuleParts;
  /** Why the document is not checked (too large, nested too deep), if it is not. */
  readonly skipped?: Skip | undefined;
  /** Its parse ran past the deadline: it is not parsed here, and its module is empty. */
  readonly overBudget?: boolean;
}

/** What parsing a document's text gave. */
interface Parsed {
  readonly module: ModuleParts;
  /** The regions' trees, or the one tree of an empty module for a skipped document. */
  readonly trees: RegionTrees | Tree;
  readonly skipped?: Skip;
  readonly overBudget?: true;
}

/** An open document, parsed when it is used if its last change left the parse, or its trees were let go. */
class Document implements OpenDocument {
  constructor(
    readonly text: TextDocument,
    private readonly parsed: () => Parsed,
  ) {}

  get module(): ModuleParts {
    return this.parsed().module;
  }

  get skipped(): Skip | undefined {
    return this.parsed().skipped;
  }

  get overBudget(): boolean {
    return this.parsed().overBudget === true;
  }
}

export class OpenDocuments {
  private readonly open = new Map<string, Document>();
  /**
   * The trees of the documents used last. Only an eviction deletes trees here: a
   * document's own methods take its trees out to edit them, or to delete them.
   */
  private readonly parsed = new LRUCache<string, Parsed>({
    max: TREE_DOCUMENTS,
    dispose: (parsed, _uri, reason) => {
      if (reason === 'evict') parsed.trees.delete();
    },
  });
  /** Documents changed and not parsed since, with their trees edited to match (none when there were none to reuse). */
  private readonly unparsed = new Map<string, RegionTrees | undefined>();
  /** Documents whose parse ran past its deadline: not parsed here again until they are opened again. */
  private readonly overBudget = new Set<string>();
  /** The deadline withDeadline gives the parses it runs. */
  private deadline: Deadline | undefined;

  /** `parseBudgetMs`: how long one parse may take (0: no limit). */
  constructor(
    private parser: Parser,
    private maxFileSize = DEFAULT_MAX_FILE_SIZE,
    private parseBudgetMs = 0,
  ) {}

  setParseBudget(ms: number): void {
    this.parseBudgetMs = ms;
  }

  /** Runs `work`, whose parses keep `deadline` (the whole work's, when it also analyses) rather than a budget of their own. */
  withDeadline<T>(deadline: Deadline, work: () => T): T {
    const outer = this.deadline;
    this.deadline = deadline;
    try {
      return work();
    } finally {
      this.deadline = outer;
    }
  }

  /** Changes the size limit; documents whose reason to be skipped changes with it are parsed again. */
  setMaxFileSize(maxFileSize: number): void {
    if (maxFileSize === this.maxFileSize) return;
    this.maxFileSize = maxFileSize;
    for (const [uri, document] of this.open) {
      if (whyNotParsed(document.text.getText(), maxFileSize)?.reason === document.skipped?.reason) continue;
      this.forget(uri);
      this.keep(uri, document.text, this.parse(uri, document.text));
    }
  }

  get(uri: string): OpenDocument | undefined {
    return this.open.get(uri);
  }

  /** The regions of an open document that is checked, for tests and the benchmark; undefined while its trees are let go. */
  regionsOf(uri: string): RegionTrees | undefined {
    const trees = this.parsed.peek(uri)?.trees;
    return trees instanceof RegionTrees ? trees : undefined;
  }

  /** `parse` false leaves the parse to when the document is first used. */
  opened(uri: string, languageId: string, version: number, content: string, parse = true): OpenDocument {
    this.closed(uri);
    const text = TextDocument.create(uri, languageId, version, content);
    this.unparsed.set(uri, undefined);
    const document = this.replace(uri, text);
    if (parse) void document.module;
    return document;
  }

  /** `parse` false leaves the parse to when the document is next used (more changes are on their way). */
  changed(
    uri: string,
    version: number,
    changes: readonly TextDocumentContentChangeEvent[],
    parse = true,
  ): OpenDocument | undefined {
    const current = this.open.get(uri);
    if (!current) return undefined;
    let text = current.text;
    let regions: RegionTrees | undefined;
    if (this.unparsed.has(uri)) {
      regions = this.unparsed.get(uri);
      this.unparsed.delete(uri);
    } else {
      const before = this.take(uri);
      // A skipped document's tree is not of its text, and trees let go are not there: nothing to reuse.
      regions = before?.trees instanceof RegionTrees ? before.trees : undefined;
      if (before && !regions) before.trees.delete();
    }
    // Over budget: only the text is kept.
    if (this.overBudget.has(uri)) {
      regions?.delete();
      regions = undefined;
    }
    for (const change of changes.map(wellFormed)) {
      if ('range' in change) {
        const startOffset = text.offsetAt(change.range.start);
        const oldEndOffset = text.offsetAt(change.range.end);
        const startPoint = toPoint(text.positionAt(startOffset));
        const oldEndPoint = toPoint(text.positionAt(oldEndOffset));
        regions?.edit(
          new Edit({
            startIndex: startOffset,
            oldEndIndex: oldEndOffset,
            newEndIndex: startOffset + change.text.length,
            startPosition: startPoint,
            oldEndPosition: oldEndPoint,
            newEndPosition: pointAfterInsert(startPoint, change.text),
          }),
        );
      } else {
        // A whole-document replacement: nothing of the old trees can be reused.
        regions?.delete();
        regions = undefined;
      }
      text = TextDocument.update(text, [change], version);
    }
    this.unparsed.set(uri, regions);
    const document = this.replace(uri, text);
    if (parse) void document.module;
    return document;
  }

  closed(uri: string): void {
    this.forget(uri);
    this.overBudget.delete(uri);
    this.open.delete(uri);
  }

  get count(): number {
    return this.open.size;
  }

  /** The trees the open documents hold. */
  get treeCount(): number {
    let trees = 0;
    for (const { trees: kept } of this.parsed.values()) trees += kept instanceof RegionTrees ? kept.count : 1;
    return trees;
  }

  *all(): IterableIterator<OpenDocument> {
    yield* this.open.values();
  }

  /** A new version of a document (a new object, as a change makes one), with what parsing its text gave. */
  private keep(uri: string, text: TextDocument, parsed: Parsed): Document {
    const document = this.replace(uri, text);
    this.parsed.set(uri, parsed);
    return document;
  }

  /** A new version of a document, parsed when it is first used. */
  private replace(uri: string, text: TextDocument): Document {
    const document: Document = new Document(text, () => this.treesOf(uri, document));
    this.open.set(uri, document);
    return document;
  }

  /** A document's trees, parsed if they are not up to date or were let go; using them makes them the last let go. */
  private treesOf(uri: string, document: Document): Parsed {
    // A document closed or changed since is parsed for its caller alone: its trees go when the caller's nodes do.
    if (this.open.get(uri) !== document) return this.parse(undefined, document.text);
    const kept = this.parsed.get(uri);
    if (kept) return kept;
    const regions = this.unparsed.get(uri);
    this.unparsed.delete(uri);
    const parsed = this.parse(uri, document.text, regions);
    this.parsed.set(uri, parsed);
    return parsed;
  }

  /** Deletes the trees of a document, parsed or waiting for their parse. */
  private forget(uri: string): void {
    this.take(uri)?.trees.delete();
    this.unparsed.get(uri)?.delete();
    this.unparsed.delete(uri);
  }

  /** Takes a document's trees out of the cache, for its caller to edit or delete. */
  private take(uri: string): Parsed | undefined {
    const parsed = this.parsed.peek(uri);
    this.parsed.delete(uri);
    return parsed;
  }

  /**
   * Parses the text unless a limit says not to; `regions` (already edited) makes the
   * parse incremental, and they check the nesting of each region they parse again.
   * `uri` is that of the open document the text is the current version of, if it is.
   */
  private parse(uri: string | undefined, text: TextDocument, regions?: RegionTrees): Parsed {
    const content = text.getText();
    const pointAt = (offset: number) => toPoint(text.positionAt(offset));
    const tooBig = whyNotParsed(content, this.maxFileSize, regions !== undefined);
    if (tooBig !== undefined) {
      regions?.delete();
      return this.skip(tooBig);
    }
    if (uri !== undefined && this.overBudget.has(uri)) {
      regions?.delete();
      return this.outOfTime();
    }
    const deadline = this.deadline ?? deadlineIn(this.parseBudgetMs);
    let parsed: RegionTrees;
    try {
      if (regions) regions.reparse(content, pointAt, deadline);
      parsed = regions ?? RegionTrees.parse(this.parser, content, pointAt, deadline);
    } catch (error) {
      regions?.delete();
      if (error instanceof ParseOutOfTime) {
        // Else the parser's next parse, of any text, would go on with this one.
        this.parser.reset();
        if (uri !== undefined) this.overBudget.add(uri);
        return this.outOfTime();
      }
      // The WASM parser is left unusable after a fault inside it; later documents get a new one.
      this.parser = renewPythonParser(this.parser);
      return this.skip(
        cannotCheck(`the parser failed on it (${error instanceof Error ? error.message : String(error)})`),
      );
    }
    const tooDeep = parsed.skip;
    if (tooDeep === undefined) return { module: parsed.module, trees: parsed };
    parsed.delete();
    return this.skip(tooDeep);
  }

  private skip(reason: Skip): Parsed {
    const empty = parse(this.parser, '');
    return { module: ModuleParts.of(empty.rootNode), trees: empty, skipped: reason };
  }

  private outOfTime(): Parsed {
    const empty = parse(this.parser, '');
    return { module: ModuleParts.of(empty.rootNode), trees: empty, overBudget: true };
  }
}

function toPoint(position: { line: number; character: number }): { row: number; column: number } {
  return { row: position.line, column: position.character };
}

/**
 * The change with its range in order. A client that sends the end before the
 * start means the same span (TextDocument.update reads it so); the trees must
 * be edited over that span too, or they no longer match the text.
 */
function wellFormed(change: TextDocumentContentChangeEvent): TextDocumentContentChangeEvent {
  if (!('range' in change)) return change;
  const { start, end } = change.range;
  const reversed = start.line > end.line || (start.line === end.line && start.character > end.character);
  return reversed ? { ...change, range: { start: end, end: start } } : change;
}
