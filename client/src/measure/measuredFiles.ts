// The last measure result of each file, for "memhints: Show memory timeline". The
// paths of the files that have one are the context key memhints.measuredFiles, so
// that the command palette offers the command only in the editor of such a file.
import * as vscode from 'vscode';
import type { TracerResult } from '../../../server/src/measure/result';

export interface FileMeasurement {
  readonly uri: vscode.Uri;
  /** As shown to the user: relative to the workspace. */
  readonly file: string;
  readonly result: TracerResult;
  /** The file's lines as they were measured, for the peak's label. */
  readonly sourceLines: readonly string[];
  readonly measuredAt: Date;
}

const CONTEXT_KEY = 'memhints.measuredFiles';

export class MeasuredFiles implements vscode.Disposable {
  private readonly byUri = new Map<string, FileMeasurement>();
  private readonly changed = new vscode.EventEmitter<FileMeasurement>();
  /** A file got a new result. */
  readonly onDidChange = this.changed.event;

  set(measurement: FileMeasurement): void {
    this.byUri.set(measurement.uri.toString(), measurement);
    this.publish();
    this.changed.fire(measurement);
  }

  get(uri: vscode.Uri): FileMeasurement | undefined {
    return this.byUri.get(uri.toString());
  }

  clear(): void {
    this.byUri.clear();
    this.publish();
  }

  dispose(): void {
    this.changed.dispose();
  }

  /** `resourcePath in memhints.measuredFiles` in a when clause: the paths as VS Code gives resourcePath. */
  private publish(): void {
    const paths = [...this.byUri.values()].map((measurement) => measurement.uri.fsPath);
    void vscode.commands.executeCommand('setContext', CONTEXT_KEY, paths);
  }
}
