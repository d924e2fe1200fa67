// numpy views and copies: what is not guessed, and the hover of a view
// (ndarrayViews-python.slow.test.ts checks them against numpy under python3).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { estimateOf } from '../support/sizes';
import { SETUP } from './ndarrayViews.cases';

test('numpy reshapes of strided arrays, scalars and masks are not guessed', async () => {
  for (const expression of [
    'a[::2].reshape(50, 10)',
    'm.T.reshape(3000)',
    'a[5]',
    'm[1, 2]',
    'a[a > 0]',
    'a.reshape(7, 7)',
    'a.view(np.int64)',
    'a[1, 2]',
  ]) {
    assert.equal(await estimateOf(`${SETUP}\nvalue = ${expression}\n`, expression), undefined, expression);
  }
});

test('the hover of a view names the array that owns the data', async () => {
  const estimate = await estimateOf(`${SETUP}\nb = a[::2]\n`, 'a[::2]');
  assert.ok(estimate);
  assert.match(estimate.what, /^a view of `a`: no new data/);
  assert.ok(
    estimate.notes.some((note) => note.includes('`a` (7.8 KiB)')),
    estimate.notes.join('\n'),
  );
  const chained = await estimateOf(`${SETUP}\nb = a[::2]\nd = b[1:]\n`, 'b[1:]');
  assert.match(chained?.what ?? '', /^a view of `a`/);
});
