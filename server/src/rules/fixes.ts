// Combining and applying fixes: shared by code actions, fix-on-save and `memhints check --fix`.
import type { Finding, FixSafety, TextEdit } from './types';

/**
 * The edits of as many fixes as can be applied together: fixes are taken in
 * document order and one whose edits overlap an earlier taken fix is left for
 * a later pass.
 */
export function combinedEdits(findings: readonly Finding[], allowed: ReadonlySet<FixSafety>): TextEdit[] {
  const taken: TextEdit[] = [];
  let lastEnd = -1;
  for (const finding of [...findings].sort((a, b) => a.start - b.start)) {
    const fix = finding.fix;
    if (!fix || !allowed.has(fix.safety) || fix.edits.length === 0) continue;
    const edits = [...fix.edits].sort((a, b) => a.start - b.start);
    if (edits[0]!.start <= lastEnd) continue;
    taken.push(...edits);
    lastEnd = Math.max(...edits.map((edit) => edit.end));
  }
  return taken;
}

/** Applies non-overlapping edits (UTF-16 offsets) to text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start);
  let result = text;
  let previousStart = Number.POSITIVE_INFINITY;
  for (const edit of sorted) {
    if (edit.end > previousStart) throw new Error(`overlapping edits at offset ${edit.start}`);
    result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
    previousStart = edit.start;
  }
  return result;
}

export const SAFE_ONLY: ReadonlySet<FixSafety> = new Set(['safe']);
export const SAFE_AND_UNSAFE: ReadonlySet<FixSafety> = new Set(['safe', 'unsafe']);
