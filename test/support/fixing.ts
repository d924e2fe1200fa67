// Applying fixes until none applies, the way `--fix` and fix-on-save do.
import { applyEdits, combinedEdits } from '../../server/src/rules/fixes';
import type { FixSafety, Rule } from '../../server/src/rules/types';
import { findingsIn } from './analyze';

export interface FixedSource {
  readonly text: string;
  /** Passes that changed the text. */
  readonly passes: number;
  /** True when a final pass found nothing left to fix (not stopped by the pass limit). */
  readonly settled: boolean;
}

export async function fixRepeatedly(
  source: string,
  allowed: ReadonlySet<FixSafety>,
  rules?: readonly Rule[],
  maxPasses = 10,
): Promise<FixedSource> {
  let text = source;
  for (let pass = 0; pass < maxPasses; pass++) {
    const findings = await findingsIn(text, rules ? { rules } : {});
    const edits = combinedEdits(findings, allowed);
    if (edits.length === 0) return { text, passes: pass, settled: true };
    text = applyEdits(text, edits);
  }
  return { text, passes: maxPasses, settled: false };
}
