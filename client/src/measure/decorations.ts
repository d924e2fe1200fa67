// "measured peak 35.2 MiB · held at end 7.7 MiB · estimated 36 MiB" after the lines that
// held memory (shorter where the line leaves less room before the editor's right edge),
// with a hover saying it all and where the memory went, until cleared or the file changes.
import * as vscode from 'vscode';
import type { LineEstimate } from '../../../server/src/features/lineEstimatesProtocol';
import type { LineMeasurement } from '../../../server/src/measure/result';
import { type DrawnHint, fittedLabel, hintColumns, rightEdgeColumn } from './labelFit';
import { labelForms, measuredLineMarkdown } from './labels';

/** A file's measurement as shown: the lines, the model's estimates for them (by 0-based line), and the script's path. */
export interface ShownMeasurement {
  readonly lines: readonly LineMeasurement[];
  readonly estimates: ReadonlyMap<number, LineEstimate>;
  readonly script: string;
  /** The script was stopped before its end: the figures are what it had done by then. */
  readonly partial: boolean;
  /** The inlay hints drawn in the measured lines, which take room before the label. */
  readonly hints: readonly DrawnHint[];
}

/** The inlay hints every provider (memhints' size estimates among them) draws in the lines, unless the editor hides them. */
export async function drawnHints(document: vscode.TextDocument, lines: readonly number[]): Promise<DrawnHint[]> {
  const shown = vscode.workspace.getConfiguration('editor.inlayHints', document).get<string>('enabled');
  if (lines.length === 0 || shown === 'off' || shown === 'offUnlessPressed') return [];
  const range = new vscode.Range(Math.min(...lines) - 1, 0, Math.max(...lines), 0);
  try {
    const hints =
      (await vscode.commands.executeCommand<vscode.InlayHint[]>(
        'vscode.executeInlayHintProvider',
        document.uri,
        range,
      )) ?? [];
    return hints.map((hint) => ({
      line: hint.position.line,
      label: typeof hint.label === 'string' ? hint.label : hint.label.map((part) => part.value).join(''),
      paddingLeft: hint.paddingLeft === true,
      paddingRight: hint.paddingRight === true,
    }));
  } catch {
    return []; // no provider answered: the label fits the text alone
  }
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
      // The right edge the labels fit before moved.
      vscode.workspace.onDidChangeConfiguration((change) => {
        if (change.affectsConfiguration('editor.rulers') || change.affectsConfiguration('editor.wordWrapColumn'))
          this.renderAll();
      }),
      vscode.window.onDidChangeTextEditorOptions((change) => this.render(change.textEditor)),
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
    const { document } = editor;
    const settings = vscode.workspace.getConfiguration('editor', document);
    const rightEdge = rightEdgeColumn(settings.get('rulers'), settings.get('wordWrapColumn'));
    const tabSize = typeof editor.options.tabSize === 'number' ? editor.options.tabSize : 4;
    const hinted = hintColumns(measurement?.hints ?? [], tabSize);
    const options = (measurement?.lines ?? [])
      .filter((line) => line.line <= document.lineCount)
      .map((line): vscode.DecorationOptions => {
        const estimate = measurement!.estimates.get(line.line - 1);
        const text = document.lineAt(line.line - 1);
        const forms = labelForms(line, estimate, measurement!.partial);
        return {
          range: text.range,
          hoverMessage: new vscode.MarkdownString(
            measuredLineMarkdown(line, estimate, measurement!.script, measurement!.partial),
          ),
          renderOptions: {
            after: { contentText: fittedLabel(forms, text.text, tabSize, rightEdge, hinted.get(line.line - 1)) },
          },
        };
      });
    editor.setDecorations(this.type, options);
  }
}
