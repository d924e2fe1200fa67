// A measure run under a progress notification: its elapsed time and the traced memory's peak so
// far, updated each second and as the tracer reports; Cancel stops the script and keeps what
// was measured until then.
import * as vscode from 'vscode';
import type { MeasureProgress } from '../../../server/src/measure/progress';
import { type MeasureRequest, type MeasureRun, measureScript } from '../../../server/src/measure/runTracer';
import { progressText } from './progressText';

const TICK_MS = 1000;

export function measureWithProgress(
  title: string,
  request: Omit<MeasureRequest, 'signal' | 'onProgress'>,
): Thenable<MeasureRun> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: true },
    async (progress, token) => {
      const cancel = new AbortController();
      const started = Date.now();
      let latest: MeasureProgress | undefined;
      const show = () =>
        progress.report({ message: progressText((Date.now() - started) / 1000, latest, cancel.signal.aborted) });
      const ticking = setInterval(show, TICK_MS);
      token.onCancellationRequested(() => {
        cancel.abort();
        show();
      });
      show();
      try {
        return await measureScript({
          ...request,
          signal: cancel.signal,
          onProgress: (report) => {
            latest = report;
            show();
          },
        });
      } finally {
        clearInterval(ticking);
      }
    },
  );
}
