// The worker thread of `memhints check --jobs N`: checks the files it is sent
// with its own parser (bundled to dist/checkWorker.js beside dist/cli.js).
import { workerData } from 'node:worker_threads';
import { pythonParser } from '../document/parser';
import type { FixSafety } from '../rules/types';
import { checkFile, type FileOutcome, type FixMode } from './checkFile';
import { lintOptions, type FileSettings } from './projectSettings';
import { serveTasks } from './workerPool';

/** What every task of a run shares. */
export interface CheckWorkerData {
  readonly ignoreNoqa: boolean;
  readonly allowed: readonly FixSafety[];
  readonly mode: FixMode;
  readonly maxFileSize: number;
}

export interface CheckTask {
  readonly file: string;
  readonly shown: string;
  /** Rules are chosen by code in the worker, since functions cannot cross threads. */
  readonly settings: FileSettings;
}

const data = workerData as CheckWorkerData;
const allowed = new Set(data.allowed);

// Asked for per task: a parser that faulted is replaced (renewPythonParser).
serveTasks<CheckTask, FileOutcome>(async ({ file, shown, settings }) =>
  checkFile(await pythonParser(), file, shown, {
    lint: lintOptions(settings, data.ignoreNoqa),
    data: settings,
    allowed,
    mode: data.mode,
    maxFileSize: data.maxFileSize,
  }),
);
