// After every edit that breaks code or mends it, an open document holds the
// findings and trees a fresh open of the same text gives. A seeded sample;
// syntaxErrors.slow.test.ts sweeps every rule fixture and example.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { REGION_LINES } from '../../server/src/document/regionBoundaries';
import { corpus, joinedRuleFixtures } from '../reliability/fuzz';
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
