// Open documents: their text and an up-to-date tree-sitter tree. Edits are
// applied to the old tree (tree.edit) so that the reparse is incremental.
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { Parser } from 'web-tree-sitter';
import { DEFAULT_MAX_FILE_SIZE, cannotCheck, editKeepsNesting, whyNotAnalysed, whyNotParsed, type Skip } from './limits';
import { Edit, parse, renewPythonParser, type Tree } from './parser';
import { pointAfterInsert } from './positions';

export interface OpenDocument {
  readonly text: TextDocument;
  /** The parsed text; an empty module's tree when the document is skipped. */
  readonly tree: Tree;
  /** Why the document is not checked (too large, nested too deep), if it is not. */
  readonly skipped?: Skip;
}

export class OpenDocuments {
  private readonly open = new Map<string, OpenDocument>();

  constructor(
    private parser: Parser,
    private maxFileSize = DEFAULT_MAX_FILE_SIZE,
  ) {}

  /** Changes the size limit; documents whose reason to be skipped changes with it are parsed again. */
  setMaxFileSize(maxFileSize: number): void {
    if (maxFileSize === this.maxFileSize) return;
    this.maxFileSize = maxFileSize;
    for (const [uri, document] of this.open) {
      if (whyNotParsed(document.text.getText(), maxFileSize)?.reason === document.skipped?.reason) continue;
      document.tree.delete();
      this.open.set(uri, this.build(document.text));
    }
  }

  get(uri: string): OpenDocument | undefined {
    return this.open.get(uri);
  }

  opened(uri: string, languageId: string, version: number, content: string): OpenDocument {
    this.closed(uri);
    const doc = this.build(TextDocument.create(uri, languageId, version, content));
    this.open.set(uri, doc);
    return doc;
  }

  changed(uri: string, version: number, changes: readonly TextDocumentContentChangeEvent[]): OpenDocument | undefined {
    const current = this.open.get(uri);
    if (!current) return undefined;
    let text = current.text;
    // A skipped document's tree is not of its text: nothing to reuse.
    let oldTree: Tree | undefined = current.skipped === undefined ? current.tree : undefined;
    // The text's nesting passed before; most keystrokes cannot change it.
    let nestingKept = current.skipped === undefined;
    for (const change of changes) {
      if ('range' in change) {
        const startOffset = text.offsetAt(change.range.start);
        const oldEndOffset = text.offsetAt(change.range.end);
        nestingKept &&= editKeepsNesting(text.getText(), startOffset, oldEndOffset, change.text);
        const startPoint = toPoint(text.positionAt(startOffset));
        const oldEndPoint = toPoint(text.positionAt(oldEndOffset));
        oldTree?.edit(
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
        // A whole-document replacement: nothing of the old tree can be reused.
        oldTree?.delete();
        oldTree = undefined;
        nestingKept = false;
      }
      text = TextDocument.update(text, [change], version);
    }
    const updated = this.build(text, oldTree, nestingKept);
    oldTree?.delete();
    if (current.skipped !== undefined) current.tree.delete();
    this.open.set(uri, updated);
    return updated;
  }

  /** Parses the text unless a limit says not to; oldTree (already edited) makes the parse incremental. */
  private build(text: TextDocument, oldTree?: Tree, nestingKept = false): OpenDocument {
    const content = text.getText();
    const tooBig = whyNotParsed(content, this.maxFileSize, nestingKept);
    if (tooBig !== undefined) return this.skip(text, tooBig);
    let tree: Tree;
    try {
      tree = parse(this.parser, content, oldTree);
    } catch (error) {
      // The WASM parser is left unusable after a fault inside it; later documents get a new one.
      this.parser = renewPythonParser(this.parser);
      return this.skip(text, cannotCheck(`the parser failed on it (${error instanceof Error ? error.message : String(error)})`));
    }
    // oldTree passed these checks (a skipped document has none): only what changed needs a look.
    const tooDeep = whyNotAnalysed(tree, oldTree);
    if (tooDeep === undefined) return { text, tree };
    tree.delete();
    return this.skip(text, tooDeep);
  }

  private skip(text: TextDocument, reason: Skip): OpenDocument {
    return { text, tree: parse(this.parser, ''), skipped: reason };
  }

  closed(uri: string): void {
    this.open.get(uri)?.tree.delete();
    this.open.delete(uri);
  }

  get count(): number {
    return this.open.size;
  }

  all(): IterableIterator<OpenDocument> {
    return this.open.values();
  }
}

function toPoint(position: { line: number; character: number }): { row: number; column: number } {
  return { row: position.line, column: position.character };
}
