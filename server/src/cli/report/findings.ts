// Findings as the CLI reports them: the JSON contract of `memhints check --format json`,
// with 1-based lines and columns counted in Unicode code points. In a notebook,
// `cell` numbers the cell (1-based, among all its cells) and lines count within it.
import { lineAndCodePointColumn, lineStarts } from '../../positions';
import type { Finding, FixSafety, Severity } from '../../rules/types';

export interface ReportedEdit {
  readonly cell?: number;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly text: string;
}

export interface ReportedFix {
  readonly safety: FixSafety;
  readonly edits: readonly ReportedEdit[];
}

/** Another place of the same finding (see Finding.related), in the finding's file or cell. */
export interface ReportedRelated {
  readonly cell?: number;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly message: string;
}

export interface ReportedFinding {
  /** The path relative to the current directory (absolute outside it). */
  readonly file: string;
  /** The notebook cell, for .ipynb files only. */
  readonly cell?: number;
  readonly line: number;
  readonly column: number;
  /** Where the flagged code ends (exclusive). */
  readonly endLine: number;
  readonly endColumn: number;
  readonly code: string;
  readonly message: string;
  readonly severity: Severity;
  readonly fix: ReportedFix | null;
  /** Only on findings that have related places: the other fields keep the contract's shape. */
  readonly related?: readonly ReportedRelated[];
}

/**
 * Converts findings (UTF-16 offsets into text) while the text is at hand, so it
 * need not be kept; in a notebook, text is the cell's and `cell` its number.
 */
export function reportedFindings(file: string, text: string, findings: readonly Finding[], cell?: number): ReportedFinding[] {
  const starts = lineStarts(text);
  const inCell = cell === undefined ? {} : { cell };
  const range = (start: number, end: number) => {
    const from = lineAndCodePointColumn(text, starts, start);
    const to = lineAndCodePointColumn(text, starts, end);
    return { ...inCell, line: from.line, column: from.column, endLine: to.line, endColumn: to.column };
  };
  return findings.map((finding) => ({
    file,
    ...range(finding.start, finding.end),
    code: finding.code,
    message: finding.message,
    severity: finding.severity,
    fix: finding.fix
      ? {
          safety: finding.fix.safety,
          edits: [...finding.fix.edits].sort((a, b) => a.start - b.start).map((edit) => ({ ...range(edit.start, edit.end), text: edit.text })),
        }
      : null,
    ...(finding.related?.length ? { related: finding.related.map((place) => ({ ...range(place.start, place.end), message: place.message })) } : {}),
  }));
}
