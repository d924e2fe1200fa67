// Estimates for sizes that grow with a count the code does not fix (`[0] * n`):
// the formula names the count by its name, or by n standing for its source text
// (symbolic-python.slow.test.ts evaluates it against python3).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { totalText } from '../../server/src/sizes/format';
import { estimateOf } from '../support/sizes';

test('a symbolic size reads as a formula in the count', async () => {
  const estimate = await estimateOf('xs = [0] * n\n', '[0] * n');
  assert.ok(estimate);
  assert.match(totalText({ size: estimate.shallow, atLeast: false }), /^\d+ \+ 8·n B$/);
  const twoPerItem = await estimateOf('xs = [1, 2] * len(ys)\n', '[1, 2] * len(ys)');
  assert.match(totalText({ size: twoPerItem!.shallow, atLeast: false }), /^\d+ \+ 16·n B, n = len\(ys\)$/);
  // The count reads n, so the formula calls it m.
  const sum = await estimateOf('xs = [0] * (n + 1)\n', '[0] * (n + 1)');
  assert.match(totalText({ size: sum!.shallow, atLeast: false }), /^\d+ \+ 8·m B, m = n \+ 1$/);
});

test('growth makes a comprehension over range(n) approximate', async () => {
  const estimate = await estimateOf('xs = [x for x in range(n)]\n', '[x for x in range(n)]');
  assert.ok(estimate?.shallow.approximate);
  assert.match(totalText({ size: estimate.shallow, atLeast: false }), /^≈ \d+ \+ 8·n B$/);
});

test('a comprehension of unknown items over range(n) has no deep size', async () => {
  const estimate = await estimateOf('xs = [f(x) for x in range(n)]\n', '[f(x) for x in range(n)]');
  assert.ok(estimate);
  assert.equal(estimate.deep, undefined);
});
