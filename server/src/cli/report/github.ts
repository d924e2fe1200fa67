// `--format github`: GitHub Actions workflow commands, one per finding, which
// GitHub shows as annotations on the lines of a pull request.
import type { Severity } from '../../rules/types';
import type { ReportedFinding } from './findings';

const COMMAND: Readonly<Record<Severity, 'error' | 'warning' | 'notice'>> = {
  error: 'error',
  warning: 'warning',
  information: 'notice',
  hint: 'notice',
};

/** `names` maps a code to its rule's name, for the annotation's title. */
export function githubReport(findings: readonly ReportedFinding[], names: ReadonlyMap<string, string>): string {
  return findings.map((finding) => `${githubCommand(finding, names.get(finding.code))}\n`).join('');
}

export function githubCommand(finding: ReportedFinding, name: string | undefined): string {
  const properties = [
    ['file', finding.file.replace(/\\/g, '/')],
    ['line', String(finding.line)],
    ['col', String(finding.column)],
    ['endLine', String(finding.endLine)],
    ['endColumn', String(finding.endColumn)],
    ['title', name === undefined ? finding.code : `${finding.code} (${name})`],
  ];
  const list = properties.map(([key, value]) => `${key}=${escapeProperty(value!)}`).join(',');
  return `::${COMMAND[finding.severity]} ${list}::${escapeData(finding.message)}`;
}

/** As @actions/core escapes a command's message. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value also must not hold the ',' and ':' that separate properties and the message. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
