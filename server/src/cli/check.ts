// `memhints check`: find the files, check (and fix) each, report, pick the exit code.
import { join } from 'node:path';
import { selectRules } from '../config';
import { SAFE_AND_UNSAFE, SAFE_ONLY } from '../fixes';
import { pythonParser } from '../parser';
import { ALL_RULES } from '../rules';
import type { FixSafety } from '../rules/types';
import type { CheckOptions } from './args';
import { displayPath, filesToCheck } from './files';
import { checkFile, type FileCheck, type FileOutcome, type FixMode } from './checkFile';
import type { CheckTask, CheckWorkerData } from './checkWorker';
import { progressIndicator } from './progress';
import type { ReportedFinding } from './report/findings';
import { jsonReport } from './report/json';
import { findingLine, findingsSummary, fixSummary } from './report/text';
import { WorkerPool } from './workerPool';

export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

/** Below this many files, starting worker threads (each loads the grammar) costs more than it saves. */
export const PARALLEL_MIN_FILES = 50;

export interface Streams {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly stderrIsTerminal: boolean;
}

/** What the whole run gave, for the report and the exit code. */
interface RunTotals {
  readonly findings: ReportedFinding[];
  readonly diffs: string[];
  fixed: number;
  fixedFiles: number;
  /** A file or directory could not be read or written. */
  failed: boolean;
}

export async function runCheck(options: CheckOptions, cwd: string, streams: Streams): Promise<number> {
  const search = filesToCheck(options.paths, { cwd, exclude: options.exclude });
  const totals: RunTotals = { findings: [], diffs: [], fixed: 0, fixedFiles: 0, failed: search.problems.length > 0 };
  for (const problem of search.problems) streams.stderr(`memhints: error: ${problem}\n`);

  const check: FileCheck = {
    lint: { rules: selectRules(ALL_RULES, options), ignoreNoqa: options.ignoreNoqa },
    allowed: options.unsafeFixes ? SAFE_AND_UNSAFE : SAFE_ONLY,
    mode: options.diff ? 'diff' : options.fix ? 'write' : 'none',
    maxFileSize: options.maxFileSize,
  };
  const progress = progressIndicator(search.files.length, streams.stderr, options.progress && streams.stderrIsTerminal);
  const files = search.files.map((file) => ({ file, shown: displayPath(file, cwd) }));
  // Outcomes are taken in file order, however the workers finish, so that every run prints the same.
  const take = ({ shown }: CheckTask, outcome: FileOutcome, done: number) => {
    progress.show(done, shown);
    totals.findings.push(...outcome.findings);
    if (outcome.diff) totals.diffs.push(outcome.diff);
    totals.fixed += outcome.fixed;
    if (outcome.fixed > 0) totals.fixedFiles++;
    if (outcome.notice !== undefined) {
      progress.clear();
      streams.stderr(`memhints: notice: ${shown}: ${outcome.notice}\n`);
    }
    if (outcome.problem !== undefined) {
      progress.clear();
      streams.stderr(`memhints: error: ${shown}: ${outcome.problem}\n`);
      totals.failed = true;
    }
  };
  if (options.jobs > 1 && files.length > PARALLEL_MIN_FILES) await checkInWorkers(files, check, options, take);
  else await checkHere(files, check, take);
  progress.clear();
  writeReport(totals, options, check.allowed, check.mode, streams);

  if (totals.failed) return EXIT_ERROR;
  const remains = check.mode === 'diff' ? totals.diffs.length > 0 : totals.findings.length > 0;
  return remains && !options.exitZero ? EXIT_FINDINGS : EXIT_CLEAN;
}

type TakeOutcome = (task: CheckTask, outcome: FileOutcome, done: number) => void;

async function checkHere(files: readonly CheckTask[], check: FileCheck, take: TakeOutcome): Promise<void> {
  // Asked for per file: a parser that faulted is replaced (renewPythonParser).
  for (const [index, task] of files.entries()) take(task, checkFile(await pythonParser(), task.file, task.shown, check), index + 1);
}

async function checkInWorkers(files: readonly CheckTask[], check: FileCheck, options: CheckOptions, take: TakeOutcome): Promise<void> {
  const data: CheckWorkerData = {
    select: options.select,
    ignore: options.ignore,
    ignoreNoqa: check.lint.ignoreNoqa,
    allowed: [...check.allowed],
    mode: check.mode,
    maxFileSize: check.maxFileSize,
  };
  const pool = new WorkerPool<CheckTask, FileOutcome>(join(__dirname, 'checkWorker.js'), Math.min(options.jobs, files.length), data);
  try {
    const outcomes: (FileOutcome | undefined)[] = new Array(files.length);
    let taken = 0;
    await Promise.all(
      files.map(async (task, index) => {
        outcomes[index] = await pool.run(task);
        for (; taken < files.length && outcomes[taken] !== undefined; taken++) take(files[taken]!, outcomes[taken]!, taken + 1);
      }),
    );
  } finally {
    await pool.close();
  }
}

/** Findings or diffs on stdout; summaries beside them, or on stderr when stdout must stay machine-readable. */
function writeReport(totals: RunTotals, options: CheckOptions, allowed: ReadonlySet<FixSafety>, mode: FixMode, streams: Streams): void {
  if (mode === 'diff') {
    streams.stdout(totals.diffs.join(''));
    streams.stderr(totals.fixed > 0 ? `${fixSummary('Would fix', totals.fixed, totals.fixedFiles)}\n` : 'No fixes to apply.\n');
  } else if (options.format === 'json') {
    streams.stdout(jsonReport(totals.findings));
    if (mode === 'write') streams.stderr(`${fixSummary('Fixed', totals.fixed, totals.fixedFiles)}\n`);
  } else {
    const lines = totals.findings.map((finding) => `${findingLine(finding, allowed)}\n`);
    if (mode === 'write' && totals.fixed > 0) lines.push(`${fixSummary('Fixed', totals.fixed, totals.fixedFiles)}\n`);
    lines.push(`${findingsSummary(totals.findings, allowed)}\n`);
    streams.stdout(lines.join(''));
  }
}
