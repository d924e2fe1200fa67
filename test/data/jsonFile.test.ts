// estimateJsonLoad on JSON files the test writes: the objects json.loads
// builds (dicts filled key by key, lists appended to, memoized keys, shared
// small ints and singletons), invalid documents, and arrays larger than the
// sample, whose figures are extrapolated.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { DataEstimateResult } from '../../server/src/data/dataEstimate';
import { estimateJsonLoad } from '../../server/src/data/jsonFile';
import { CPYTHON } from '../../server/src/sizes/cpython';
import { capacityAfterAppends, intSize, listSize, strSize } from '../../server/src/sizes/objects';
import { dictSize, dictTable } from '../../server/src/sizes/tables';
import { dataFolder, makeFifo } from '../support/dataFiles';

const folder = dataFolder('json');
const layout = CPYTHON['3.11'];
let files = 0;

function jsonFile(content: string): string {
  const path = join(folder, `j${files++}.json`);
  writeFileSync(path, content);
  return path;
}

function estimateOf(result: DataEstimateResult) {
  assert.ok(result.estimate, `expected an estimate, got: ${result.reason}`);
  return result.estimate;
}

const appendedList = (items: number): number => listSize(layout, capacityAfterAppends(layout, items));
const filledDict = (keys: number): number => {
  const table = dictTable(layout, keys, keys);
  return dictSize(layout, table.size, table.strOnly);
};

test('each value costs its object; small ints, true/false/null and 1-character strings are shared', () => {
  const estimate = estimateOf(
    estimateJsonLoad(jsonFile('[1, 1000, 2.5, 1e3, "abc", "é", "", null, true, -7]'), layout),
  );
  const expected =
    appendedList(10) + intSize(layout, 1000n) + 2 * layout.float + strSize(layout, 'abc') + intSize(layout, -7n);
  assert.equal(estimate.bytes, expected);
  assert.equal(estimate.rows, 10);
});

test('keys are memoized: a key repeated across records is one str', () => {
  const estimate = estimateOf(
    estimateJsonLoad(jsonFile('[{"name": 1000, "score": 1.5}, {"name": 2000, "score": 2.5}]'), layout),
  );
  const record = filledDict(2) + intSize(layout, 1000n) + layout.float;
  assert.equal(estimate.bytes, appendedList(2) + 2 * record + strSize(layout, 'name') + strSize(layout, 'score'));
});

test('a repeated key in one object keeps one entry; escapes decode as json does', () => {
  const estimate = estimateOf(estimateJsonLoad(jsonFile('{"ab": "x\\u00e9y", "ab": "\\ud83d\\ude00!"}'), layout));
  assert.equal(estimate.bytes, filledDict(1) + strSize(layout, 'ab') + strSize(layout, '😀!'));
  assert.equal(estimate.rows, undefined);
});

test('invalid JSON, extra data, a byte-order mark and too deep nesting are reasons', () => {
  assert.match(estimateJsonLoad(jsonFile('{"a": }'), layout).reason!, /not valid JSON/);
  assert.match(estimateJsonLoad(jsonFile('{"a": 1} {"b": 2}'), layout).reason!, /extra data/);
  assert.match(estimateJsonLoad(jsonFile('[1, 2'), layout).reason!, /not valid JSON/);
  assert.match(estimateJsonLoad(jsonFile('\ufeff[1]'), layout).reason!, /byte-order mark/);
  assert.match(estimateJsonLoad(jsonFile('['.repeat(1200) + ']'.repeat(1200)), layout).reason!, /nested too deeply/);
});

test('a top-level array larger than the sample is extrapolated within 2%', () => {
  // Records alike along the file: the head is sampled, and taken for the rest.
  const records = Array.from({ length: 5000 }, (_, i) => ({
    id: 100000 + i,
    name: `item ${i % 100} ${'é'.repeat(i % 5)}`,
    tags: Array.from({ length: i % 4 }, (_, t) => t * 300),
    price: i / 7,
  }));
  const path = jsonFile(JSON.stringify(records));
  const whole = estimateOf(estimateJsonLoad(path, layout));
  const sampled = estimateOf(estimateJsonLoad(path, layout, { maxSampleBytes: 32 * 1024 }));
  assert.ok(!sampled.rowsExact);
  assert.ok(Math.abs(sampled.rows! / records.length - 1) < 0.02, `rows ${sampled.rows}`);
  assert.ok(Math.abs(sampled.bytes / whole.bytes - 1) < 0.02, `bytes ${sampled.bytes} vs ${whole.bytes}`);
});

test('a document larger than the sample that is not an array is not estimated', () => {
  const path = jsonFile(JSON.stringify({ rows: Array.from({ length: 3000 }, (_, i) => i) }));
  assert.match(estimateJsonLoad(path, layout, { maxSampleBytes: 1024 }).reason!, /not a top-level array/);
});

test('a FIFO is a reason, and nothing blocks', () => {
  const fifo = join(folder, 'pipe.json');
  makeFifo(fifo);
  assert.match(estimateJsonLoad(fifo, layout).reason!, /not a regular file/);
});
