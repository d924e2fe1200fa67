// Checking a run's files: on this thread, and on worker threads when the run
// is large enough to repay starting them. The workers start while the files
// are being found; this thread checks files from the start, and the workers
// take files from the same list once they are ready, so a worker still
// starting holds up nothing, and a run over before it is ready never used it.
import { statSync, type Stats } from 'node:fs';
import { join, resolve } from 'node:path';
import { compiledGrammar, pythonParser } from '../document/parser';
import { checkFile, fixModeFor, type FileCheck, type FileOutcome } from './checkFile';
import type { CheckTask, CheckWorkerData } from './checkWorker';
import { lintOptions, type FileSettings } from './projectSettings';
import type { WorkerPool } from './workerPool';

/** More paths than this on the command line may be many files: worker threads are started before they are found. */
export const PARALLEL_MIN_FILES = 50;
/**
 * Less to check than this and no worker thread is used. A worker takes 100-150 ms
 * of CPU to start (node's own start, the bundle compiled, its code run cold),
 * in which one thread checks about 250 KB of the standard library.
 */
export const PARALLEL_MIN_BYTES = 512 * 1024;
/** Tasks a worker holds at a time: while this thread checks a file, the worker goes on with the next one it holds. */
const WORKER_DEPTH = 8;

/** What a run's files share; each file's rules come with its task. */
export type RunCheck = Omit<FileCheck, 'lint' | 'data'> & { readonly ignoreNoqa: boolean };

export type TakeOutcome = (task: CheckTask, outcome: FileOutcome, done: number) => void;

export type CheckWorkers = WorkerPool<CheckTask, FileOutcome>;

/** `count` worker threads for the run's files, given this process's compiled grammar. */
export function checkWorkers(count: number, check: RunCheck): CheckWorkers {
  const data: CheckWorkerData = {
    ignoreNoqa: check.ignoreNoqa,
    allowed: [...check.allowed],
    mode: check.mode,
    maxFileSize: check.maxFileSize,
    grammar: compiledGrammar(),
  };
  // Loaded here: node's worker_threads, which it loads, cost a check of a few files 3 ms at start.
  const { WorkerPool: Pool } = require('./workerPool') as typeof import('./workerPool');
  return new Pool<CheckTask, FileOutcome>(join(__dirname, 'checkWorker.js'), count, data, WORKER_DEPTH);
}

/** Whether the command line may name many files: a directory, or many paths. */
export function mayNameMany(paths: readonly string[], cwd: string): boolean {
  return paths.length > PARALLEL_MIN_FILES || paths.some((path) => statOf(resolve(cwd, path))?.isDirectory() === true);
}

/** Whether the files found are enough to repay worker threads. */
export function enoughForWorkers(files: readonly CheckTask[]): boolean {
  let bytes = 0;
  for (const { file } of files) {
    bytes += statOf(file)?.size ?? 0;
    if (bytes >= PARALLEL_MIN_BYTES) return true;
  }
  return false;
}

/** A path's stat, or undefined where it cannot be had: finding and reading the files reports why. */
function statOf(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/**
 * Checks every file, on this thread and on `workers` when given, and hands
 * each outcome to `take` in file order, however the threads finish.
 */
export async function checkFiles(
  files: readonly CheckTask[],
  check: RunCheck,
  take: TakeOutcome,
  workers?: CheckWorkers,
): Promise<void> {
  const outcomes: (FileOutcome | undefined)[] = new Array(files.length);
  let taken = 0;
  const settle = (index: number, outcome: FileOutcome) => {
    outcomes[index] = outcome;
    for (; taken < files.length && outcomes[taken] !== undefined; taken++)
      take(files[taken]!, outcomes[taken]!, taken + 1);
  };
  let next = 0;
  const inWorkers: Promise<void>[] = [];
  let failure: unknown;
  const feed = () => {
    while (failure === undefined && workers?.hasRoom() && next < files.length) {
      const index = next++;
      inWorkers.push(
        workers.run(files[index]!).then(
          (outcome) => settle(index, outcome),
          (error: unknown) => {
            failure ??= error;
          },
        ),
      );
    }
  };
  workers?.onRoom(feed);
  feed();
  const here = new FileChecks(check);
  while (next < files.length && failure === undefined) {
    const index = next++;
    settle(index, await here.check(files[index]!));
    // A turn of the event loop: the workers' outcomes come in, and they are given more files.
    if (workers) await new Promise((resolve) => setImmediate(resolve));
  }
  await Promise.all(inWorkers);
  if (failure !== undefined) throw failure;
}

/** This thread's checks: one FileCheck per file settings. */
class FileChecks {
  private readonly checks = new Map<FileSettings, FileCheck>();

  constructor(private readonly run: RunCheck) {}

  async check(task: CheckTask): Promise<FileOutcome> {
    let fileCheck = this.checks.get(task.settings);
    if (!fileCheck) {
      fileCheck = {
        lint: lintOptions(task.settings, this.run.ignoreNoqa),
        data: task.settings,
        allowed: this.run.allowed,
        mode: this.run.mode,
        maxFileSize: this.run.maxFileSize,
      };
      this.checks.set(task.settings, fileCheck);
    }
    // Asked for per file: a parser that faulted is replaced (renewPythonParser).
    return checkFile(await pythonParser(), task.file, task.shown, {
      ...fileCheck,
      mode: fixModeFor(task, fileCheck.mode),
    });
  }
}
