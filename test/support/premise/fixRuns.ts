// Code a rule flags and the same code with its advice applied, each run under
// tracemalloc in a process of its own: the fix must not change what the code
// computes or outputs, and what it saves is the difference of the two runs.
import assert from 'node:assert/strict';
import { tracedRun, type TracedProgram, type TracedRun } from './tracedRun';

export interface FixProgram extends Omit<TracedProgram, 'code'> {
  /** The code a rule flags. */
  readonly before: string;
  /** The same code with the rule's advice applied. */
  readonly after: string;
}

export interface FixRuns {
  readonly before: TracedRun;
  readonly after: TracedRun;
  /** How much lower the peak is with the fix. */
  readonly peakSaved: number;
  /** How much less the code holds when it ends, with the fix. */
  readonly heldSaved: number;
}

/** Asserts that two runs of one program's results and sinks computed and output the same. */
export function assertSameResults(results: readonly string[], before: TracedRun, other: TracedRun, what: string): void {
  assert.equal(other.output, before.output, `${what}: the output differs`);
  results.forEach((expression, index) => {
    assert.equal(
      other.results[index]?.fingerprint,
      before.results[index]?.fingerprint,
      `${what}: \`${expression}\` differs`,
    );
  });
}

/**
 * Runs the code before and after its fix, each in a process of its own, and
 * asserts that both compute the same. The figures are what the flagged code's
 * claim is computed from: they are read from the run before the fix only.
 */
export function measureFix(python: string, program: FixProgram): FixRuns {
  const { before: beforeCode, after: afterCode, ...shared } = program;
  const before = tracedRun(python, { ...shared, code: beforeCode });
  const after = tracedRun(python, { ...shared, code: afterCode, figures: {} });
  assertSameResults(
    program.results ?? [],
    before,
    after,
    `the fix changes what the code computes or outputs:\n--- before\n${beforeCode}\n--- after\n${afterCode}\n---`,
  );
  return { before, after, peakSaved: before.peak - after.peak, heldSaved: before.held - after.held };
}

/** One line for the test's output: what was measured, beside what was claimed. */
export function describeRuns(label: string, runs: FixRuns, claimed: number): string {
  const { before, after } = runs;
  return `${label}: peak ${before.peak} -> ${after.peak} B (saved ${runs.peakSaved}, claimed ${claimed}), held ${before.held} -> ${after.held} B`;
}
