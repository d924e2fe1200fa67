// `--fix`: apply the allowed fixes, re-check, and repeat while fixes keep applying,
// since fixes left out for overlapping an earlier one (or revealed by it) need another pass.
import { applyEdits, combinedEdits } from '../rules/fixes';
import type { Finding, FixSafety } from '../rules/types';

export const MAX_FIX_PASSES = 10;

export interface FixOutcome {
  readonly text: string;
  /** How many findings' fixes were applied, over all passes. */
  readonly fixed: number;
  /** The findings in the final text. */
  readonly findings: readonly Finding[];
}

export function fixRepeatedly(
  text: string,
  findingsIn: (text: string) => Finding[],
  allowed: ReadonlySet<FixSafety>,
): FixOutcome {
  let current = text;
  let findings = findingsIn(current);
  let fixed = 0;
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const edits = combinedEdits(findings, allowed);
    if (edits.length === 0) break;
    const next = applyEdits(current, edits);
    if (next === current) break;
    // combinedEdits hands back the fixes' own edit objects, so a fix was taken when its edits are among them.
    const taken = new Set(edits);
    fixed += findings.filter((finding) => finding.fix?.edits.some((edit) => taken.has(edit))).length;
    current = next;
    findings = findingsIn(current);
  }
  return { text: current, fixed, findings };
}
