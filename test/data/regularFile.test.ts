// The one reader every data estimator opens files with: only regular files
// (a symlink judged by its target), never blocking on a FIFO, never reading
// past the sample limit, and every failure a reason rather than a throw.
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { NotEstimated, withSampledFile, withSampledFileAsync } from '../../server/src/data/regularFile';
import { dataFolder, makeFifo } from '../support/dataFiles';

const folder = dataFolder('regular');
const limits = { maxSampleBytes: 16 };

function file(name: string, text: string): string {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}

/** The reason opening `path` gives, or a failure when it opens. */
function refusal(path: string): string {
  const result = withSampledFile(path, limits, () => assert.fail(`${path} was opened`));
  assert.ok(typeof result === 'object' && result !== null && 'reason' in result);
  return result.reason;
}

test('special files are refused by kind, a symlink judged by its target, and nothing blocks', () => {
  const fifo = join(folder, 'pipe');
  // No writer ever opens the FIFO: a blocking open or read would hang this test.
  makeFifo(fifo);
  const fifoLink = join(folder, 'pipe-link');
  symlinkSync(fifo, fifoLink);
  const directory = join(folder, 'a-directory');
  mkdirSync(directory);
  assert.equal(refusal(fifo), 'not estimated: not a regular file (a FIFO)');
  assert.equal(refusal(fifoLink), 'not estimated: not a regular file (a FIFO)');
  assert.equal(refusal(directory), 'not estimated: not a regular file (a directory)');
  assert.equal(refusal('/dev/null'), 'not estimated: not a regular file (a device)');
});

test('a missing file and a dangling symlink are I/O reasons', () => {
  assert.equal(refusal(join(folder, 'missing')), 'not estimated: the file could not be read (ENOENT)');
  const dangling = join(folder, 'dangling');
  symlinkSync(join(folder, 'gone'), dangling);
  assert.equal(refusal(dangling), 'not estimated: the file could not be read (ENOENT)');
});

test('a symlink to a regular file is read through', () => {
  const link = join(folder, 'link');
  symlinkSync(file('target', 'hello'), link);
  assert.equal(
    withSampledFile(link, limits, (opened) => opened.read(0, 100, 'the text').toString()),
    'hello',
  );
});

test('reads stop at the end of the file and, all together, at the sample limit', () => {
  const path = file('twenty', '0123456789abcdefghij');
  const result = withSampledFile(path, limits, (opened) => {
    assert.equal(opened.size, 20);
    assert.equal(opened.read(18, 10, 'the tail').toString(), 'ij');
    assert.equal(opened.read(0, 10, 'the head').toString(), '0123456789');
    assert.equal(opened.budget.remaining, 4);
    return opened.read(10, 5, 'the middle');
  });
  assert.deepEqual(result, { reason: 'not estimated: the middle would take more than the 16-byte sample limit' });
});

test("a look's own errors are its reasons, sync or async", async () => {
  const path = file('any', 'x');
  assert.deepEqual(
    withSampledFile(path, limits, () => {
      throw new NotEstimated('not a format we know');
    }),
    { reason: 'not estimated: not a format we know' },
  );
  // A parser's error with a code of its own is not taken for an I/O error.
  const parserError = Object.assign(new Error('Quote Not Closed'), { code: 'CSV_QUOTE_NOT_CLOSED' });
  assert.deepEqual(await withSampledFileAsync(path, limits, () => Promise.reject(parserError)), {
    reason: 'not estimated: Quote Not Closed',
  });
  assert.equal(await withSampledFileAsync(path, limits, async (opened) => opened.read(0, 1, 'x').toString()), 'x');
});
