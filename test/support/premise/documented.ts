// A rule's documented example, read as a premise test needs it: its findings,
// its blocks, the names it binds, and its cases. The docs give the imports as
// a first paragraph, then one paragraph per case in the example and the same
// number in its replacement, in the same order. Each case carries the finding
// the rule makes on it and the text its own fix makes of it.
import assert from 'node:assert/strict';
import { applyEdits, combinedEdits, SAFE_AND_UNSAFE } from '../../../server/src/rules/fixes';
import type { Finding, Rule } from '../../../server/src/rules/types';
import { findingsIn } from '../analyze';

/** What the rule alone finds in the source. */
export function findingsOf(rule: Rule, source: string): Promise<Finding[]> {
  return findingsIn(source, { rules: [rule] });
}

export interface Paragraph {
  readonly text: string;
  /** Its offset in the source. */
  readonly start: number;
}

/** The source's blocks: runs of lines between blank lines (a documented example shows one case per block). */
export function paragraphs(source: string): Paragraph[] {
  const found: Paragraph[] = [];
  const blank = /\n[ \t]*\n/g;
  let start = 0;
  for (let match = blank.exec(source); match; match = blank.exec(source)) {
    found.push({ text: source.slice(start, match.index), start });
    start = match.index + match[0].length;
  }
  found.push({ text: source.slice(start), start });
  return found.filter((paragraph) => paragraph.text.trim() !== '');
}

/** The names a source binds with `name = …` at its top level, in order. */
export function assignedNames(source: string): string[] {
  return [...source.matchAll(/^(\w+)\s*=[^=]/gm)].map((match) => match[1]!);
}

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

/** The rule's documented example cut into its cases, each with its one finding. */
export async function documentedExample(rule: Rule): Promise<DocumentedExample> {
  const { example, useInstead } = rule.docs;
  const findings = await findingsOf(rule, example);
  const fixed = applyEdits(example, combinedEdits(findings, SAFE_AND_UNSAFE));
  const [imports, ...before] = paragraphs(example);
  const [fixedImports, ...fixedCases] = paragraphs(fixed);
  const [afterImports, ...after] = paragraphs(useInstead);
  assert.equal(fixedImports?.text, imports?.text, 'the fixes leave the imports alone');
  assert.equal(afterImports?.text, imports?.text, 'example and replacement open with the same imports paragraph');
  assert.equal(after.length, before.length, 'one replacement paragraph per example paragraph');
  assert.equal(fixedCases.length, before.length, 'the fixes keep the paragraphs');
  const cases = before.map((paragraph, index): DocumentedCase => {
    const inside = findings.filter(
      (finding) => finding.start >= paragraph.start && finding.end <= paragraph.start + paragraph.text.length,
    );
    assert.equal(inside.length, 1, `one finding in the example's paragraph:\n${paragraph.text}`);
    return { before: paragraph.text, fixed: fixedCases[index]!.text, after: after[index]!.text, finding: inside[0]! };
  });
  return { imports: imports!.text, cases };
}
