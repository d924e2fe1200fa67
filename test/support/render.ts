// Findings as readable text for snapshots: position, code, scale and message,
// the related places, then each fix as a before/after diff of the lines it touches.
import { applyEdits } from '../../server/src/rules/fixes';
import { lineAndCodePointColumn, lineOfOffset, lineStarts } from '../../server/src/document/positions';
import type { Finding, Fix } from '../../server/src/rules/types';

export function renderFindings(source: string, findings: readonly Finding[]): string {
  const starts = lineStarts(source);
  const blocks = findings.map((finding) => {
    const { line, column } = lineAndCodePointColumn(source, starts, finding.start);
    const related = (finding.related ?? []).map((place) => {
      const at = lineAndCodePointColumn(source, starts, place.start);
      return `\n  related ${at.line}:${at.column} ${place.message}`;
    });
    const head = `${line}:${column} ${finding.code} [${finding.scale ?? 'unknown'}] ${finding.message}${related.join('')}`;
    return finding.fix ? `${head}\n${renderFix(source, starts, finding)}` : `${head}\n  (no fix)`;
  });
  return `${blocks.join('\n\n')}\n`;
}

/** The lines of the finding and of its fix's edits, before and after the fix. */
function renderFix(source: string, starts: readonly number[], finding: Finding): string {
  const fix: Fix = finding.fix!;
  const first = lineOfOffset(starts, Math.min(finding.start, ...fix.edits.map((edit) => edit.start)));
  const last = lineOfOffset(starts, Math.max(finding.end, ...fix.edits.map((edit) => edit.end)));
  const before = linesOf(source, first, last);
  const fixed = applyEdits(source, fix.edits);
  const addedLines = fix.edits.reduce(
    (sum, edit) => sum + newlines(edit.text) - newlines(source.slice(edit.start, edit.end)),
    0,
  );
  const after = linesOf(fixed, first, last + addedLines);
  return [
    `  fix (${fix.safety}): ${fix.title}`,
    ...before.map((text) => `  - ${text}`),
    ...after.map((text) => `  + ${text}`),
  ].join('\n');
}

function linesOf(text: string, first: number, last: number): string[] {
  return text.split(/\r\n|\r|\n/).slice(first, last + 1);
}

function newlines(text: string): number {
  return text.split(/\r\n|\r|\n/).length - 1;
}
