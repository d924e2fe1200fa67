// A rule's premise on snippets of its own: the one finding the rule makes on
// each, the snippet with that finding's fix applied, both run under
// tracemalloc (fixRuns.ts), and what the flagged expression holds when
// evaluated alone and kept (a list and the items it built). The finding's
// message names a claim; the claim gives the rule's severity and the
// measurement that must bear it out.
import assert from 'node:assert/strict';
import { checkSubtree } from '../../../server/src/engine/analyze';
import { DocumentFacts } from '../../../server/src/semantics/facts';
import { applyEdits } from '../../../server/src/rules/fixes';
import { parse, pythonParser } from '../../../server/src/document/parser';
import type { Finding, Rule, Severity } from '../../../server/src/rules/types';
import { severityAtScale } from '../../../server/src/engine/findingScale';
import { DEFAULT_PYTHON_VERSION } from '../../../server/src/sizes/cpython';
import { assignedNames, findingsOf } from './documented';
import { measureFix, type FixRuns } from './fixRuns';
import { forEachPython, type PremisePython } from './interpreters';
import { DATA_SCALE } from './tracedRun';

export interface FlaggedCase {
  readonly title: string;
  /** Runs first, untraced: the data the snippet reads, at data scale. */
  readonly setup: string;
  /** Code the rule flags once. */
  readonly code: string;
}

interface FlaggedRuns extends FixRuns {
  readonly finding: Finding;
  /** The severity the rule gives the finding, before its scale caps it (scale/findingScale.ts). */
  readonly ruleSeverity: Severity;
  /** Bytes the flagged expression holds when evaluated alone and kept. */
  readonly held: number;
  /** Its number of items. */
  readonly count: number;
}

/** `held_by(text)`: what evaluating the expression and keeping its value adds to traced memory. */
const HELD_BY = String.raw`
def held_by(expression):
    import tracemalloc
    code = compile(expression, "<held>", "eval")
    tracemalloc.start()
    kept = eval(code, globals())
    held = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    return held
`;

/** The case's finding and its fix, measured by `python`; print is a sink and the names the code binds are compared. */
async function measureFlagged(python: string, rule: Rule, flagged: FlaggedCase): Promise<FlaggedRuns> {
  const setup = `${flagged.setup}\n${HELD_BY}`;
  const text = `${setup}\n${flagged.code}\n`;
  const offset = setup.length + 1;
  const findings = (await findingsOf(rule, text)).filter((finding) => finding.start >= offset);
  assert.equal(
    findings.length,
    1,
    `${rule.code} flags the snippet once: ${JSON.stringify(findings.map((finding) => finding.message))}`,
  );
  const finding = findings[0]!;
  assert.ok(finding.fix, `${rule.code} offers a fix for ${flagged.code}`);
  const expression = text.slice(finding.start, finding.end);
  const runs = measureFix(python, {
    setup,
    before: flagged.code,
    after: applyEdits(text, finding.fix.edits).slice(offset),
    sinks: ['print'],
    results: assignedNames(flagged.code),
    figures: { held: `held_by(${JSON.stringify(expression)})`, count: `len(${expression})` },
  });
  return {
    ...runs,
    finding,
    ruleSeverity: await ruleSeverity(rule, text, finding),
    held: runs.before.figures.held!,
    count: runs.before.figures.count!,
  };
}

/** What the rule itself reports for the finding, before the analysis settles its scale. */
async function ruleSeverity(rule: Rule, text: string, finding: Finding): Promise<Severity> {
  const tree = parse(await pythonParser(), text);
  try {
    const checked = checkSubtree(tree.rootNode, [rule], {
      source: text,
      facts: new DocumentFacts(tree.rootNode),
      pythonVersion: DEFAULT_PYTHON_VERSION,
    });
    const own = checked.findings.find((candidate) => candidate.start === finding.start);
    assert.ok(own, 'the rule reports the finding before the analysis settles its scale');
    return own.severity;
  } finally {
    tree.delete();
  }
}

/** What a kind of message claims: its words, the severity the rule gives it, and the check of the measurement. */
export interface MessageClaim<Case extends FlaggedCase = FlaggedCase> {
  readonly pattern: RegExp;
  readonly severity: Severity;
  check(runs: FlaggedRuns, python: PremisePython, flagged: Case): void;
}

/**
 * Declares, for each case on every CPython the suite has, a test named
 * `<code> premise: <title> (pythonX.Y)` that measures the case at data scale
 * and holds its finding to the one claim its message makes. `kept` names what
 * the flagged expression builds, for the test's output ("the list").
 */
export function forEachFlaggedCase<Case extends FlaggedCase>(
  rule: Rule,
  cases: readonly Case[],
  claims: readonly MessageClaim<Case>[],
  kept: string,
): void {
  for (const flagged of cases) {
    forEachPython(`${rule.code} premise: ${flagged.title}`, async (python, context) => {
      const runs = await measureFlagged(python.python, rule, flagged);
      const { finding } = runs;
      context.diagnostic(
        `[${finding.scale}] ${finding.message}: peak ${runs.before.peak} -> ${runs.after.peak} B over ${runs.count} items, ${kept} alone holds ${runs.held} B`,
      );
      assert.ok(runs.count >= DATA_SCALE, `${runs.count} items, not data scale`);
      const claim = claims.find((candidate) => candidate.pattern.test(finding.message));
      assert.ok(claim, `no measured claim matches the message ${JSON.stringify(finding.message)}`);
      assert.equal(runs.ruleSeverity, claim.severity, `the rule's severity for: ${finding.message}`);
      assert.equal(
        finding.severity,
        severityAtScale(claim.severity, finding.scale ?? 'unknown'),
        `the severity at its scale: ${finding.message}`,
      );
      claim.check(runs, python, flagged);
    });
  }
}
