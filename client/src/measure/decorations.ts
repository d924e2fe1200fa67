// "measured peak 35.2 MiB" after the lines that held memory, until cleared or the file changes.
import * as vscode from 'vscode';
import { bytesWithExact, formatCount, shortBytes } from '../../../server/src/sizes/format';
import type { LineMeasurement } from '../../../server/src/measure/result';

/** Lines shown: the largest, at most this many, and none under MIN_BYTES. */
const MAX_LINES = 50;
const MIN_BYTES = 1024;

export class MeasurementDecorations implements vscode.Disposable {
  private readonly type = vscode.window.createTextEditorDecorationType({
    after: { margin: '0 0 0 2em', color: new vscode.ThemeColor('editorCodeLens.foreground'), fontStyle: 'italic' },
    isWholeLine: true,
  });
  private readonly byDocument = new Map<string, readonly LineMeasurement[]>();
  private readonly listeners: vscode.Disposable[];

  constructor() {
    this.listeners = [
      vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((editor) => this.render(editor))),
      // Edited lines no longer match what ran.
      vscode.workspace.onDidChangeTextDocument((change) => {
        if (change.contentChanges.length > 0) this.clear(change.document.uri);
      }),
    ];
  }

  show(uri: vscode.Uri, lines: readonly LineMeasurement[]): void {
    this.byDocument.set(uri.toString(), lines.filter((line) => line.bytes >= MIN_BYTES).slice(0, MAX_LINES));
    this.renderAll();
  }

  clear(uri?: vscode.Uri): void {
    if (uri === undefined) this.byDocument.clear();
    else if (!this.byDocument.delete(uri.toString())) return;
    this.renderAll();
  }

  dispose(): void {
    this.type.dispose();
    this.listeners.forEach((listener) => listener.dispose());
  }

  private renderAll(): void {
    vscode.window.visibleTextEditors.forEach((editor) => this.render(editor));
  }

  private render(editor: vscode.TextEditor): void {
    const lines = this.byDocument.get(editor.document.uri.toString()) ?? [];
    const options = lines
      .filter((line) => line.line <= editor.document.lineCount)
      .map((line): vscode.DecorationOptions => {
        const range = editor.document.lineAt(line.line - 1).range;
        const hover = new vscode.MarkdownString(`memhints: this line held **${bytesWithExact(line.bytes)}** in ${formatCount(line.count)} memory blocks when the traced memory peaked (tracemalloc, including what it called).`);
        return { range, hoverMessage: hover, renderOptions: { after: { contentText: `measured peak ${shortBytes(line.bytes)}` } } };
      });
    editor.setDecorations(this.type, options);
  }
}
