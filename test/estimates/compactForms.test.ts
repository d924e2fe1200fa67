// The unboxed forms the hover offers for a list of numbers: lists that get
// none (compactForms-python.slow.test.ts runs the forms under python3).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { estimateOf } from '../support/sizes';

// Small ints are shared and constants belong to the code: a list of them frees only its pointers, which no form undercuts.
const WITHOUT_FORMS: readonly string[] = [
  'list(range(10))',
  'list(range(10, 0, -1))',
  '[x for x in range(5)]',
  '[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]',
  '[1.5, 2.5, 3.5, 4.5, 5.5, 6.5]',
  "['a'] * 10",
  '[x > 5 for x in range(10)]',
  '[2**70] * 10',
  '[x * 2**60 for x in range(100)]',
  '[[0] * 3 for _ in range(5)]',
  '[1, 2]',
];

test('lists of other things, or of ints past int64, get no unboxed form', async () => {
  for (const expression of WITHOUT_FORMS) {
    const estimate = await estimateOf(`value = ${expression}\n`, expression);
    assert.ok(estimate, expression);
    assert.deepEqual(estimate.compactForms ?? [], [], expression);
  }
});
