// estimateNpy on .npy files the test writes as numpy.lib.format lays them
// out: header versions 1-3, C and Fortran order, structured dtypes, and
// files that are truncated, corrupt, or not regular files.
import assert from 'node:assert/strict';
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { DataEstimateResult } from '../../server/src/data/dataEstimate';
import { estimateNpy } from '../../server/src/data/npy';
import { parsePyLiteral } from '../../server/src/data/pyLiteral';
import { dataFolder, makeFifo, npyBytes, npyHeaderDict } from '../support/dataFiles';

const folder = dataFolder('npy');
let files = 0;

function npyFile(header: string, dataBytes: number, version: 1 | 2 | 3 = 1): string {
  const path = join(folder, `a${files++}.npy`);
  writeFileSync(path, npyBytes({ header, version, dataBytes }));
  return path;
}

function estimateOf(result: DataEstimateResult) {
  assert.ok(result.estimate, `expected an estimate, got: ${result.reason}`);
  return result.estimate;
}

function reasonOf(result: DataEstimateResult): string {
  assert.ok(result.reason, `expected a reason, got an estimate of ${result.estimate?.bytes} bytes`);
  assert.match(result.reason, /^not estimated: /);
  return result.reason;
}

test('a version 1.0 header gives the exact shape, dtype and nbytes', () => {
  const estimate = estimateOf(estimateNpy(npyFile(npyHeaderDict("'<f8'", '(3, 4)'), 96)));
  assert.deepEqual(estimate.shape, [3, 4]);
  assert.equal(estimate.dtype, 'float64');
  assert.equal(estimate.bytes, 3 * 4 * 8);
  assert.equal(estimate.rows, 3);
  assert.ok(estimate.rowsExact && estimate.bytesExact);
  assert.equal(estimate.format, 'npy');
});

test('versions 2.0 (4-byte length) and 3.0 (UTF-8 header) read as version 1.0 does', () => {
  const v2 = estimateOf(estimateNpy(npyFile(npyHeaderDict("'<i4'", '(5, 2)'), 40, 2)));
  assert.deepEqual([v2.shape, v2.dtype, v2.bytes], [[5, 2], 'int32', 40]);
  const v3 = estimateOf(estimateNpy(npyFile(npyHeaderDict("[('température', '<f4'), ('n', '<u2')]", '(7,)'), 42, 3)));
  assert.deepEqual([v3.shape, v3.bytes], [[7], 7 * 6]);
});

test('Fortran order changes nothing in the size', () => {
  const c = estimateOf(estimateNpy(npyFile(npyHeaderDict("'<c16'", '(10, 20)'), 3200)));
  const f = estimateOf(estimateNpy(npyFile(npyHeaderDict("'<c16'", '(10, 20)', true), 3200)));
  assert.equal(f.bytes, c.bytes);
  assert.deepEqual(f.shape, c.shape);
});

test('a structured dtype sums its fields, nested, padded and with subarrays', () => {
  // numpy writes padding as ('', '|V8') and a (title, name) pair for a titled field.
  const descr =
    "[('a', '<f8'), ('', '|V8'), ('b', '<i4', (3,)), ('c', [('x', '|u1'), ('y', '|S3')]), (('title', 't'), '<f4')]";
  const itemSize = 8 + 8 + 4 * 3 + (1 + 3) + 4;
  const estimate = estimateOf(estimateNpy(npyFile(npyHeaderDict(descr, '(4,)'), 4 * itemSize)));
  assert.equal(estimate.bytes, 4 * itemSize);
  assert.equal(estimate.dtype, `void${8 * itemSize}`);
});

test('flexible and time dtypes: U counts 4 bytes a character, S one, datetime64 eight', () => {
  const cases: [string, string, number][] = [
    ["'<U10'", 'str320', 40],
    ["'|S5'", 'bytes40', 5],
    ["'<M8[ns]'", 'datetime64[ns]', 8],
    ["'|b1'", 'bool', 1],
    ["'>u2'", 'uint16', 2],
  ];
  for (const [descr, name, itemSize] of cases) {
    const estimate = estimateOf(estimateNpy(npyFile(npyHeaderDict(descr, '(6,)'), 6 * itemSize)));
    assert.deepEqual([estimate.dtype, estimate.bytes], [name, 6 * itemSize], descr);
  }
});

