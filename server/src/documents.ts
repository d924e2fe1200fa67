// Open documents: their text and an up-to-date tree-sitter tree. Edits are
// applied to the old tree (tree.edit) so that the reparse is incremental.
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { Edit, parse, type Tree } from './parser';
import type { Parser } from 'web-tree-sitter';
import { pointAfterInsert } from './positions';

export interface OpenDocument {
  readonly text: TextDocument;
  readonly tree: Tree;
}

export class OpenDocuments {
  private readonly open = new Map<string, OpenDocument>();

  constructor(private readonly parser: Parser) {}

  get(uri: string): OpenDocument | undefined {
    return this.open.get(uri);
  }

  opened(uri: string, languageId: string, version: number, content: string): OpenDocument {
    this.closed(uri);
    const doc = { text: TextDocument.create(uri, languageId, version, content), tree: parse(this.parser, content) };
    this.open.set(uri, doc);
    return doc;
  }

  changed(uri: string, version: number, changes: readonly TextDocumentContentChangeEvent[]): OpenDocument | undefined {
    const current = this.open.get(uri);
    if (!current) return undefined;
    let text = current.text;
    let oldTree: Tree | undefined = current.tree;
    for (const change of changes) {
      if ('range' in change) {
        const startOffset = text.offsetAt(change.range.start);
        const oldEndOffset = text.offsetAt(change.range.end);
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
      }
      text = TextDocument.update(text, [change], version);
    }
    const tree = parse(this.parser, text.getText(), oldTree);
    oldTree?.delete();
    const updated = { text, tree };
    this.open.set(uri, updated);
    return updated;
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
