// "memhints: Show memory timeline": the plot of a file's last measure result in a
// webview beside its code, the same picture `memhints measure --plot` draws (the
// extension bundles timelineSvg, as it bundles the tracer's runner: the result lives
// in the extension host, so no round trip to the language server is needed to draw
// it). A click on the peak goes to its line in the editor.
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { peakPoint } from '../../../server/src/measure/peakPoint';
import { isPartial } from '../../../server/src/measure/result';
import { timelineSvg } from '../../../server/src/measure/timelinePlot';
import type { FileMeasurement, MeasuredFiles } from './measuredFiles';
import { newNonce, requestedLine, timelinePage } from './timelinePage';

const VIEW_TYPE = 'memhints.timeline';

export class TimelineViews implements vscode.Disposable {
  /** One panel per file, by its URI. */
  private readonly panels = new Map<string, vscode.WebviewPanel>();
  private readonly listener: vscode.Disposable;

  constructor(private readonly measured: MeasuredFiles) {
    // A new result replaces the picture of a panel already open for its file.
    this.listener = measured.onDidChange((measurement) => {
      const panel = this.panels.get(measurement.uri.toString());
      if (panel) render(panel, measurement);
    });
  }

  /** Opens (or brings forward) the timeline of the file; false when the file has no measure result. */
  show(uri: vscode.Uri): boolean {
    const measurement = this.measured.get(uri);
    if (measurement === undefined) return false;
    const open = this.panels.get(uri.toString());
    if (open) {
      render(open, measurement);
      open.reveal(undefined, true);
      return true;
    }
    const panel = vscode.window.createWebviewPanel(
      VIEW_TYPE,
      `Memory timeline: ${basename(uri.fsPath)}`,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, enableCommandUris: false, localResourceRoots: [] },
    );
    this.panels.set(uri.toString(), panel);
    panel.onDidDispose(() => this.panels.delete(uri.toString()));
    panel.webview.onDidReceiveMessage((message: unknown) => revealRequested(uri, message));
    render(panel, measurement);
    return true;
  }

  dispose(): void {
    this.listener.dispose();
    for (const panel of this.panels.values()) panel.dispose();
  }
}

function render(panel: vscode.WebviewPanel, measurement: FileMeasurement): void {
  const { result, sourceLines } = measurement;
  const svg = timelineSvg({ file: measurement.file, result, source: (line) => sourceLines[line - 1] });
  panel.webview.html = timelinePage({
    svg,
    heading: `${measurement.file}, measured at ${measurement.measuredAt.toLocaleTimeString()}${isPartial(result.outcome) ? ' (partial: stopped before the script ended)' : ''}`,
    peakLine: peakPoint(result.timeline)?.line ?? undefined,
    nonce: newNonce(),
  });
}

/** Shows the file in the editor group it is in (else the first), with the cursor at the start of the line's code. */
async function revealRequested(uri: vscode.Uri, message: unknown): Promise<void> {
  const document = await vscode.workspace.openTextDocument(uri);
  const line = requestedLine(message, document.lineCount);
  if (line === undefined) return;
  const start = new vscode.Position(line - 1, document.lineAt(line - 1).firstNonWhitespaceCharacterIndex);
  const shownIn = vscode.window.visibleTextEditors.find((editor) => editor.document.uri.toString() === uri.toString());
  const editor = await vscode.window.showTextDocument(document, {
    viewColumn: shownIn?.viewColumn ?? vscode.ViewColumn.One,
    selection: new vscode.Range(start, start),
    preserveFocus: false,
  });
  editor.revealRange(new vscode.Range(start, start), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}
