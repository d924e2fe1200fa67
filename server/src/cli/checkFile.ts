// Checking (and fixing) one file: the same whether it runs in the main thread or in a worker.
import { resolve } from 'node:path';
import type { Parser } from 'web-tree-sitter';
import type { DataFiles } from '../data/dataFiles';
import { defaultDataFiles } from '../data/estimators';
import { dataReadScales } from '../engine/dataReadScales';
import { DEFAULT_SMALL_BYTES } from '../scale/scale';
import { THIS_MACHINE } from '../scale/memoryLimit';
import { CPYTHON, DEFAULT_PYTHON_VERSION } from '../sizes/cpython';
import type { FixSafety } from '../rules/types';
import { fixRepeatedly } from './fix';
import { assertParsable, lintText, NotCheckable, type LintOptions } from './lint';
import type { FileSettings } from './projectSettings';
import { unifiedDiff } from './report/diff';
import { reportedFindings, type ReportedFinding } from './report/findings';
import { readSource, SourceError, writeSourceIfUnchanged, type SourceFile } from './source';

export type FixMode = 'none' | 'write' | 'diff';

/** What checking one file gave; plain data, so that it can come back from a worker thread. */
export interface FileOutcome {
  readonly findings: readonly ReportedFinding[];
  readonly fixed: number;
  /** The unified diff of the fixes, with --diff. */
  readonly diff: string;
  /** Why the file could not be read, or the fixed text written, if it could not. */
  readonly problem?: string;
  /** Why the file was not checked (too large, nested too deep): a notice, not an error. */
  readonly notice?: string;
}

export interface FileCheck {
  readonly lint: LintOptions;
  /** The memory the checked programs may take (0: this machine's), and the bytes read at most from a data file. */
  readonly data: Pick<FileSettings, 'memoryBudget' | 'dataSampleSize'>;
  readonly allowed: ReadonlySet<FixSafety>;
  readonly mode: FixMode;
  readonly maxFileSize: number;
}

const NOTHING = { findings: [], fixed: 0, diff: '' } as const;

/** A link to a file outside the folder searched is only checked: fixing it would write outside that folder. */
export function fixModeFor(task: { readonly linkedTo?: string }, mode: FixMode): FixMode {
  return task.linkedTo === undefined ? mode : 'none';
}

/** The data files under the current folder, the command line's workspace: one cache per process or worker. */
let dataFiles: DataFiles | undefined;

/** Reads of data files in the current folder take the files' scale (a 40-row CSV is small). */
function withDataFiles(check: FileCheck, file: string): FileCheck {
  dataFiles ??= defaultDataFiles([process.cwd()]);
  const layout = CPYTHON[check.lint.pythonVersion ?? DEFAULT_PYTHON_VERSION];
  const dataReads = dataReadScales(dataFiles, {
    documentPath: resolve(file),
    layout,
    smallBytes: check.lint.smallBytes ?? DEFAULT_SMALL_BYTES,
    sampleBytes: check.data.dataSampleSize,
    memoryBudget: check.data.memoryBudget,
    machine: THIS_MACHINE,
  });
  return { ...check, lint: { ...check.lint, dataReads } };
}

/** Never throws: whatever goes wrong with one file is its outcome's problem or notice, and the run goes on. */
export function checkFile(parser: Parser, file: string, shown: string, run: FileCheck): FileOutcome {
  try {
    const check = withDataFiles(run, file);
    if (isNotebook(file)) {
      // Loaded with the first notebook: what reads them is of no use to a run over Python files.
      const { checkNotebook } = require('./checkNotebook') as typeof import('./checkNotebook');
      return checkNotebook(parser, file, shown, check);
    }
    return checkPythonFile(parser, file, shown, check);
  } catch (error) {
    if (error instanceof NotCheckable) return { ...NOTHING, notice: `not checked: ${error.message}` };
    // Nor is the file left half fixed: it is only written at the end.
    return {
      ...NOTHING,
      problem: `internal error while checking it (please report it): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    };
  }
}

function checkPythonFile(parser: Parser, file: string, shown: string, check: FileCheck): FileOutcome {
  let source: SourceFile;
  try {
    source = readSource(file, { bytes: check.maxFileSize, note: 'see --max-file-size' });
  } catch (error) {
    if (!(error instanceof SourceError)) throw error;
    return { ...NOTHING, problem: error.message };
  }
  assertParsable(source.text, check.maxFileSize);
  return checkSource(parser, file, shown, source, check);
}

function checkSource(parser: Parser, file: string, shown: string, source: SourceFile, check: FileCheck): FileOutcome {
  const findingsIn = (text: string) => lintText(parser, text, check.lint);
  if (check.mode === 'none')
    return { findings: reportedFindings(shown, source.text, findingsIn(source.text)), fixed: 0, diff: '' };
  const outcome = fixRepeatedly(source.text, findingsIn, check.allowed);
  const findings = reportedFindings(shown, outcome.text, outcome.findings);
  if (outcome.text === source.text) return { findings, fixed: 0, diff: '' };
  if (check.mode === 'diff')
    return { findings, fixed: outcome.fixed, diff: unifiedDiff(shown, source.text, outcome.text) };
  try {
    writeSourceIfUnchanged(file, source, outcome.text);
  } catch (error) {
    if (!(error instanceof SourceError)) throw error;
    // Nothing was fixed, so what the file holds is what to report.
    return {
      findings: reportedFindings(shown, source.text, findingsIn(source.text)),
      fixed: 0,
      diff: '',
      problem: error.message,
    };
  }
  return { findings, fixed: outcome.fixed, diff: '' };
}

function isNotebook(file: string): boolean {
  return file.toLowerCase().endsWith('.ipynb');
}
