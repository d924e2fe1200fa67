// estimateNpz on zip archives the test writes: members stored (np.savez) and
// deflated (np.savez_compressed), looked up by key or file name, members that
// are not arrays, and archives that are corrupt or bigger than the sample.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { estimateNpz, type NpzEstimateResult } from '../../server/src/data/npz';
import { dataFolder, makeFifo, npyBytes, npyHeaderDict, zipBytes, type ZipEntry } from '../support/dataFiles';

const folder = dataFolder('npz');
let files = 0;

function npzFile(entries: readonly ZipEntry[]): string {
  const path = join(folder, `a${files++}.npz`);
  writeFileSync(path, zipBytes(entries));
  return path;
}

const array = (descr: string, shape: string, dataBytes: number): Buffer =>
  npyBytes({ header: npyHeaderDict(descr, shape), dataBytes });

function estimateOf(result: NpzEstimateResult) {
  assert.ok(result.estimate, `expected an estimate, got: ${result.reason}`);
  return result.estimate;
}

for (const deflate of [false, true]) {
  test(`${deflate ? 'deflated' : 'stored'} members: each one's array, and their sum for the archive`, async () => {
    const path = npzFile([
      { name: 'x.npy', data: array("'<f8'", '(100, 3)', 2400), deflate },
      { name: 'y.npy', data: array("'<i2'", '(7,)', 14), deflate },
    ]);
    const whole = estimateOf(await estimateNpz(path));
    assert.deepEqual(
      whole.members.map((member) => [member.name, member.shape, member.dtype, member.bytes]),
      [
        ['x', [100, 3], 'float64', 2400],
        ['y', [7], 'int16', 14],
      ],
    );
    assert.equal(whole.bytes, 2414);
    assert.ok(whole.bytesExact);
    const x = estimateOf(await estimateNpz(path, 'x'));
    assert.deepEqual([x.shape, x.rows, x.bytes, x.format], [[100, 3], 100, 2400, 'npz']);
    // NpzFile also accepts the member's file name.
    assert.equal(estimateOf(await estimateNpz(path, 'y.npy')).bytes, 14);
  });
}

test('a deflated member of 8 MB is estimated from a slice within a 128 KiB sample', async () => {
  // Random data does not compress, so the archive is as big as the array and only a slice of it can be read.
  const big = npyBytes({ header: npyHeaderDict("'<f8'", '(1000000,)'), dataBytes: 0 });
  const path = npzFile([{ name: 'big.npy', data: Buffer.concat([big, randomBytes(8_000_000)]), deflate: true }]);
  assert.ok(statSync(path).size > 8_000_000);
  const estimate = estimateOf(await estimateNpz(path, 'big', { maxSampleBytes: 128 * 1024 }));
  assert.equal(estimate.bytes, 8_000_000);
});

test('members that are not arrays are listed with a reason; the rest still add up', async () => {
  const path = npzFile([
    { name: 'a.npy', data: array("'<f4'", '(10,)', 40) },
    { name: 'notes.txt', data: Buffer.from('hello') },
    { name: 'o.npy', data: array("'|O'", '(3,)', 24) },
  ]);
  const whole = estimateOf(await estimateNpz(path));
  assert.equal(whole.bytes, 40);
  assert.equal(whole.bytesExact, false);
  assert.match(whole.members[1]!.reason!, /not an \.npy member/);
  assert.match(whole.members[2]!.reason!, /object array/);
  assert.match((await estimateNpz(path, 'o')).reason!, /member 'o': object array/);
  assert.match((await estimateNpz(path, 'missing')).reason!, /no member 'missing'/);
});

test('corrupt, truncated and foreign files are reasons', async () => {
  const good = zipBytes([{ name: 'x.npy', data: array("'<f8'", '(3,)', 24), deflate: true }]);
  const truncated = join(folder, 'truncated.npz');
  writeFileSync(truncated, good.subarray(0, good.length - 30));
  assert.match((await estimateNpz(truncated)).reason!, /not a zip archive/);
  const corrupt = Buffer.from(good);
  // Overwrite the deflated data (after the 30-byte local header and the 5-byte name) with garbage.
  corrupt.fill(0xff, 35, 45);
  const corruptPath = join(folder, 'corrupt.npz');
  writeFileSync(corruptPath, corrupt);
  assert.match((await estimateNpz(corruptPath, 'x')).reason!, /corrupt/);
  const npy = join(folder, 'plain.npz');
  writeFileSync(npy, array("'<f8'", '(3,)', 24));
  assert.match((await estimateNpz(npy)).reason!, /not a zip archive/);
});

test('a FIFO is a reason, and nothing blocks', async () => {
  const fifo = join(folder, 'pipe.npz');
  makeFifo(fifo);
  assert.match((await estimateNpz(fifo)).reason!, /not a regular file/);
});

test('an archive whose directory exceeds the sample limit is a reason', async () => {
  const entries = Array.from({ length: 200 }, (_, i) => ({
    name: `member_with_a_long_name_${i}.npy`,
    data: array("'<f8'", '(1,)', 8),
  }));
  const path = npzFile(entries);
  assert.match((await estimateNpz(path, undefined, { maxSampleBytes: 4096 })).reason!, /sample limit/);
  assert.equal(estimateOf(await estimateNpz(path)).members.length, 200);
});
