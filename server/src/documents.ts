// Open documents: their text and up-to-date tree-sitter trees, one per region
// of the text (regions/). Edits are applied to the old trees (tree.edit), so
// that only the region an edit falls in is parsed again, incrementally.
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { Parser } from 'web-tree-sitter';
import { ModuleParts } from './analysis/moduleParts';
import { DEFAULT_MAX_FILE_SIZE, cannotCheck, whyNotParsed, type Skip } from './limits';
import { Edit, parse, renewPythonParser, type Tree } from './parser';
import { pointAfterInsert } from './positions';
import { RegionTrees } from './regions/regionTrees';

export interface OpenDocument {
  readonly text: TextDocument;
  /** The parsed text, a tree per region; an empty module when the document is skipped. */
  readonly module: ModuleParts;
  /** Why the document is not checked (too large, nested too deep), if it is not. */
  readonly skipped?: Skip;
}

/** An open document and the trees it owns. */
interface Entry {
  readonly document: OpenDocument;
  /** The regions' trees, or the one tree of an empty module for a skipped document. */
  readonly trees: RegionTrees | Tree;
}

export class OpenDocuments {
  private readonly open = new Map<string, Entry>();

  constructor(
    private parser: Parser,
    private maxFileSize = DEFAULT_MAX_FILE_SIZE,
  ) {}

  /** Changes the size limit; documents whose reason to be skipped changes with it are parsed again. */
  setMaxFileSize(maxFileSize: number): void {
    if (maxFileSize === this.maxFileSize) return;
    this.maxFileSize = maxFileSize;
    for (const [uri, { document, trees }] of this.open) {
      if (whyNotParsed(document.text.getText(), maxFileSize)?.reason === document.skipped?.reason) continue;
      trees.delete();
      this.open.set(uri, this.build(document.text));
    }
  }

  get(uri: string): OpenDocument | undefined {
    return this.open.get(uri)?.document;
  }

  /** The regions of an open document that is checked, for tests and the benchmark. */
  regionsOf(uri: string): RegionTrees | undefined {
    const trees = this.open.get(uri)?.trees;
    return trees instanceof RegionTrees ? trees : undefined;
  }

  opened(uri: string, languageId: string, version: number, content: string): OpenDocument {
    this.closed(uri);
    const entry = this.build(TextDocument.create(uri, languageId, version, content));
    this.open.set(uri, entry);
    return entry.document;
  }

  changed(uri: string, version: number, changes: readonly TextDocumentContentChangeEvent[]): OpenDocument | undefined {
    const current = this.open.get(uri);
    if (!current) return undefined;
    let text = current.document.text;
    // A skipped document's tree is not of its text: nothing to reuse.
    let regions = current.trees instanceof RegionTrees ? current.trees : undefined;
    for (const change of changes) {
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
    // A skipped document's empty tree is of no further use.
    if (!(current.trees instanceof RegionTrees)) current.trees.delete();
    const updated = this.build(text, regions);
    this.open.set(uri, updated);
    return updated.document;
  }

  /**
   * Parses the text unless a limit says not to; `regions` (already edited) makes the
   * parse incremental, and they check the nesting of each region they parse again.
   */
  private build(text: TextDocument, regions?: RegionTrees): Entry {
    const content = text.getText();
    const pointAt = (offset: number) => toPoint(text.positionAt(offset));
    const tooBig = whyNotParsed(content, this.maxFileSize, regions !== undefined);
    if (tooBig !== undefined) {
      regions?.delete();
      return this.skip(text, tooBig);
    }
    let parsed: RegionTrees;
    try {
      if (regions) regions.reparse(content, pointAt);
      parsed = regions ?? RegionTrees.parse(this.parser, content, pointAt);
    } catch (error) {
      regions?.delete();
      // The WASM parser is left unusable after a fault inside it; later documents get a new one.
      this.parser = renewPythonParser(this.parser);
      return this.skip(text, cannotCheck(`the parser failed on it (${error instanceof Error ? error.message : String(error)})`));
    }
    const tooDeep = parsed.skip;
    if (tooDeep === undefined) return { document: { text, module: parsed.module }, trees: parsed };
    parsed.delete();
    return this.skip(text, tooDeep);
  }

  private skip(text: TextDocument, reason: Skip): Entry {
    const empty = parse(this.parser, '');
    return { document: { text, module: ModuleParts.of(empty.rootNode), skipped: reason }, trees: empty };
  }

  closed(uri: string): void {
    this.open.get(uri)?.trees.delete();
    this.open.delete(uri);
  }

  get count(): number {
    return this.open.size;
  }

  /** The trees the open documents hold. */
  get treeCount(): number {
    let trees = 0;
    for (const entry of this.open.values()) trees += entry.trees instanceof RegionTrees ? entry.trees.count : 1;
    return trees;
  }

  *all(): IterableIterator<OpenDocument> {
    for (const entry of this.open.values()) yield entry.document;
  }
}

function toPoint(position: { line: number; character: number }): { row: number; column: number } {
  return { row: position.line, column: position.character };
}