test('a 0-d array has no rows and one item; an empty one none', () => {
  const scalar = estimateOf(estimateNpy(npyFile(npyHeaderDict("'<f8'", '()'), 8)));
  assert.deepEqual([scalar.shape, scalar.rows, scalar.bytes], [[], undefined, 8]);
  const empty = estimateOf(estimateNpy(npyFile(npyHeaderDict("'<f8'", '(0, 5)'), 0)));
  assert.equal(empty.bytes, 0);
});

test('object arrays are not estimated: np.load unpickles them', () => {
  assert.match(reasonOf(estimateNpy(npyFile(npyHeaderDict("'|O'", '(3,)'), 24))), /object array/);
  assert.match(
    reasonOf(estimateNpy(npyFile(npyHeaderDict("[('a', '<f8'), ('b', '|O')]", '(3,)'), 48))),
    /object array/,
  );
});

test('truncated data, a truncated or corrupt header and a foreign file are reasons', () => {
  assert.match(reasonOf(estimateNpy(npyFile(npyHeaderDict("'<f8'", '(1000,)'), 100))), /truncated/);
  const full = npyBytes({ header: npyHeaderDict("'<f8'", '(3,)'), dataBytes: 24 });
  const cut = join(folder, 'cut.npy');
  writeFileSync(cut, full.subarray(0, 40));
  assert.match(reasonOf(estimateNpy(cut)), /truncated/);
  assert.match(
    reasonOf(estimateNpy(npyFile("{'descr': '<f8', 'fortran_order': False, 'shape': (3,", 24))),
    /not a Python dict/,
  );
  assert.match(reasonOf(estimateNpy(npyFile(npyHeaderDict("'<f8'", "'three'"), 24))), /shape/);
  assert.match(reasonOf(estimateNpy(npyFile(npyHeaderDict("'float64'", '(3,)'), 24))), /descr/);
  const csv = join(folder, 'data.npy');
  writeFileSync(csv, 'a,b\n1,2\n');
  assert.match(reasonOf(estimateNpy(csv)), /not an \.npy file/);
});

test('a header longer than np.load reads without allow_pickle is a reason', () => {
  const long = `{'descr': '<f8', 'fortran_order': False, 'shape': (3,), 'pad': '${'x'.repeat(12000)}', }`;
  assert.match(reasonOf(estimateNpy(npyFile(long, 24, 2))), /header is \d+ bytes/);
});

test('a FIFO, a folder and a missing path are reasons, and nothing blocks', () => {
  const fifo = join(folder, 'pipe.npy');
  makeFifo(fifo);
  assert.match(reasonOf(estimateNpy(fifo)), /not a regular file/);
  assert.match(reasonOf(estimateNpy(folder)), /not a regular file/);
  assert.match(reasonOf(estimateNpy(join(folder, 'missing.npy'))), /ENOENT/);
});

test('a symbolic link to an .npy file is followed', () => {
  const target = npyFile(npyHeaderDict("'<f4'", '(9,)'), 36);
  const link = join(folder, 'link.npy');
  symlinkSync(target, link);
  assert.equal(estimateOf(estimateNpy(link)).bytes, 36);
});

test('the sample limit bounds what is read', () => {
  const path = npyFile(npyHeaderDict("'<f8'", '(3,)'), 24);
  assert.match(reasonOf(estimateNpy(path, { maxSampleBytes: 16 })), /sample limit/);
  assert.ok(estimateNpy(path, { maxSampleBytes: 12 + 128 }).estimate);
});

test('the header parser reads the Python literals numpy writes, and old Python 2 longs', () => {
  assert.equal(parsePyLiteral('(3)'), 3);
  assert.deepEqual(parsePyLiteral('(3,)'), { kind: 'tuple', items: [3] });
  assert.deepEqual(parsePyLiteral('(3L, 4L)'), { kind: 'tuple', items: [3, 4] });
  assert.equal(parsePyLiteral("'a\\'b\\x41'"), "a'bA");
  assert.throws(() => parsePyLiteral('__import__("os")'));
});
