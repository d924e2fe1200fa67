// estimateParquet on Parquet files the test writes with hyparquet-writer:
// pandas dtypes from the footer's types and null counts, object columns sized
// from their values, columns=, the footer-only fallback, and files that are
// truncated or not Parquet at all.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import type { DataEstimateResult } from '../../server/src/data/dataEstimate';
import { estimateParquet } from '../../server/src/data/parquet';
import { CPYTHON } from '../../server/src/sizes/cpython';
import { intSize, strSize } from '../../server/src/sizes/objects';
import { rangeIndexBytes } from '../../server/src/sizes/pandas';
import { dataFolder, makeFifo } from '../support/dataFiles';
import { writeParquet } from '../support/parquetFiles';

const folder = dataFolder('parquet');
const layout = CPYTHON['3.11'];
const ROWS = 5000;

function estimateOf(result: DataEstimateResult) {
  assert.ok(result.estimate, `expected an estimate, got: ${result.reason}`);
  return result.estimate;
}

const names = Array.from({ length: ROWS }, (_, i) => `name ${i % 300} ${'ü'.repeat(i % 3)}`);

async function mixedFile(): Promise<string> {
  const path = join(folder, 'mixed.parquet');
  await writeParquet(path, [
    { name: 'id', data: new BigInt64Array(ROWS).map((_, i) => BigInt(i)), type: 'INT64' },
    { name: 'small', data: new Int32Array(ROWS).map((_, i) => i % 100), type: 'INT32' },
    { name: 'ratio', data: new Float64Array(ROWS).map((_, i) => i / 7), type: 'DOUBLE' },
    { name: 'single', data: new Float32Array(ROWS).map((_, i) => i / 3), type: 'FLOAT' },
    { name: 'flag', data: Array.from({ length: ROWS }, (_, i) => i % 3 === 0), type: 'BOOLEAN' },
    { name: 'name', data: names, type: 'STRING' },
    {
      name: 'holes',
      data: Array.from({ length: ROWS }, (_, i) => (i % 4 === 0 ? null : BigInt(i))),
      type: 'INT64',
      nullable: true,
    },
    {
      name: 'maybe',
      data: Array.from({ length: ROWS }, (_, i) => (i % 5 === 0 ? null : i % 2 === 0)),
      type: 'BOOLEAN',
      nullable: true,
    },
    {
      name: 'when',
      data: Array.from({ length: ROWS }, (_, i) => new Date(1_600_000_000_000 + i * 1000)),
      type: 'TIMESTAMP',
    },
    { name: 'full', data: Array.from({ length: ROWS }, (_, i) => BigInt(i)), type: 'INT64', nullable: true },
  ]);
  return path;
}

test('dtypes as pyarrow loads them, and memory_usage(deep=True) from them', async () => {
  const estimate = estimateOf(await estimateParquet(await mixedFile(), {}, layout));
  assert.equal(estimate.rows, ROWS);
  assert.ok(estimate.rowsExact);
  const dtypes = Object.fromEntries(estimate.columns!.map((column) => [column.name, column.dtype]));
  assert.deepEqual(dtypes, {
    id: 'int64',
    small: 'int32',
    ratio: 'float64',
    single: 'float32',
    flag: 'bool',
    name: 'object',
    // Integers with nulls become float64; without, int64 even when the column may hold nulls.
    holes: 'float64',
    full: 'int64',
    // Booleans with nulls become objects (True, False and None).
    maybe: 'object',
    when: 'datetime64[ns]',
  });
  const bytes = Object.fromEntries(estimate.columns!.map((column) => [column.name, column.bytes]));
  assert.equal(bytes.id, ROWS * 8);
  assert.equal(bytes.small, ROWS * 4);
  assert.equal(bytes.single, ROWS * 4);
  assert.equal(bytes.flag, ROWS);
  // Every row is in the sample, so the str column is summed value by value.
  assert.equal(bytes.name, ROWS * 8 + names.reduce((sum, name) => sum + strSize(layout, name), 0));
  const nulls = ROWS / 5;
  assert.equal(
    bytes.maybe,
    ROWS * 8 + nulls * layout.none + (ROWS - nulls) * ((intSize(layout, 0n) + intSize(layout, 1n)) / 2),
  );
  const name = estimate.columns!.find((column) => column.name === 'name')!;
  assert.equal(name.distinctInSample, new Set(names).size);
  assert.equal(
    estimate.bytes,
    rangeIndexBytes(layout, ROWS) + Object.values(bytes).reduce((sum, value) => sum + value, 0),
  );
});

