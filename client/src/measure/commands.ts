// "memhints: Measure memory of this file" and "memhints: Clear measurements".
// Measuring runs the file, so it happens only when the user asks, in a trusted workspace.
import { basename, dirname } from 'node:path';
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { measureText } from '../../../server/src/measure/report';
import {
  LINE_ESTIMATES_REQUEST,
  type LineEstimate,
  type LineEstimatesParams,
} from '../../../server/src/features/lineEstimatesProtocol';
import type { LineMeasurement } from '../../../server/src/measure/result';
import { summariseRun } from '../../../server/src/measure/outcome';
import { shortBytes } from '../../../server/src/sizes/format';
import { measureScript } from '../../../server/src/measure/runTracer';
import { MeasurementDecorations } from './decorations';
import { shownMeasurements } from './labels';
import { measureLimits } from './limits';
import { chooseInterpreter, measurePermission } from './permission';
import { selectedInterpreter } from './pythonExtension';

export function registerMeasureCommands(
  context: vscode.ExtensionContext,
  client: BaseLanguageClient,
): vscode.Disposable {
  const decorations = new MeasurementDecorations();
  const tracer = context.asAbsolutePath('dist/measure.py');
  return vscode.Disposable.from(
    decorations,
    vscode.commands.registerCommand('memhints.measure', () => measureActiveFile(tracer, decorations, client)),
    vscode.commands.registerCommand('memhints.clearMeasurements', () => decorations.clear()),
  );
}

async function measureActiveFile(
  tracer: string,
  decorations: MeasurementDecorations,
  client: BaseLanguageClient,
): Promise<void> {
  const output = client.outputChannel;
  const document = vscode.window.activeTextEditor?.document;
  const permission = measurePermission({
    workspaceTrusted: vscode.workspace.isTrusted,
    document: document && { scheme: document.uri.scheme, languageId: document.languageId },
  });
  if (!permission.allowed || document === undefined) {
    void vscode.window.showWarningMessage(
      permission.allowed ? 'Open a Python file to measure its memory.' : permission.reason,
    );
    return;
  }
  if (document.isDirty && !(await document.save())) return;
  const settings = vscode.workspace.getConfiguration('memhints', document.uri);
  const interpreter = chooseInterpreter(await selectedInterpreter(document.uri), settings.get<string>('pythonPath'));
  const limits = measureLimits(settings.get('measure.timeout'), settings.get('measure.memoryLimit'));
  const script = document.uri.fsPath;
  const cwd = vscode.workspace.getWorkspaceFolder(document.uri)?.uri.fsPath ?? dirname(script);

  const run = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: `memhints: measuring memory of ${basename(script)}`,
      cancellable: true,
    },
    (_progress, token) => {
      const cancel = new AbortController();
      token.onCancellationRequested(() => cancel.abort());
      return measureScript({
        python: interpreter.python,
        tracer,
        script,
        args: [],
        cwd,
        ...limits,
        signal: cancel.signal,
      });
    },
  );
  const summary = summariseRun(run);
  if (run.kind === 'cancelled') return;
  if (run.kind === 'interpreter-unusable') {
    void vscode.window.showErrorMessage(
      `memhints: ${summary.message}. Select an interpreter in the Python extension or set memhints.pythonPath.`,
    );
    return;
  }
  const measured = run.kind === 'measured' ? run.result.lines : [];
  const shown = shownMeasurements(measured);
  decorations.show(document.uri, { lines: shown, estimates: await estimatesFor(client, document, shown), script });
  const lines = measured.map((line) => ({
    ...line,
    source: line.line <= document.lineCount ? document.lineAt(line.line - 1).text : '',
  }));
  output.appendLine(`\n${new Date().toLocaleTimeString()} ${interpreter.python} (${interpreter.source})`);
  output.append(
    measureText({ file: vscode.workspace.asRelativePath(document.uri), run, summary, lines, hiddenLines: 0 }),
  );
  if (summary.ending === 'finished') {
    const peak = run.kind === 'measured' ? ` Peak traced memory: ${shortBytes(run.result.peakBytes)}.` : '';
    void vscode.window
      .showInformationMessage(`memhints: measured ${basename(script)}.${peak}`, 'Show report')
      .then((choice) => choice && output.show(true));
  } else {
    void vscode.window
      .showWarningMessage(`memhints: ${summary.message}`, 'Show report')
      .then((choice) => choice && output.show(true));
  }
}

/** The language server's size estimates for the measured lines, by 0-based line; none when the server cannot answer. */
async function estimatesFor(
  client: BaseLanguageClient,
  document: vscode.TextDocument,
  lines: readonly LineMeasurement[],
): Promise<Map<number, LineEstimate>> {
  if (lines.length === 0 || !client.isRunning()) return new Map();
  const params: LineEstimatesParams = {
    textDocument: { uri: client.code2ProtocolConverter.asUri(document.uri) },
    lines: lines.map((line) => line.line - 1),
  };
  try {
    const estimates = await client.sendRequest<LineEstimate[]>(LINE_ESTIMATES_REQUEST, params);
    return new Map(estimates.map((estimate) => [estimate.line, estimate]));
  } catch {
    return new Map(); // the measured figures stand on their own
  }
}
