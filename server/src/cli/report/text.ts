// `--format text`: one line per finding, then a summary, in the manner of Ruff.
import type { FixSafety } from '../../rules/types';
import type { ReportedFinding } from './findings';

export function findingLine(finding: ReportedFinding, allowed: ReadonlySet<FixSafety>): string {
  const fixable = finding.fix !== null && allowed.has(finding.fix.safety);
  const where = finding.cell === undefined ? finding.file : `${finding.file}:cell ${finding.cell}`;
  return `${where}:${finding.line}:${finding.column}: ${finding.code} ${finding.message}${fixable ? ' [*]' : ''}`;
}

/**
 * "Found 3 findings (2 fixable with --fix)." or "All checks passed!", which is
 * not claimed when `errors` files or directories could not be read or written.
 */
export function findingsSummary(
  findings: readonly ReportedFinding[],
  allowed: ReadonlySet<FixSafety>,
  errors = 0,
): string {
  if (findings.length === 0)
    return errors === 0
      ? 'All checks passed!'
      : `No findings, but ${count(errors, 'path')} could not be checked (see standard error).`;
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
