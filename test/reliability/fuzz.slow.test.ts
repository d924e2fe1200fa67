// A CI-sized run of the edit fuzzer (test/reliability/fuzz.ts); long runs:
// `npm run fuzz -- --seed N --count M`. The seed is printed, so that a failure
// here can be replayed there with more batches.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { corpus, fuzzServer } from './fuzz';

const SEED = Number(process.env['MEMHINTS_FUZZ_SEED'] ?? 20_240_601);

test(`random edits keep the server's view equal to the model (seed ${SEED})`, async (t) => {
  const files = corpus(['bisect.py', 'heapq.py', 'textwrap.py']);
  const report = await fuzzServer(t, { seed: SEED, batches: 40, compareEvery: 5, files });
  t.diagnostic(
    `seed ${SEED}: ${report.edits} edits in ${report.batches} batches over ${files.length} files, ${report.comparisons} comparisons (${report.brokenTexts} of a text with a syntax error, ${report.mendedTexts} after mending one with a definition inside a string), ${report.codeActions} code actions, ${report.hovers} hovers, rss ${report.stats?.memory.rss} B`,
  );
  assert.ok(report.comparisons >= files.length, 'the run compared with a fresh open');
  assert.deepEqual(report.failures, []);
});
