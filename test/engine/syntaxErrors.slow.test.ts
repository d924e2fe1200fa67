// After every edit that breaks code or mends it, over every rule fixture and
// example, an open document holds the findings and trees a fresh open of the
// same text gives, but where a line that starts a definition lies inside a
// string (see syntaxErrorSweep.ts). MEMHINTS_FUZZ_SEED and
// MEMHINTS_SWEEP_STEPS replay other sweeps.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { REGION_LINES } from '../../server/src/document/regionBoundaries';
import { corpus, joinedRuleFixtures, ruleFixtureCorpus } from '../reliability/fuzz';
import { sweepSummary, sweepSyntaxErrors } from './syntaxErrorSweep';

const SEED = Number(process.env['MEMHINTS_FUZZ_SEED'] ?? 20_250_309);
const STEPS = Number(process.env['MEMHINTS_SWEEP_STEPS'] ?? 40);

test(`after edits that break and mend the rule fixtures and examples, findings and trees equal a fresh open's (seed ${SEED}, ${STEPS} edits each)`, async (t) => {
  const files = [...ruleFixtureCorpus(), ...corpus([]), joinedRuleFixtures(8 * REGION_LINES)];
  const counts = await sweepSyntaxErrors(files, SEED, STEPS);
  t.diagnostic(sweepSummary(counts));
  assert.ok(counts.broken > counts.compared / 2, 'most texts compared have a syntax error');
  assert.equal(counts.differ, counts.definitionInString, sweepSummary(counts));
});
