// The worker thread of `memhints check --jobs N`: checks the files it is sent
// with its own parser (bundled to dist/checkWorker.js beside dist/cli.js).
import { workerData } from 'node:worker_threads';
import { selectRules } from '../config';
import { pythonParser } from '../parser';
import { ALL_RULES } from '../rules';
import type { FixSafety } from '../rules/types';
import { checkFile, type FileOutcome, type FixMode } from './checkFile';
import { serveTasks } from './workerPool';

/** What every task of a run shares; rules are chosen by code, since functions cannot cross threads. */
export interface CheckWorkerData {
  readonly select: readonly string[];
  readonly ignore: readonly string[];
  readonly ignoreNoqa: boolean;
  readonly allowed: readonly FixSafety[];
  readonly mode: FixMode;
  readonly maxFileSize: number;
}

export interface CheckTask {
  readonly file: string;
  readonly shown: string;
}

const data = workerData as CheckWorkerData;
const check = {
  lint: { rules: selectRules(ALL_RULES, data), ignoreNoqa: data.ignoreNoqa },
  allowed: new Set(data.allowed),
  mode: data.mode,
  maxFileSize: data.maxFileSize,
};

// Asked for per task: a parser that faulted is replaced (renewPythonParser).
serveTasks<CheckTask, FileOutcome>(async ({ file, shown }) => checkFile(await pythonParser(), file, shown, check));
