// `memhints check`: find the files, check (and fix) each, report, pick the exit code.
import type { Parser } from 'web-tree-sitter';
import { selectRules } from '../config';
import { SAFE_AND_UNSAFE, SAFE_ONLY } from '../fixes';
import { pythonParser } from '../parser';
import { ALL_RULES } from '../rules';
import type { FixSafety } from '../rules/types';
import type { CheckOptions } from './args';
import { displayPath, filesToCheck } from './files';
import { fixRepeatedly } from './fix';
import { lintText, type LintOptions } from './lint';
import { progressIndicator } from './progress';
import { unifiedDiff } from './report/diff';
import { reportedFindings, type ReportedFinding } from './report/findings';
import { jsonReport } from './report/json';
import { findingLine, findingsSummary, fixSummary } from './report/text';
import { readSource, SourceError, writeSourceIfUnchanged } from './source';

export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

export interface Streams {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly stderrIsTerminal: boolean;
}

/** What checking one file gave. */
interface FileOutcome {
  readonly findings: readonly ReportedFinding[];
  readonly fixed: number;
  /** The unified diff of the fixes, with --diff. */
  readonly diff: string;
  /** Why the fixed text could not be written, if it could not. */
  readonly problem?: string;
}

type FixMode = 'none' | 'write' | 'diff';

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

  const parser = await pythonParser();
  const lint: LintOptions = { rules: selectRules(ALL_RULES, options), ignoreNoqa: options.ignoreNoqa };
  const allowed = options.unsafeFixes ? SAFE_AND_UNSAFE : SAFE_ONLY;
  const mode: FixMode = options.diff ? 'diff' : options.fix ? 'write' : 'none';
  const progress = progressIndicator(search.files.length, streams.stderr, options.progress && streams.stderrIsTerminal);
  const reportProblem = (shown: string, problem: string) => {
    progress.clear();
    streams.stderr(`memhints: error: ${shown}: ${problem}\n`);
    totals.failed = true;
  };

  for (const [index, file] of search.files.entries()) {
    const shown = displayPath(file, cwd);
    progress.show(index + 1, shown);
    try {
      const outcome = checkFile(parser, file, shown, lint, allowed, mode);
      totals.findings.push(...outcome.findings);
      if (outcome.diff) totals.diffs.push(outcome.diff);
      totals.fixed += outcome.fixed;
      if (outcome.fixed > 0) totals.fixedFiles++;
      if (outcome.problem !== undefined) reportProblem(shown, outcome.problem);
    } catch (error) {
      if (!(error instanceof SourceError)) throw error;
      reportProblem(shown, error.message);
    }
  }
  progress.clear();
  writeReport(totals, options, allowed, mode, streams);

  if (totals.failed) return EXIT_ERROR;
  const remains = mode === 'diff' ? totals.diffs.length > 0 : totals.findings.length > 0;
  return remains && !options.exitZero ? EXIT_FINDINGS : EXIT_CLEAN;
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

function checkFile(parser: Parser, file: string, shown: string, lint: LintOptions, allowed: ReadonlySet<FixSafety>, mode: FixMode): FileOutcome {
  const source = readSource(file);
  const findingsIn = (text: string) => lintText(parser, text, lint);
  if (mode === 'none') return { findings: reportedFindings(shown, source.text, findingsIn(source.text)), fixed: 0, diff: '' };
  const outcome = fixRepeatedly(source.text, findingsIn, allowed);
  const findings = reportedFindings(shown, outcome.text, outcome.findings);
  if (outcome.text === source.text) return { findings, fixed: 0, diff: '' };
  if (mode === 'diff') return { findings, fixed: outcome.fixed, diff: unifiedDiff(shown, source.text, outcome.text) };
  try {
    writeSourceIfUnchanged(file, source, outcome.text);
  } catch (error) {
    if (!(error instanceof SourceError)) throw error;
    // Nothing was fixed, so what the file holds is what to report.
    return { findings: reportedFindings(shown, source.text, findingsIn(source.text)), fixed: 0, diff: '', problem: error.message };
  }
  return { findings, fixed: outcome.fixed, diff: '' };
}
