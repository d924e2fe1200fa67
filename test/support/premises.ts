// A rule's documented example, cut into its cases: the docs give the imports
// as a first paragraph, then one paragraph per case in the example and the
// same number in its replacement, in the same order. Each case carries the
// finding the rule makes on it and the text its own fix makes of it.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { applyEdits, combinedEdits, SAFE_AND_UNSAFE } from '../../server/src/fixes';
import type { Finding, Rule } from '../../server/src/rules/types';
import { findingsIn } from './analyze';
import type { CaseRun } from './tracedPeaks';
import { interpretersWith } from './tracedPeaks';

export interface DocumentedCase {
  /** The example's paragraph. */
  readonly before: string;
  /** The same paragraph after the rule's fixes (the paragraph itself where there is none). */
  readonly fixed: string;
  /** The replacement's paragraph. */
  readonly after: string;
  readonly finding: Finding;
}

export interface DocumentedExample {
  /** The imports paragraph, shared by example and replacement. */
  readonly imports: string;
  readonly cases: readonly DocumentedCase[];
}

interface Paragraph {
  readonly text: string;
  readonly start: number;
}

function paragraphs(text: string): Paragraph[] {
  const found: Paragraph[] = [];
  const blank = /\n[ \t]*\n/g;
  let start = 0;
  for (let match = blank.exec(text); match; match = blank.exec(text)) {
    found.push({ text: text.slice(start, match.index), start });
    start = match.index + match[0].length;
  }
  found.push({ text: text.slice(start), start });
  return found;
}

export async function documentedExample(rule: Rule): Promise<DocumentedExample> {
  const { example, useInstead } = rule.docs;
  const findings = await findingsIn(example, { rules: [rule] });
  const fixed = applyEdits(example, combinedEdits(findings, SAFE_AND_UNSAFE));
  const [imports, ...before] = paragraphs(example);
  const [fixedImports, ...fixedCases] = paragraphs(fixed);
  const [afterImports, ...after] = paragraphs(useInstead);
  assert.equal(fixedImports?.text, imports?.text, 'the fixes leave the imports alone');
  assert.equal(afterImports?.text, imports?.text, 'example and replacement open with the same imports paragraph');
  assert.equal(after.length, before.length, 'one replacement paragraph per example paragraph');
  assert.equal(fixedCases.length, before.length, 'the fixes keep the paragraphs');
  const cases = before.map((paragraph, index): DocumentedCase => {
    const inside = findings.filter((finding) => finding.start >= paragraph.start && finding.end <= paragraph.start + paragraph.text.length);
    assert.equal(inside.length, 1, `one finding in the example's paragraph:\n${paragraph.text}`);
    return { before: paragraph.text, fixed: fixedCases[index]!.text, after: after[index]!.text, finding: inside[0]! };
  });
  return { imports: imports!.text, cases };
}

/**
 * Declares `body`'s tests for every interpreter that imports `module`; a
 * missing one is a skipped test saying so, or a failure under CI where the
 * suite provides it.
 */
export function forInterpretersWith(module: 'numpy' | 'pandas', body: (python: string, label: string) => void): void {
  const { found, missing } = interpretersWith(module);
  for (const { python, label } of found) body(python, label);
  for (const { message, fail } of missing) {
    if (fail) it(`${module} premise: ${message}`, () => assert.fail(message));
    else it(`${module} premise: ${message}`, { skip: message }, () => {});
  }
}

/** Every name the example's case binds is bound by the other case to an equal value (same dtype, shape and data). */
export function assertSameValues(before: CaseRun, other: CaseRun, what: string): void {
  const names = Object.keys(before.values);
  assert.ok(names.length > 0, 'the example binds a value to compare');
  for (const name of names) {
    assert.equal(other.values[name]?.fingerprint, before.values[name]!.fingerprint, `${what}: \`${name}\` differs`);
  }
}

/** The size of what the case computes: the bytes of the arrays and frames it binds. */
export function resultBytes(run: CaseRun, names: readonly string[]): number {
  return names.reduce((total, name) => total + (run.values[name]?.bytes ?? 0), 0);
}
