// "measured peak 35.2 MiB · held at end 7.7 MiB · estimated 36 MiB" after the lines that
// held memory, with a hover saying where it went, until cleared or the file changes.
import * as vscode from 'vscode';
import type { LineEstimate } from '../../../server/src/features/lineEstimatesProtocol';
import type { LineMeasurement } from '../../../server/src/measure/result';
import { decorationText, measuredLineMarkdown } from './labels';

/** A file's measurement as shown: the lines, the model's estimates for them (by 0-based line), and the script's path. */
export interface ShownMeasurement {
  readonly lines: readonly LineMeasurement[];
  readonly estimates: ReadonlyMap<number, LineEstimate>;
  readonly script: string;
}

export class MeasurementDecorations implements vscode.Disposable {
  private readonly type = vscode.window.createTextEditorDecorationType({
    after: { margin: '0 0 0 2em', color: new vscode.ThemeColor('editorCodeLens.foreground'), fontStyle: 'italic' },
    isWholeLine: true,
  });
  private readonly byDocument = new Map<string, ShownMeasurement>();
  private readonly listeners: vscode.Disposable[];

  constructor() {
    this.listeners = [
      vscode.window.onDidChangeVisibleTextEditors((editors) => {
        for (const editor of editors) this.render(editor);
      }),
      // Edited lines no longer match what ran.
      vscode.workspace.onDidChangeTextDocument((change) => {
        if (change.contentChanges.length > 0) this.clear(change.document.uri);
      }),
    ];
  }

  show(uri: vscode.Uri, measurement: ShownMeasurement): void {
    this.byDocument.set(uri.toString(), measurement);
    this.renderAll();
  }

  clear(uri?: vscode.Uri): void {
    if (uri === undefined) this.byDocument.clear();
    else if (!this.byDocument.delete(uri.toString())) return;
    this.renderAll();
  }

  dispose(): void {
    this.type.dispose();
    for (const listener of this.listeners) listener.dispose();
  }

  private renderAll(): void {
    for (const editor of vscode.window.visibleTextEditors) this.render(editor);
  }

  private render(editor: vscode.TextEditor): void {
    const measurement = this.byDocument.get(editor.document.uri.toString());
    const options = (measurement?.lines ?? [])
      .filter((line) => line.line <= editor.document.lineCount)
      .map((line): vscode.DecorationOptions => {
        const estimate = measurement!.estimates.get(line.line - 1);
        return {
          range: editor.document.lineAt(line.line - 1).range,
          hoverMessage: new vscode.MarkdownString(measuredLineMarkdown(line, estimate, measurement!.script)),
          renderOptions: { after: { contentText: decorationText(line, estimate) } },
        };
      });
    editor.setDecorations(this.type, options);
  }
}
