// MEM413 with the file in the workspace: pandas' C parser tokenizes a chunk of
// rows at a time by default (the largest power of two below 2^20 fields' worth),
// so `low_memory=False` costs something only for a file of more rows than one
// chunk. Files on both sides of that line are written here and estimated as the
// server does.
import { memoryLimit, THIS_MACHINE } from '../../server/src/scale/memoryLimit';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { estimateCsv } from '../../server/src/data/csv';
import { csvTokenBytes, lowMemoryChunkRows } from '../../server/src/data/csvTokens';
import type { DataEstimate } from '../../server/src/data/dataEstimate';
import { mem413 } from '../../server/src/rules/mem413-low-memory-false';
import type { DataReadScales } from '../../server/src/scale/dataScale';
import { CPYTHON, DEFAULT_PYTHON_VERSION } from '../../server/src/sizes/cpython';
import { findingsIn } from '../support/analyze';
import { dataFolder } from '../support/dataFiles';

const layout = CPYTHON[DEFAULT_PYTHON_VERSION];
const folder = dataFolder('mem413');
const SOURCE = 'import pandas as pd\n\nwide = pd.read_csv("wide.csv", low_memory=False)\n';

/** A wide.csv of `rows` rows of `columns` one-digit columns: few bytes, many fields. */
function wideEstimate(rows: number, columns: number): DataEstimate {
  const path = join(folder, `wide-${rows}-${columns}.csv`);
  const header = Array.from({ length: columns }, (_, i) => `c${i}`).join(',');
  const line = Array.from({ length: columns }, (_, i) => String(i % 10)).join(',');
  writeFileSync(path, `${header}\n${`${line}\n`.repeat(rows)}`);
  const result = estimateCsv(path, {}, undefined, layout);
  assert.ok(result.estimate, result.reason);
  return result.estimate;
}

function holding(estimate: DataEstimate): DataReadScales {
  return { scaleOf: () => undefined, estimateOf: () => estimate, memoryLimit: () => memoryLimit(0, THIS_MACHINE) };
}

test("pandas' chunk: the largest power of two below 2^20 fields' worth of rows", () => {
  assert.equal(lowMemoryChunkRows(12), 65_536);
  assert.equal(lowMemoryChunkRows(3), 262_144);
  assert.equal(lowMemoryChunkRows(2048), 256);
  assert.equal(lowMemoryChunkRows(2 ** 21), 1);
});

test('a file of one chunk is tokenized whole either way: no finding', async () => {
  const columns = 2048;
  const estimate = wideEstimate(lowMemoryChunkRows(columns), columns);
  assert.equal(estimate.rows, lowMemoryChunkRows(columns));
  assert.deepEqual(await findingsIn(SOURCE, { rules: [mem413], dataReads: holding(estimate) }), []);
});

test('a file past one chunk: the tokens of the whole file, in bytes', async () => {
  const columns = 2048;
  const estimate = wideEstimate(lowMemoryChunkRows(columns) + 1, columns);
  const [finding, ...others] = await findingsIn(SOURCE, { rules: [mem413], dataReads: holding(estimate) });
  assert.equal(others.length, 0);
  assert.ok(finding?.holds, JSON.stringify(finding));
  assert.equal(finding.holds.bytes, csvTokenBytes(estimate.rows!, columns, estimate.fileBytes));
  assert.match(finding.message, /tokens held at once while parsing/);
});
