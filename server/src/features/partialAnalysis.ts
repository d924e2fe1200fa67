// The information diagnostics of a file whose diagnostics are not all there:
// the analysis stopped at the budget and goes on in the background, or the
// file has more findings than the editor is sent. Without them the user would
// take what is shown for all there is.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { Finding, Severity } from '../rules/types';
import { formatCount } from '../sizes/format';
import { DIAGNOSTIC_SOURCE } from './diagnostics';

/** Findings sent to the editor per file, at most: past some thousands, publishing them takes seconds and hundreds of MB. */
export const MAX_FINDINGS_SHOWN = 1_000;

/** Where the work on a version of a file stopped at the budget. */
export type Unfinished =
  /** Its parse ran out of time: nothing is known of it yet. */
  | { readonly stage: 'parse'; readonly budgetMs: number }
  /** `pending` of its `statements` statements (top-level ones, and those of its classes' bodies) are not analysed yet. */
  | { readonly stage: 'analysis'; readonly budgetMs: number; readonly pending: number; readonly statements: number };

export function partialDiagnostic(unfinished: Unfinished): Diagnostic {
  const budget = `memhints.analysisBudget (${formatCount(unfinished.budgetMs)} ms)`;
  const what =
    unfinished.stage === 'parse'
      ? `parsing it took longer than ${budget}`
      : `${count(unfinished.pending)} of its ${count(unfinished.statements)} statements are left after ${budget}`;
  return information(
    `memhints has partially analysed this file: ${what}. The rest is being checked in the background.`,
  );
}

export interface Shown {
  /** The findings to show, in document order. */
  readonly findings: readonly Finding[];
  /** How many there are in all. */
  readonly total: number;
}

const RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, information: 2, hint: 3 };

/** At most `max` findings, the most severe first, in document order; all of them when there are no more. */
export function findingsShown(findings: readonly Finding[], max = MAX_FINDINGS_SHOWN): Shown {
  if (findings.length <= max) return { findings, total: findings.length };
  const kept = findings
    .map((finding, index) => ({ finding, index }))
    .sort((a, b) => RANK[a.finding.severity] - RANK[b.finding.severity] || a.index - b.index)
    .slice(0, max)
    .sort((a, b) => a.index - b.index)
    .map(({ finding }) => finding);
  return { findings: kept, total: findings.length };
}

export function cappedDiagnostic(shown: Shown): Diagnostic {
  return information(
    `memhints shows ${count(shown.findings.length)} of the ${count(shown.total)} findings in this file, the most severe first.`,
  );
}

function information(message: string): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: DIAGNOSTIC_SOURCE,
    message,
  };
}

const count = formatCount;
