// `--format json`: one JSON array, the contract other tools read.
import type { ReportedFinding } from './findings';

export function jsonReport(findings: readonly ReportedFinding[]): string {
  return `${JSON.stringify(findings, null, 2)}\n`;
}