test('columns= keeps the named columns in its order; an unknown one is a reason', async () => {
  const path = await mixedFile();
  const estimate = estimateOf(await estimateParquet(path, { usecols: ['ratio', 'id'] }, layout));
  assert.deepEqual(
    estimate.columns!.map((column) => column.name),
    ['ratio', 'id'],
  );
  assert.equal(estimate.bytes, rangeIndexBytes(layout, ROWS) + 2 * ROWS * 8);
  assert.match((await estimateParquet(path, { usecols: ['nope'] }, layout)).reason!, /no column 'nope'/);
});

test('str columns whose pages exceed the sample are sized from the footer, approximately', async () => {
  const rows = 100_000;
  const values = Array.from({ length: rows }, (_, i) => `value-${i}-${'abcdefghij'.slice(0, i % 10)}`);
  const path = join(folder, 'plain.parquet');
  await writeParquet(path, [{ name: 'text', data: values, type: 'STRING', encoding: 'PLAIN' }], {
    codec: 'UNCOMPRESSED',
  });
  const footerOnly = estimateOf(await estimateParquet(path, {}, layout, { maxSampleBytes: 64 * 1024 }));
  const column = footerOnly.columns![0]!;
  assert.equal(column.distinctInSample, undefined);
  const truth = rows * 8 + values.reduce((sum, value) => sum + strSize(layout, value), 0);
  assert.ok(Math.abs(column.bytes / truth - 1) < 0.05, `${column.bytes} vs ${truth}`);
});

test('a codec hyparquet cannot decode (GZIP) falls back to the footer for str columns', async () => {
  const path = join(folder, 'gzip.parquet');
  const values = Array.from({ length: 2000 }, (_, i) => `row ${i}`);
  await writeParquet(
    path,
    [
      { name: 'text', data: values, type: 'STRING' },
      { name: 'n', data: new Float64Array(2000), type: 'DOUBLE' },
    ],
    { codec: 'GZIP', compressors: { GZIP: (input) => gzipSync(input) } },
  );
  const estimate = estimateOf(await estimateParquet(path, {}, layout));
  assert.deepEqual(
    estimate.columns!.map((column) => [column.name, column.dtype, column.distinctInSample]),
    [
      ['text', 'object', undefined],
      ['n', 'float64', undefined],
    ],
  );
});

test('a file that is not Parquet, a truncated one and a FIFO are reasons', async () => {
  const csv = join(folder, 'data.parquet');
  writeFileSync(csv, 'a,b\n1,2\n');
  assert.match((await estimateParquet(csv)).reason!, /not a Parquet file/);
  const whole = readFileSync(await mixedFile());
  const cut = join(folder, 'cut.parquet');
  writeFileSync(cut, whole.subarray(0, whole.length - 100));
  assert.match((await estimateParquet(cut)).reason!, /not a Parquet file/);
  const fifo = join(folder, 'pipe.parquet');
  makeFifo(fifo);
  assert.match((await estimateParquet(fifo)).reason!, /not a regular file/);
});

test('a footer larger than the sample limit is a reason', async () => {
  const path = await mixedFile();
  assert.match((await estimateParquet(path, {}, layout, { maxSampleBytes: 1024 })).reason!, /sample limit/);
});
