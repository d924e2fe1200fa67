// Findings as the CLI reports them: the JSON contract of `memhints check --format json`,
// with 1-based lines and columns counted in Unicode code points. In a notebook,
// `cell` numbers the cell (1-based, among all its cells) and lines count within it.
import { lineAndCodePointColumn, lineStarts } from '../../document/positions';
import type { Finding, FixSafety, Severity } from '../../rules/types';
import { holdsText } from '../../scale/holdsText';
import type { Scale } from '../../scale/scale';
import type { Size } from '../../sizes/size';

export interface ReportedEdit {
  readonly cell?: number;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly text: string;
}

interface ReportedFix {
  readonly safety: FixSafety;
  readonly edits: readonly ReportedEdit[];
}

/** What the flagged code holds that its fix would not: `bytes`, plus `perItem` bytes for each of `count` items when that is not a constant. */
interface ReportedHolds {
  readonly bytes: number;
  readonly perItem: number | null;
  readonly count: string | null;
  readonly approximate: boolean;
  /** As the message says it: "≈ 7.6 MiB", "≈ 8·n B, n = len(rows)". */
  readonly text: string;
}

/** Another place of the same finding (see Finding.related), in the finding's file or cell. */
interface ReportedRelated {
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
  /** small, large or unknown: how much data the flagged code handles. */
  readonly scale: Scale;
  readonly holds: ReportedHolds | null;
  readonly fix: ReportedFix | null;
  /** Only on findings that have related places: the other fields keep the contract's shape. */
  readonly related?: readonly ReportedRelated[];
}

/**
 * Converts findings (UTF-16 offsets into text) while the text is at hand, so it
 * need not be kept; in a notebook, text is the cell's and `cell` its number.
 */
export function reportedFindings(
  file: string,
  text: string,
  findings: readonly Finding[],
  cell?: number,
): ReportedFinding[] {
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
    scale: finding.scale ?? 'unknown',
    holds: finding.holds ? reportedHolds(finding.holds) : null,
    fix: finding.fix
      ? {
          safety: finding.fix.safety,
          edits: [...finding.fix.edits]
            .sort((a, b) => a.start - b.start)
            .map((edit) => ({ ...range(edit.start, edit.end), text: edit.text })),
        }
      : null,
    ...(finding.related?.length
      ? { related: finding.related.map((place) => ({ ...range(place.start, place.end), message: place.message })) }
      : {}),
  }));
}

function reportedHolds(size: Size): ReportedHolds {
  return {
    bytes: size.bytes,
    perItem: size.perCount?.bytes ?? null,
    count: size.perCount?.count ?? null,
    approximate: size.approximate,
    text: holdsText(size),
  };
}
