// The check itself: each finding of a variant text lies where the plain
// text's finding lies once the variant is made of it, and its fix, applied,
// gives the variant of the plain text fixed the same way.
import type { FoundFinding } from './found';
import { applyOffsetEdits, type VariantText } from './variants';

/** Fixes checked, by rule code: all, and those with astral characters put before them on their line. */
export class Tally {
  readonly fixes = new Map<string, number>();
  readonly prefixed = new Map<string, number>();

  add(code: string, prefixed: boolean): void {
    this.fixes.set(code, (this.fixes.get(code) ?? 0) + 1);
    if (prefixed) this.prefixed.set(code, (this.prefixed.get(code) ?? 0) + 1);
  }

  get total(): number {
    return [...this.fixes.values()].reduce((sum, count) => sum + count, 0);
  }

  describe(): string {
    return [...this.fixes]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(
        ([code, count]) =>
          `${code} ${count}${this.prefixed.has(code) ? ` (${this.prefixed.get(code)} after astral)` : ''}`,
      )
      .join(', ');
  }
}

/** Where two texts first differ, with some context, for a failure message. */
export function firstDifference(expected: string, actual: string): string {
  let at = 0;
  while (at < expected.length && expected[at] === actual[at]) at++;
  const around = (text: string) => JSON.stringify(text.slice(Math.max(0, at - 60), at + 60));
  return `first difference at offset ${at}:\n  expected ${around(expected)}\n  actual   ${around(actual)}`;
}

/**
 * Compares the findings `found` in a variant text with those `reference` of its
 * plain text (offsets of the plain text); returns one message per mismatch.
 */
export function compareFindings(
  where: string,
  reference: readonly FoundFinding[],
  found: readonly FoundFinding[],
  variant: VariantText,
  tally: Tally,
): string[] {
  const codes = (findings: readonly FoundFinding[]) => findings.map((finding) => finding.code).join(' ');
  if (codes(reference) !== codes(found))
    return [
      `${where}: findings differ from the plain text's:\n  plain   ${codes(reference)}\n  variant ${codes(found)}`,
    ];
  const failures: string[] = [];
  reference.forEach((plain, index) => {
    const finding = found[index]!;
    const at = `${where}: ${plain.code} of plain line ${variant.plainLine(plain.start)}`;
    const [start, end] = variant.offsetsOf([plain.start, plain.end]);
    if (finding.start !== start || finding.end !== end)
      failures.push(
        `${at}: range ${finding.start}-${finding.end} ${JSON.stringify(variant.text.slice(finding.start, finding.end))}, expected ${start}-${end} ${JSON.stringify(variant.text.slice(start, end))}`,
      );
    if (!plain.fix || !finding.fix) {
      if (plain.fix || finding.fix) failures.push(`${at}: ${plain.fix ? 'no fix' : 'a fix the plain text has not'}`);
      return;
    }
    if (finding.fix.safety !== plain.fix.safety)
      failures.push(`${at}: a fix labelled ${finding.fix.safety}, ${plain.fix.safety} in the plain text`);
    if (finding.fix.elsewhere?.length) failures.push(`${at}: the fix edits ${finding.fix.elsewhere.join(', ')} too`);
    const expected = variant.after(plain.fix.edits);
    let actual: string;
    try {
      actual = applyOffsetEdits(variant.text, finding.fix.edits);
    } catch (error) {
      failures.push(`${at}: the fix cannot be applied: ${String(error)}`);
      return;
    }
    if (actual !== expected) failures.push(`${at}: the fix lands elsewhere; ${firstDifference(expected, actual)}`);
    tally.add(plain.code, variant.prefixedBefore(Math.min(...plain.fix.edits.map((edit) => edit.start))));
  });
  return failures;
}
