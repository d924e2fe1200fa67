// `memhints check`: find the files, check (and fix) each, report, pick the exit code.
import { SAFE_AND_UNSAFE, SAFE_ONLY } from '../rules/fixes';
import type { FixSafety, Rule } from '../rules/types';
import type { CheckOptions, OutputFormat } from './args';
import { displayPath, filesToCheck } from './files';
import type { FileOutcome, FixMode } from './checkFile';
import {
  checkFiles,
  checkWorkers,
  enoughForWorkers,
  mayNameMany,
  type CheckWorkers,
  type RunCheck,
} from './checkFiles';
import type { CheckTask } from './checkWorker';
import { progressIndicator } from './progress';
import { packageManifest } from './manifest';
import { CheckSettings, rulesOfAny } from './projectSettings';
import type { ReportedFinding } from './report/findings';
import { githubReport } from './report/github';
import { jsonReport } from './report/json';
import { sarifReport } from './report/sarif';
import { ruleStatistics, statisticsJson, statisticsText } from './report/statistics';
import { findingLine, findingsSummary, fixSummary, type RunCounts } from './report/text';

export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

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
  /** Files or directories that could not be read or written (each reported on stderr). */
  errors: number;
  /** Files declined with a notice (each reported on stderr). */
  notChecked: number;
}

export async function runCheck(options: CheckOptions, cwd: string, streams: Streams): Promise<number> {
  const check: RunCheck = {
    ignoreNoqa: options.ignoreNoqa,
    allowed: options.unsafeFixes ? SAFE_AND_UNSAFE : SAFE_ONLY,
    mode: options.diff ? 'diff' : options.fix ? 'write' : 'none',
    maxFileSize: options.maxFileSize,
  };
  // --jobs N: this thread and N - 1 workers, started while the files are found when there may be many.
  let workers = options.jobs > 1 && mayNameMany(options.paths, cwd) ? checkWorkers(options.jobs - 1, check) : undefined;
  try {
    const found = findFiles(options, cwd, streams);
    if (options.jobs > 1 && enoughForWorkers(found.files)) workers ??= checkWorkers(options.jobs - 1, check);
    else if (workers) {
      await workers.close();
      workers = undefined;
    }
    return await checkAndReport(found, check, options, cwd, streams, workers);
  } finally {
    await workers?.close();
  }
}

/** The files to check, each with its settings, and the problems met finding them (already reported). */
interface FoundFiles {
  readonly files: readonly CheckTask[];
  readonly problems: number;
}

function findFiles(options: CheckOptions, cwd: string, streams: Streams): FoundFiles {
  const settings = new CheckSettings(options, cwd);
  const search = filesToCheck(options.paths, {
    cwd,
    exclude: options.exclude,
    excludeIn: (dir) => settings.excludeIn(dir),
  });
  // Every file's settings before any is checked, so that a bad pyproject.toml stops the run before it writes anything.
  const files: CheckTask[] = search.files.map((file) => {
    const linkedTo = search.linksOutside.get(file);
    return { file, shown: displayPath(file, cwd), settings: settings.forFile(file), ...(linkedTo ? { linkedTo } : {}) };
  });
  if (files.length === 0 && search.problems.length === 0)
    streams.stderr('memhints: warning: no Python files found under the given paths\n');
  for (const problem of search.problems) streams.stderr(`memhints: error: ${problem}\n`);
  return { files, problems: search.problems.length };
}

