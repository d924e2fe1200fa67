import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  bytesWithExact,
  countSymbol,
  exactFigure,
  shortBytes,
  sizeText,
  totalText,
} from '../../server/src/sizes/format';
import { approximateSize, exactSize, perCountSize } from '../../server/src/sizes/size';

test('measured figures: small ones in bytes, larger ones rounded with the exact figure beside', () => {
  assert.equal(bytesWithExact(88), '88 bytes');
  assert.equal(bytesWithExact(8056), '7.9 KiB (8056 bytes)');
  assert.equal(bytesWithExact(36_000_056), '34.3 MiB (36000056 bytes)');
  assert.equal(shortBytes(1024), '1 KiB');
  assert.equal(shortBytes(150 * 1024 * 1024), '150 MiB');
});

test('a total: rounded, ≈ when approximate, ≥ when the items are left out', () => {
  assert.equal(totalText({ size: exactSize(8056), atLeast: false }), '7.9 KiB');
  assert.equal(totalText({ size: approximateSize(2048), atLeast: false }), '≈ 2 KiB');
  assert.equal(totalText({ size: approximateSize(8_000_056), atLeast: true }), '≥ 7.6 MiB');
});

test('a formula names its count by the count itself when it is one name, else by n with what n is', () => {
  assert.equal(totalText({ size: perCountSize(56, 8, 'n'), atLeast: false }), '56 + 8·n B');
  assert.equal(totalText({ size: perCountSize(56, 8, 'rows_seen'), atLeast: false }), '56 + 8·rows_seen B');
  assert.equal(totalText({ size: perCountSize(56, 16, 'len(rows)'), atLeast: false }), '56 + 16·n B, n = len(rows)');
  assert.equal(totalText({ size: perCountSize(56, 8, 'n - 1', true), atLeast: false }), '≈ 56 + 8·m B, m = n - 1');
  assert.equal(countSymbol('len(n) * m'), 'N');
  assert.equal(sizeText(perCountSize(0, 8, 'len(rows)')), '8·n B');
});

test("a formula's names bound once say what they are bound to, marked up as asked", () => {
  const bindings = [{ name: 'k', expression: 'len(rows)' }];
  assert.equal(totalText({ size: perCountSize(56, 8, 'k'), atLeast: false }, bindings), '56 + 8·k B, k = len(rows)');
  assert.equal(
    totalText({ size: perCountSize(56, 8, 'k + 1'), atLeast: false }, bindings, (code) => `\`${code}\``),
    '56 + 8·n B, n = `k + 1`, k = `len(rows)`',
  );
});

test('the exact figure goes beside totals the model gives to the byte for an interpreter it was measured on', () => {
  assert.equal(exactFigure({ size: exactSize(36_000_056), atLeast: false }, true), ' (36000056 bytes)');
  assert.equal(exactFigure({ size: exactSize(36_000_056), atLeast: false }, false), '');
  assert.equal(exactFigure({ size: approximateSize(36_000_056), atLeast: false }, true), '');
  assert.equal(exactFigure({ size: exactSize(36_000_056), atLeast: true }, true), '');
  // Under 1 KiB the rounded figure is the exact one.
  assert.equal(exactFigure({ size: exactSize(88), atLeast: false }, true), '');
});
