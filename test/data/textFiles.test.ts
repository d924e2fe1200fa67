// estimateReadText, estimateReadLines and estimateReadBytes on files the test
// writes: the str kinds (ASCII, latin-1, UCS-2, UCS-4), a byte-order mark,
// universal newlines, files that are not UTF-8, and files larger than the
// sample, whose figures are extrapolated.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { DataEstimateResult } from '../../server/src/data/dataEstimate';
import { estimateReadBytes, estimateReadLines, estimateReadText } from '../../server/src/data/textFiles';
import { CPYTHON } from '../../server/src/sizes/cpython';
import { bytesSize, capacityAfterIteratorExtend, listSize, strSize } from '../../server/src/sizes/objects';
import { dataFolder, makeFifo } from '../support/dataFiles';

const folder = dataFolder('text');
const layout = CPYTHON['3.11'];
let files = 0;

function textFile(content: string | Buffer): string {
  const path = join(folder, `t${files++}.txt`);
  writeFileSync(path, content);
  return path;
}

function estimateOf(result: DataEstimateResult) {
  assert.ok(result.estimate, `expected an estimate, got: ${result.reason}`);
  return result.estimate;
}

test('read() is one str as wide per character as the widest one', () => {
  for (const text of ['plain ascii\n', 'café au lait\n', 'naïve Ωmega\n', 'emoji 😀 here\n', '']) {
    const estimate = estimateOf(estimateReadText(textFile(text), layout));
    assert.equal(estimate.bytes, strSize(layout, text), JSON.stringify(text));
    assert.ok(estimate.bytesExact);
  }
});

test('read() keeps a byte-order mark as U+FEFF, which makes the str UCS-2, and reads \\r\\n as \\n', () => {
  const withBom = estimateOf(estimateReadText(textFile('\ufeffabc'), layout));
  assert.equal(withBom.bytes, strSize(layout, '\ufeffabc'));
  const crlf = estimateOf(estimateReadText(textFile('a\r\nb\rc\n'), layout));
  assert.equal(crlf.bytes, strSize(layout, 'a\nb\nc\n'));
});

test('bytes that are not UTF-8 are a reason: open() would raise', () => {
  const result = estimateReadText(textFile(Buffer.from([0x61, 0xff, 0xfe, 0x62])), layout);
  assert.match(result.reason!, /not UTF-8/);
});

test('readlines() is a list of one str per line, each of its own kind', () => {
  const lines = ['first line\n', 'déjà vu\n', '\n', 'Ω\n', 'last without newline'];
  const estimate = estimateOf(estimateReadLines(textFile(lines.join('')), layout));
  // The 1-character line '\n' is CPython's shared str: it costs nothing new.
  const strs = lines.filter((line) => line !== '\n').reduce((sum, line) => sum + strSize(layout, line), 0);
  assert.equal(estimate.bytes, listSize(layout, capacityAfterIteratorExtend(layout, lines.length)) + strs);
  assert.equal(estimate.rows, lines.length);
  assert.ok(estimate.rowsExact);
});

test('readlines() of an empty file is an empty list', () => {
  assert.equal(estimateOf(estimateReadLines(textFile(''), layout)).bytes, listSize(layout, 0));
});

test('a file ten times the sample: lines and bytes extrapolated within 2% though lines lengthen along it', () => {
  // The numbers grow from 1 to 5 digits: pieces spread over the file see that, the head alone would not.
  const lines = Array.from({ length: 20000 }, (_, i) => `${i},${'é'.repeat(i % 7)},${'x'.repeat(i % 40)}\n`);
  const path = textFile(lines.join(''));
  const whole = estimateOf(estimateReadLines(path, layout));
  const limits = { maxSampleBytes: 64 * 1024 };
  const sampled = estimateOf(estimateReadLines(path, layout, limits));
  assert.ok(!sampled.rowsExact && !sampled.bytesExact);
  assert.ok(Math.abs(sampled.rows! / lines.length - 1) < 0.02, `rows ${sampled.rows} vs ${lines.length}`);
  assert.ok(Math.abs(sampled.bytes / whole.bytes - 1) < 0.02, `bytes ${sampled.bytes} vs ${whole.bytes}`);
  const read = estimateOf(estimateReadText(path, layout, limits));
  assert.ok(Math.abs(read.bytes / strSize(layout, lines.join('')) - 1) < 0.02, `read() ${read.bytes}`);
});

test('a file of one line longer than the sample is one long str', () => {
  const path = textFile('y'.repeat(100_000));
  const estimate = estimateOf(estimateReadLines(path, layout, { maxSampleBytes: 4096 }));
  assert.equal(estimate.rows, 1);
  assert.equal(
    estimate.bytes,
    listSize(layout, capacityAfterIteratorExtend(layout, 1)) + strSize(layout, 'y'.repeat(100_000)),
  );
});

test('a sample that cuts a multi-byte character or a \\r\\n leaves it out', () => {
  // 'é' is two bytes in UTF-8: a 3-byte sample of 'aéé' ends in the middle of the second.
  const path = textFile('aéé');
  assert.ok(estimateReadText(path, layout, { maxSampleBytes: 4 }).estimate);
  const crlf = textFile('ab\r\ncd\r\n');
  const lines = estimateOf(estimateReadLines(crlf, layout, { maxSampleBytes: 3 }));
  assert.ok(lines.rows! >= 1);
});

test("open(p, 'rb').read() is one bytes object of the file's size, exactly", () => {
  const path = textFile(Buffer.alloc(12345, 0xff));
  const estimate = estimateOf(estimateReadBytes(path, layout));
  assert.equal(estimate.bytes, bytesSize(layout, 12345));
  assert.ok(estimate.bytesExact);
});

test('a FIFO is a reason for every read, and nothing blocks', () => {
  const fifo = join(folder, 'pipe.txt');
  makeFifo(fifo);
  for (const estimate of [estimateReadText, estimateReadLines, estimateReadBytes]) {
    assert.match(estimate(fifo, layout).reason!, /not a regular file/);
  }
});
