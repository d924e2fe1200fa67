// `--format text`: one line per finding, then a summary, in the manner of Ruff.
import type { FixSafety } from '../../rules/types';
import type { ReportedFinding } from './findings';

export function findingLine(finding: ReportedFinding, allowed: ReadonlySet<FixSafety>): string {
  const fixable = finding.fix !== null && allowed.has(finding.fix.safety);
  const where = finding.cell === undefined ? finding.file : `${finding.file}:cell ${finding.cell}`;
  return `${where}:${finding.line}:${finding.column}: ${finding.code} ${finding.message}${fixable ? ' [*]' : ''}`;
}

/** How many files a run looked at, and how many of them it could not check. */
export interface RunCounts {
  readonly files: number;
  /** Files or directories that could not be read or written. */
  readonly errors: number;
  /** Files declined with a notice (too large, nested too deep, not a regular file). */
  readonly notChecked: number;
}

/**
 * "Found 3 findings (2 fixable with --fix)." or "All checks passed!", which is
 * claimed only when every file found was checked, and at least one was.
 */
export function findingsSummary(
  findings: readonly ReportedFinding[],
  allowed: ReadonlySet<FixSafety>,
  counts: RunCounts,
): string {
  if (findings.length === 0) {
    if (counts.errors > 0)
      return `No findings, but ${count(counts.errors, 'path')} could not be checked (see standard error).`;
    if (counts.files === 0) return 'No Python files found.';
    if (counts.notChecked > 0)
      return `No findings, but ${count(counts.notChecked, 'file')} ${counts.notChecked === 1 ? 'was' : 'were'} not checked (see standard error).`;
    return 'All checks passed!';
  }
  const fixable = findings.filter((finding) => finding.fix !== null && allowed.has(finding.fix.safety)).length;
  const withUnsafe = findings.filter((finding) => finding.fix !== null && !allowed.has(finding.fix.safety)).length;
  const notes: string[] = [];
  if (fixable > 0) notes.push(`${fixable} fixable with --fix`);
  if (withUnsafe > 0) notes.push(`${withUnsafe} ${fixable > 0 ? 'more ' : ''}fixable with --fix --unsafe-fixes`);
  return `Found ${count(findings.length, 'finding')}${notes.length > 0 ? ` (${notes.join(', ')})` : ''}.`;
}

/** "Fixed 3 findings in 2 files." (or "Would fix ..." for --diff). */
export function fixSummary(verb: 'Fixed' | 'Would fix', fixed: number, files: number): string {
  return `${verb} ${count(fixed, 'finding')} in ${count(files, 'file')}.`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
