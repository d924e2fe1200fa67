// "memhints: Measure memory of this file", "memhints: Show memory timeline" and
// "memhints: Clear measurements". Measuring runs the file, so it happens only when the
// user asks, in a trusted workspace.
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
import { isPartial } from '../../../server/src/measure/result';
import { drawnHints, MeasurementDecorations } from './decorations';
import { tellHowItEnded } from './endNotice';
import { chooseInterpreter, howToChooseAnother } from './interpreterChoice';
import { shownMeasurements } from './labels';
import { measureLimits } from './limits';
import { MeasuredFiles } from './measuredFiles';
import { measureWithProgress } from './measureWithProgress';
import { measurePermission } from './permission';
import { pythonExtensionInstalled, selectedInterpreter } from './pythonExtension';
import { TimelineViews } from './timelineView';

/** What the commands share: the decorations after measured lines, the last results and their timeline views. */
interface MeasureState {
  readonly tracer: string;
  readonly decorations: MeasurementDecorations;
  readonly measured: MeasuredFiles;
  readonly timelines: TimelineViews;
  readonly client: BaseLanguageClient;
}

export function registerMeasureCommands(
  context: vscode.ExtensionContext,
  client: BaseLanguageClient,
): vscode.Disposable {
  const measured = new MeasuredFiles();
  const state: MeasureState = {
    tracer: context.asAbsolutePath('dist/measure.py'),
    decorations: new MeasurementDecorations(),
    measured,
    timelines: new TimelineViews(measured),
    client,
  };
  return vscode.Disposable.from(
    state.decorations,
    state.timelines,
    measured,
    vscode.commands.registerCommand('memhints.measure', () => measureActiveFile(state)),
    vscode.commands.registerCommand('memhints.showTimeline', (uri?: vscode.Uri) => showTimeline(state, uri)),
    vscode.commands.registerCommand('memhints.clearMeasurements', () => {
      state.decorations.clear();
      measured.clear();
    }),
  );
}

/** The timeline of the given file (the notification's button), else of the active editor's. */
function showTimeline(state: MeasureState, uri: vscode.Uri | undefined): void {
  const target = uri instanceof vscode.Uri ? uri : vscode.window.activeTextEditor?.document.uri;
  if (target !== undefined && state.timelines.show(target)) return;
  void vscode.window.showInformationMessage(
    'memhints: no memory timeline for this file yet. Run "memhints: Measure memory of this file" first.',
  );
}

async function measureActiveFile(state: MeasureState): Promise<void> {
  const { tracer, decorations, client } = state;
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
  const interpreter = chooseInterpreter(settings.get<string>('pythonPath'), await selectedInterpreter(document.uri));
  const limits = measureLimits(settings.get('measure.timeout'), settings.get('measure.memoryLimit'));
  const script = document.uri.fsPath;
  const cwd = vscode.workspace.getWorkspaceFolder(document.uri)?.uri.fsPath ?? dirname(script);

  const run = await measureWithProgress(`memhints: measuring memory of ${basename(script)}`, {
    python: interpreter.python,
    tracer,
    script,
    args: [],
    cwd,
    ...limits,
  });
  const advice = howToChooseAnother(interpreter, pythonExtensionInstalled());
  const summary = summariseRun(run, advice.words);
  if (run.kind === 'cancelled') return;
  const measured = run.kind === 'measured' ? run.result.lines : [];
  if (run.kind !== 'interpreter-unusable') {
    const shown = shownMeasurements(measured);
    decorations.show(document.uri, {
      lines: shown,
      estimates: await estimatesFor(client, document, shown),
      script,
      partial: run.kind === 'measured' && isPartial(run.result.outcome),
      hints: await drawnHints(
        document,
        shown.map((line) => line.line),
      ),
    });
    const lines = measured.map((line) => ({
      ...line,
      source: line.line <= document.lineCount ? document.lineAt(line.line - 1).text : '',
    }));
    output.appendLine(`\n${new Date().toLocaleTimeString()} ${interpreter.python} (${interpreter.source})`);
    output.append(
      measureText({ file: vscode.workspace.asRelativePath(document.uri), run, summary, lines, hiddenLines: 0 }),
    );
  }
  const hasTimeline = run.kind === 'measured' && run.result.timeline.length > 0;
  if (hasTimeline)
    state.measured.set({
      uri: document.uri,
      file: vscode.workspace.asRelativePath(document.uri),
      result: run.result,
      sourceLines: document.getText().split(/\r\n|\r|\n/),
      measuredAt: new Date(),
    });
  tellHowItEnded(
    {
      uri: document.uri,
      summary,
      peakBytes: run.kind === 'measured' ? run.result.peakBytes : undefined,
      hasTimeline,
      hasReport: run.kind !== 'interpreter-unusable',
      interpreterActions: advice.actions,
    },
    { showReport: () => output.show(true), showTimeline: (uri) => state.timelines.show(uri) },
  );
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
