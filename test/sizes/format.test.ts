import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bytesWithExact, formatSize, shortBytes } from '../../server/src/sizes/format';
import { approximateSize, exactSize, perCountSize } from '../../server/src/sizes/size';

test('small sizes are written in bytes, larger ones rounded with the exact figure beside', () => {
  assert.equal(bytesWithExact(88), '88 bytes');
  assert.equal(bytesWithExact(8056), '7.9 KiB (8056 bytes)');
  assert.equal(bytesWithExact(36_000_056), '34.3 MiB (36000056 bytes)');
  assert.equal(shortBytes(1024), '1 KiB');
  assert.equal(shortBytes(150 * 1024 * 1024), '150 MiB');
});

test('approximate and symbolic sizes say so', () => {
  assert.equal(formatSize(exactSize(8056)), '7.9 KiB (8056 bytes)');
  assert.equal(formatSize(approximateSize(2048)), '≈ 2 KiB (2048 bytes)');
  assert.equal(formatSize(perCountSize(56, 8, 'n')), '56 + 8·n B');
  assert.equal(formatSize(perCountSize(56, 8, 'n - 1', true)), '≈ 56 + 8·(n - 1) B');
  assert.equal(formatSize(perCountSize(56, 16, 'len(rows)')), '56 + 16·len(rows) B');
});
