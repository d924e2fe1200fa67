// When another form is named "Cheaper": it saves at least a tenth of the total
// and at least 1 KiB; formulas in the same count compare at scale.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isMaterialSaving, isMateriallyCheaper, savedSize } from '../../server/src/sizes/saving';
import { approximateSize, exactSize, perCountSize } from '../../server/src/sizes/size';

test('a saving is material from a tenth of the total and 1 KiB, both', () => {
  assert.equal(isMaterialSaving(1024, 10_240), true);
  assert.equal(isMaterialSaving(1023, 10_230), false, 'under 1 KiB');
  assert.equal(isMaterialSaving(1024, 10_241), false, 'under a tenth');
});

test('[0] * 1000 against array.array: 4 B of 8084 is not cheaper; list(range(10**6)) against range() is', () => {
  assert.equal(isMateriallyCheaper(exactSize(8080), exactSize(8084)), false);
  assert.equal(isMateriallyCheaper(exactSize(48), exactSize(36_000_056)), true);
  assert.equal(isMateriallyCheaper(exactSize(36_000_100), exactSize(36_000_056)), false, 'larger');
});

test('formulas: the growth decides; a constant against a growing total saves without bound; other counts do not compare', () => {
  assert.equal(isMateriallyCheaper(perCountSize(112, 8, 'n'), perCountSize(56, 36, 'n', true)), true);
  assert.equal(isMateriallyCheaper(perCountSize(80, 8, 'n'), perCountSize(84, 8, 'n')), false, 'same growth');
  assert.equal(isMateriallyCheaper(perCountSize(0, 33, 'n'), perCountSize(0, 36, 'n')), false, 'under a tenth');
  assert.equal(isMateriallyCheaper(exactSize(208), perCountSize(56, 8, 'n')), true);
  assert.equal(isMateriallyCheaper(perCountSize(0, 8, 'm'), perCountSize(0, 36, 'n')), false);
  assert.equal(isMateriallyCheaper(perCountSize(0, 8, 'n'), exactSize(1_000_000)), false);
});

test('the saving reads as one figure when both are constants or grow with the same count', () => {
  assert.deepEqual(savedSize(exactSize(48), exactSize(36_000_056)), exactSize(36_000_008));
  assert.deepEqual(savedSize(exactSize(48), approximateSize(1048)), approximateSize(1000));
  assert.deepEqual(
    savedSize(perCountSize(112, 8, 'n'), perCountSize(56, 36, 'n', true)),
    perCountSize(0, 28, 'n', true),
  );
  assert.equal(savedSize(exactSize(208), perCountSize(56, 8, 'n')), undefined);
});
