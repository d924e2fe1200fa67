// After every edit that breaks code or mends it, an open document holds the
// findings and trees a fresh open of the same text gives. A seeded sample;
// syntaxErrors.slow.test.ts sweeps every rule fixture and example.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { REGION_LINES } from '../../server/src/document/regionBoundaries';
import { corpus, joinedRuleFixtures, ruleFixtureCorpus } from '../reliability/fuzz';
import { sweepSummary, sweepSyntaxErrors } from './syntaxErrorSweep';

const SEED = Number(process.env['MEMHINTS_FUZZ_SEED'] ?? 20_250_316);

test(`after edits that break and mend code, findings and trees equal a fresh open's (seed ${SEED})`, async (t) => {
  // A text cut into regions, and the examples, each one region.
  const files = [joinedRuleFixtures(3 * REGION_LINES), ...corpus([])];
  const counts = await sweepSyntaxErrors(files, SEED, 12);
  t.diagnostic(sweepSummary(counts));
  assert.ok(counts.broken > counts.compared / 2, 'most texts compared have a syntax error');
  assert.equal(counts.lacking + counts.extra + counts.treesDiffer, 0, sweepSummary(counts));
});

test('a kept size estimate reads what the top-level statements between a binding and its use spell', async (t) => {
  // Seed 3 over MEM101's fixture once left 11 findings saying "≈ 88 B" of a list
  // that a fresh open of the broken text says "≈ 8·n B" of.
  const files = ruleFixtureCorpus().filter((file) => file.name === 'MEM101.py');
  const counts = await sweepSyntaxErrors(files, 3, 60);
  t.diagnostic(sweepSummary(counts));
  assert.equal(counts.lacking + counts.extra, 0, sweepSummary(counts));
});
