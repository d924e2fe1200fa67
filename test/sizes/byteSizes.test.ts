// Sizes as settings take them: bytes, or a number and a binary or decimal
// unit; and written back in the unit that states them exactly.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BYTE_SIZE_PATTERN, byteSizeText, parseByteSize } from '../../server/src/sizes/byteSizes';

test('sizes with binary units count in 1024s, decimal ones in 1000s, in any case and spacing', () => {
  const cases: readonly (readonly [string, number])[] = [
    ['0', 0],
    ['1048576', 1048576],
    ['512 B', 512],
    ['16 GiB', 16 * 2 ** 30],
    ['16GiB', 16 * 2 ** 30],
    ['16 gib', 16 * 2 ** 30],
    ['512MB', 512e6],
    ['1.5 KiB', 1536],
    ['2 kB', 2000],
    ['2 KB', 2000],
    ['1 TiB', 2 ** 40],
    ['1 TB', 1e12],
    [' 3 MiB ', 3 * 2 ** 20],
    // A fraction of a byte is dropped.
    ['1.3 KiB', 1331],
  ];
  for (const [text, bytes] of cases) assert.equal(parseByteSize(text), bytes, text);
});

test('anything else is not a size', () => {
  for (const text of ['', 'GiB', '16 G', '16 gigabytes', '-1', '1e9', '16 GiB of RAM', '0x10', '1,024', '9999999 TiB'])
    assert.equal(parseByteSize(text), undefined, text);
});

test('the JSON schema pattern takes the same strings the parser does', () => {
  const pattern = new RegExp(BYTE_SIZE_PATTERN);
  for (const text of ['16 GiB', '512MB', '1.5 KiB', '0', '16 G', 'GiB', '1e9', '16 gigabytes'])
    assert.equal(pattern.test(text), /^\s*[0-9]/.test(text) && parseByteSize(text) !== undefined, text);
});

test('a size is written back in the unit that states it in the fewest digits, else rounded', () => {
  assert.equal(byteSizeText(16 * 2 ** 30), '16 GiB');
  assert.equal(byteSizeText(512e6), '512 MB');
  assert.equal(byteSizeText(2 ** 20), '1 MiB');
  assert.equal(byteSizeText(1536), '1.5 KiB');
  assert.equal(byteSizeText(1_000_001), '977 KiB');
  for (const text of ['16 GiB', '512 MB', '3 KiB', '64 MiB'])
    assert.equal(byteSizeText(parseByteSize(text)!), text, 'reads back as written');
});
