// The notification that ends a measure: how it went, naming the interpreter, with
// buttons to the report, to the timeline when there is one, and, where another
// interpreter would help, to where it is chosen.
import { basename } from 'node:path';
import * as vscode from 'vscode';
import type { OutcomeSummary } from '../../../server/src/measure/outcome';
import { shortBytes } from '../../../server/src/sizes/format';
import type { InterpreterAction } from './interpreterChoice';

export interface EndNotice {
  readonly uri: vscode.Uri;
  readonly summary: OutcomeSummary;
  /** Traced memory's peak, when the run gave a result. */
  readonly peakBytes: number | undefined;
  readonly hasTimeline: boolean;
  readonly hasReport: boolean;
  /** How to choose another interpreter, offered where another would help. */
  readonly interpreterActions: readonly InterpreterAction[];
}

export interface EndNoticeActions {
  showReport(): void;
  showTimeline(uri: vscode.Uri): void;
}

const SHOW_REPORT = 'Show report';
const SHOW_TIMELINE = 'Show timeline';

export function tellHowItEnded(notice: EndNotice, actions: EndNoticeActions): void {
  const { summary } = notice;
  // Where another interpreter would mend it, choosing one comes first (the button VS Code stresses).
  const choices = [
    ...(summary.anotherInterpreter ? notice.interpreterActions : []),
    ...(notice.hasTimeline ? [SHOW_TIMELINE] : []),
    ...(notice.hasReport ? [SHOW_REPORT] : []),
  ];
  const shown =
    summary.ending === 'finished'
      ? vscode.window.showInformationMessage(finishedMessage(notice), ...choices)
      : summary.ending === 'interpreter-unusable'
        ? vscode.window.showErrorMessage(`memhints: ${summary.message}`, ...choices)
        : vscode.window.showWarningMessage(`memhints: ${summary.message}`, ...choices);
  void shown.then((choice) => {
    if (choice === SHOW_REPORT) actions.showReport();
    else if (choice === SHOW_TIMELINE) actions.showTimeline(notice.uri);
    else if (choice === 'Select Interpreter') void vscode.commands.executeCommand('python.setInterpreter');
    else if (choice === 'Open Settings')
      void vscode.commands.executeCommand('workbench.action.openSettings', 'memhints.pythonPath');
  });
}

/** "memhints: measured a.py with Python 3.11.7 at /usr/bin/python3. Peak traced memory: 69.5 MiB." */
function finishedMessage(notice: EndNotice): string {
  const by = notice.summary.interpreter === undefined ? '' : ` with ${notice.summary.interpreter}`;
  const peak = notice.peakBytes === undefined ? '' : ` Peak traced memory: ${shortBytes(notice.peakBytes)}.`;
  return `memhints: measured ${basename(notice.uri.fsPath)}${by}.${peak}`;
}