async function checkAndReport(
  { files, problems }: FoundFiles,
  check: RunCheck,
  options: CheckOptions,
  cwd: string,
  streams: Streams,
  workers: CheckWorkers | undefined,
): Promise<number> {
  const totals: RunTotals = {
    findings: [],
    diffs: [],
    fixed: 0,
    fixedFiles: 0,
    errors: problems,
    notChecked: 0,
  };
  const progress = progressIndicator(files.length, streams.stderr, options.progress && streams.stderrIsTerminal);
  // Outcomes are taken in file order, however the workers finish, so that every run prints the same.
  const take = ({ shown, linkedTo }: CheckTask, outcome: FileOutcome, done: number) => {
    progress.show(done, shown);
    if (linkedTo !== undefined && check.mode !== 'none') {
      progress.clear();
      streams.stderr(`memhints: notice: ${shown}: not fixed: it links to ${linkedTo}, outside the folder checked\n`);
    }
    totals.findings.push(...outcome.findings);
    if (outcome.diff) totals.diffs.push(outcome.diff);
    totals.fixed += outcome.fixed;
    if (outcome.fixed > 0) totals.fixedFiles++;
    if (outcome.notice !== undefined) {
      totals.notChecked++;
      progress.clear();
      streams.stderr(`memhints: notice: ${shown}: ${outcome.notice}\n`);
    }
    if (outcome.problem !== undefined) {
      progress.clear();
      streams.stderr(`memhints: error: ${shown}: ${outcome.problem}\n`);
      totals.errors++;
    }
  };
  await checkFiles(files, check, take, workers);
  progress.clear();
  writeReport(
    totals,
    options,
    {
      rules: rulesOfAny(new Set(files.map((task) => task.settings))),
      allowed: check.allowed,
      mode: check.mode,
      cwd,
      counts: { files: files.length, errors: totals.errors, notChecked: totals.notChecked },
    },
    streams,
  );

  // Not 1: a file that was never checked is not a finding, and --exit-zero (which makes findings advisory) must not hide it.
  if (totals.errors > 0) return EXIT_ERROR;
  const remains = check.mode === 'diff' ? totals.diffs.length > 0 : totals.findings.length > 0;
  return remains && !options.exitZero ? EXIT_FINDINGS : EXIT_CLEAN;
}

/** What a report needs besides the findings. */
interface ReportContext {
  /** The rules that ran. */
  readonly rules: readonly Rule[];
  readonly allowed: ReadonlySet<FixSafety>;
  readonly mode: FixMode;
  readonly cwd: string;
  readonly counts: RunCounts;
}

/** Findings or diffs on stdout; summaries beside them, or on stderr when stdout must stay machine-readable. */
function writeReport(totals: RunTotals, options: CheckOptions, context: ReportContext, streams: Streams): void {
  const { allowed, mode } = context;
  if (mode === 'diff') {
    streams.stdout(totals.diffs.join(''));
    streams.stderr(
      totals.fixed > 0 ? `${fixSummary('Would fix', totals.fixed, totals.fixedFiles)}\n` : 'No fixes to apply.\n',
    );
  } else if (options.format === 'text') {
    const lines = options.statistics
      ? [statisticsText(ruleStatistics(totals.findings, context.rules, allowed))]
      : totals.findings.map((finding) => `${findingLine(finding, allowed)}\n`);
    if (mode === 'write' && totals.fixed > 0) lines.push(`${fixSummary('Fixed', totals.fixed, totals.fixedFiles)}\n`);
    if (!options.statistics) lines.push(`${findingsSummary(totals.findings, allowed, context.counts)}\n`);
    streams.stdout(lines.join(''));
  } else {
    streams.stdout(MACHINE_REPORTS[options.format](totals.findings, options, context));
    if (mode === 'write') streams.stderr(`${fixSummary('Fixed', totals.fixed, totals.fixedFiles)}\n`);
  }
}

type MachineReport = (findings: readonly ReportedFinding[], options: CheckOptions, context: ReportContext) => string;

/** The formats whose standard output is for programs: one module each under report/. */
const MACHINE_REPORTS: Readonly<Record<Exclude<OutputFormat, 'text'>, MachineReport>> = {
  json: (findings, options, { rules, allowed }) =>
    options.statistics ? statisticsJson(ruleStatistics(findings, rules, allowed)) : jsonReport(findings),
  sarif: (findings, _options, { rules, cwd }) => {
    const manifest = packageManifest();
    return sarifReport(findings, {
      rules,
      cwd,
      tool: { version: manifest.version, informationUri: manifest.repositoryUrl },
    });
  },
  github: (findings, _options, { rules }) =>
    githubReport(findings, new Map(rules.map((rule) => [rule.code, rule.name]))),
};
