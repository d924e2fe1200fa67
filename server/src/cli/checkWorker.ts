// A worker thread of `memhints check --jobs N`: checks the files it is sent
// with its own parser, made from the grammar the main thread compiled
// (bundled to dist/checkWorker.js beside dist/cli.js).
import { workerData } from 'node:worker_threads';
import { type CompiledGrammar, pythonParser } from '../document/parser';
import type { FixSafety } from '../rules/types';
import { checkFile, fixModeFor, type FileOutcome, type FixMode } from './checkFile';
import { lintOptions, type FileSettings } from './projectSettings';
import { serveTasks } from './workerPool';

/** What every task of a run shares. */
export interface CheckWorkerData {
  readonly ignoreNoqa: boolean;
  readonly allowed: readonly FixSafety[];
  readonly mode: FixMode;
  readonly maxFileSize: number;
  readonly grammar: CompiledGrammar;
}

export interface CheckTask {
  readonly file: string;
  readonly shown: string;
  /** Rules are chosen by code in the worker, since functions cannot cross threads. */
  readonly settings: FileSettings;
  /** Set when the file is a symbolic link to this file outside the folder searched: it is checked, never fixed. */
  readonly linkedTo?: string;
}

const data = workerData as CheckWorkerData;
const allowed = new Set(data.allowed);

// Asked for per task: a parser that faulted is replaced (renewPythonParser).
serveTasks<CheckTask, FileOutcome>(
  async (task) =>
    checkFile(await pythonParser(), task.file, task.shown, {
      lint: lintOptions(task.settings, data.ignoreNoqa),
      data: task.settings,
      allowed,
      mode: fixModeFor(task, data.mode),
      maxFileSize: data.maxFileSize,
    }),
  () => pythonParser(data.grammar),
);
