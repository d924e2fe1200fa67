// Finding a read's data file in the workspace, safely, and estimating it once per version.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { DataEstimateResult, TableReadOptions } from '../../server/src/data/dataEstimate';
import { DataFiles, type EstimateFile } from '../../server/src/data/dataFiles';
import { defaultDataFiles } from '../../server/src/data/estimators';
import type { DataRead, TextReadKind } from '../../server/src/data/readCalls';
import { CPYTHON, DEFAULT_PYTHON_VERSION } from '../../server/src/sizes/cpython';
import { rangeIndexBytes } from '../../server/src/sizes/pandas';
import { npyBytes, npyHeaderDict, zipBytes } from '../support/dataFiles';

const scratch = mkdtempSync(join(tmpdir(), 'memhints-data-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
const workspace = join(scratch, 'project');
const outside = join(scratch, 'elsewhere');
mkdirSync(join(workspace, 'notebooks'), { recursive: true });
mkdirSync(join(workspace, 'data'), { recursive: true });
mkdirSync(outside, { recursive: true });
writeFileSync(join(workspace, 'data', 'train.csv'), 'a,b\n1,2\n');
writeFileSync(join(workspace, 'notebooks', 'local.csv'), 'a\n1\n');
writeFileSync(join(outside, 'secret.csv'), 'a\n1\n');
symlinkSync(join(outside, 'secret.csv'), join(workspace, 'data', 'link-out.csv'));
symlinkSync(join(workspace, 'data', 'train.csv'), join(workspace, 'data', 'link-in.csv'));

const layout = CPYTHON[DEFAULT_PYTHON_VERSION];

/** An estimator that reports which file it was given, and counts its calls. */
function recordingEstimator(): { estimator: EstimateFile<DataEstimateResult>; calls: string[] } {
  const calls: string[] = [];
  const estimator: EstimateFile<DataEstimateResult> = (path) => {
    calls.push(path);
    return {
      estimate: {
        format: 'csv',
        fileBytes: 0,
        rows: calls.length,
        rowsExact: true,
        bytes: calls.length,
        bytesExact: false,
      },
    };
  };
  return { estimator, calls };
}

function csvRead(path: string, options: TableReadOptions = {}): DataRead {
  return { call: undefined as never, format: 'csv', path, options };
}

const notebook = join(workspace, 'notebooks', 'analysis.ipynb');

test('a relative path is found from the document folder first, then from the workspace root', () => {
  const { estimator, calls } = recordingEstimator();
  const files = new DataFiles([workspace], { csv: { sync: estimator } });
  assert.ok(files.estimate(csvRead('local.csv'), notebook, layout)?.estimate);
  assert.ok(files.estimate(csvRead('data/train.csv'), notebook, layout)?.estimate);
  assert.deepEqual(calls, [join(workspace, 'notebooks', 'local.csv'), join(workspace, 'data', 'train.csv')]);
  assert.equal(files.estimate(csvRead('data/missing.csv'), notebook, layout), undefined);
});

test('a link out of the workspace is not read; a link inside it is', () => {
  const { estimator, calls } = recordingEstimator();
  const files = new DataFiles([workspace], { csv: { sync: estimator } });
  assert.match(files.estimate(csvRead('data/link-out.csv'), notebook, layout)?.reason ?? '', /outside the workspace/);
  assert.match(
    files.estimate(csvRead(join(outside, 'secret.csv')), notebook, layout)?.reason ?? '',
    /outside the workspace/,
  );
  assert.ok(files.estimate(csvRead('data/link-in.csv'), notebook, layout)?.estimate);
  assert.deepEqual(calls, [join(workspace, 'data', 'train.csv')]);
});

test('a FIFO or a folder is not a regular file, and is never opened', () => {
  const fifo = join(workspace, 'data', 'pipe.csv');
  execFileSync('mkfifo', [fifo]);
  const { estimator, calls } = recordingEstimator();
  const files = new DataFiles([workspace], { csv: { sync: estimator } });
  assert.match(files.estimate(csvRead('data/pipe.csv'), notebook, layout)?.reason ?? '', /not a regular file/);
  assert.match(files.estimate(csvRead('data'), notebook, layout)?.reason ?? '', /not a regular file/);
  assert.deepEqual(calls, []);
});

test('an estimate is kept until the file changes', () => {
  const path = join(workspace, 'data', 'changing.csv');
  writeFileSync(path, 'a\n1\n');
  const { estimator, calls } = recordingEstimator();
  const files = new DataFiles([workspace], { csv: { sync: estimator } });
  const first = files.estimate(csvRead('data/changing.csv'), notebook, layout);
  assert.equal(files.estimate(csvRead('data/changing.csv'), notebook, layout), first);
  assert.equal(calls.length, 1);
  writeFileSync(path, 'a\n1\n2\n');
  utimesSync(path, new Date(), new Date(Date.now() + 5000));
  assert.notEqual(files.estimate(csvRead('data/changing.csv'), notebook, layout), first);
  assert.equal(calls.length, 2);
});

test('an estimator that throws gives a reason, and a format without one says so', () => {
  const failing: EstimateFile<DataEstimateResult> = () => {
    throw new Error('bad header');
  };
  const files = new DataFiles([workspace], { csv: { sync: failing } });
  const result: DataEstimateResult | undefined = files.estimate(csvRead('data/train.csv'), notebook, layout);
  assert.equal(result?.reason, 'not estimated: bad header');
  const none = new DataFiles([workspace], {});
  assert.equal(
    none.estimate(csvRead('data/train.csv'), notebook, layout)?.reason,
    'not estimated: no reader for csv files',
  );
});

test('Feather, Excel and pickles in the workspace say why they are not estimated; elsewhere nothing is said', async () => {
  writeFileSync(join(workspace, 'data', 'frame.feather'), 'ARROW1');
  writeFileSync(join(workspace, 'data', 'book.xlsx'), 'PK');
  writeFileSync(join(workspace, 'data', 'model.pkl'), 'x');
  const files = defaultDataFiles([workspace]);
  const read = (format: DataRead['format'], path: string): DataRead => ({
    call: undefined as never,
    format,
    path,
    options: {},
  });
  assert.equal(
    (await files.estimateAsync(read('feather', 'data/frame.feather'), notebook, layout))?.reason,
    'not estimated: Feather files are not read yet',
  );
  assert.equal(
    files.estimate(read('excel', 'data/book.xlsx'), notebook, layout)?.reason,
    'not estimated: Excel files are not read yet',
  );
  assert.match(files.estimate(read('pickle', 'data/model.pkl'), notebook, layout)?.reason ?? '', /runs its code/);
  assert.equal(files.estimate(read('feather', 'data/missing.feather'), notebook, layout), undefined);
});

test('the cache tells apart CPython layouts, read options and text kinds', () => {
  const { estimator, calls } = recordingEstimator();
  const files = new DataFiles([workspace], { csv: { sync: estimator }, text: { sync: estimator } });
  const other = CPYTHON['3.13'];
  assert.notEqual(layout.label, other.label);
  files.estimate(csvRead('data/train.csv'), notebook, layout);
  files.estimate(csvRead('data/train.csv'), notebook, other);
  files.estimate(csvRead('data/train.csv', { usecols: ['a'] }), notebook, layout);
  assert.equal(calls.length, 3);
  files.estimate(csvRead('data/train.csv'), notebook, other);
  assert.equal(calls.length, 3, 'the same read for the same layout is kept');
  const textRead = (textKind: TextReadKind): DataRead => ({
    call: undefined as never,
    format: 'text',
    path: 'data/train.csv',
    options: {},
    textKind,
  });
  files.estimate(textRead('text'), notebook, layout);
  files.estimate(textRead('lines'), notebook, layout);
  assert.equal(calls.length, 5);
});

test('an async format is estimated by estimateAsync only, once, and then seen by estimate', async () => {
  const { estimator, calls } = recordingEstimator();
  const files = new DataFiles([workspace], { csv: { async: async (...args) => estimator(...args) } });
  const path = join(workspace, 'data', 'async.csv');
  writeFileSync(path, 'a\n1\n');
  const read = csvRead('data/async.csv');
  assert.equal(files.estimate(read, notebook, layout), undefined);
  assert.equal(calls.length, 0, 'estimate starts nothing');
  const [first, second] = await Promise.all([
    files.estimateAsync(read, notebook, layout),
    files.estimateAsync(read, notebook, layout),
  ]);
  assert.ok(first?.estimate);
  assert.equal(second, first);
  assert.equal(calls.length, 1, 'two requests at once read the file once');
  assert.equal(files.estimate(read, notebook, layout), first);
  writeFileSync(path, 'a\n1\n2\n');
  utimesSync(path, new Date(), new Date(Date.now() + 5000));
  assert.equal(files.estimate(read, notebook, layout), undefined, 'an estimate of an older version is not given');
  assert.notEqual(await files.estimateAsync(read, notebook, layout), first);
  assert.equal(calls.length, 2);
  assert.equal(await files.estimateAsync(csvRead('data/missing.csv'), notebook, layout), undefined);
  const rejecting = new DataFiles([workspace], { csv: { async: () => Promise.reject(new Error('bad footer')) } });
  assert.equal((await rejecting.estimateAsync(read, notebook, layout))?.reason, 'not estimated: bad footer');
});

test('the real estimators, end to end: a CSV, an .npy, an .npz, lines and JSON written here', async () => {
  const folder = join(workspace, 'real');
  mkdirSync(folder);
  writeFileSync(join(folder, 'table.csv'), 'a,b\n1,2\n3,4\n5,6\n');
  writeFileSync(join(folder, 'array.npy'), npyBytes({ header: npyHeaderDict("'<f8'", '(3, 4)'), dataBytes: 96 }));
  const member = npyBytes({ header: npyHeaderDict("'<i4'", '(5,)'), dataBytes: 20 });
  writeFileSync(join(folder, 'arrays.npz'), zipBytes([{ name: 'x.npy', data: member }]));
  writeFileSync(join(folder, 'lines.txt'), 'one\ntwo\n');
  writeFileSync(join(folder, 'records.json'), '[{"a": 1}, {"a": 2}]');
  const files = defaultDataFiles([workspace]);
  const read = (format: DataRead['format'], path: string, textKind?: TextReadKind): DataRead => ({
    call: undefined as never,
    format,
    path: `real/${path}`,
    options: {},
    ...(textKind ? { textKind } : {}),
  });

  const csv = files.estimate(read('csv', 'table.csv'), undefined, layout)?.estimate;
  assert.equal(csv?.rows, 3);
  assert.deepEqual(
    csv?.columns?.map((column) => column.dtype),
    ['int64', 'int64'],
  );
  assert.equal(csv?.bytes, rangeIndexBytes(layout, 3) + 2 * 3 * 8);

  const npy = files.estimate(read('npy', 'array.npy'), undefined, layout)?.estimate;
  assert.deepEqual([npy?.rows, npy?.shape, npy?.bytes], [3, [3, 4], 96]);

  const npzRead = read('npz', 'arrays.npz');
  assert.equal(files.estimate(npzRead, undefined, layout), undefined, 'npz is async: not started by estimate');
  const npz = (await files.estimateAsync(npzRead, undefined, layout))?.estimate;
  assert.equal(npz?.bytes, 20);
  assert.equal(files.estimate(npzRead, undefined, layout)?.estimate, npz);

  assert.equal(files.estimate(read('text', 'lines.txt', 'lines'), undefined, layout)?.estimate?.rows, 2);
  assert.equal(files.estimate(read('text', 'lines.txt', 'bytes'), undefined, layout)?.estimate?.bytesExact, true);
  assert.equal((await files.estimateAsync(read('json', 'records.json', 'json'), undefined, layout))?.estimate?.rows, 2);
});

test('the sample limit each call gives reaches the estimator, and an estimate under other limits is not reused', () => {
  const limitsSeen: number[] = [];
  const estimator: EstimateFile<DataEstimateResult> = (_path, _read, limits) => {
    limitsSeen.push(limits.maxSampleBytes);
    return { reason: `not estimated: sampled ${limits.maxSampleBytes} bytes` };
  };
  const files = new DataFiles([workspace], { csv: { sync: estimator } });
  const read = csvRead('data/train.csv');
  assert.equal(files.estimate(read, notebook, layout)?.reason, 'not estimated: sampled 1048576 bytes');
  assert.equal(
    files.estimate(read, notebook, layout, { maxSampleBytes: 4096 })?.reason,
    'not estimated: sampled 4096 bytes',
  );
  files.estimate(read, notebook, layout, { maxSampleBytes: 4096 });
  assert.deepEqual(limitsSeen, [1048576, 4096]);
});

test('a real CSV sampled with less says so: rows extrapolated from a smaller sample', () => {
  const rows = Array.from({ length: 5000 }, (_, i) => `${i},${i * 3}\n`).join('');
  writeFileSync(join(workspace, 'data', 'long.csv'), `a,b\n${rows}`);
  const files = defaultDataFiles([workspace]);
  const read = csvRead('data/long.csv');
  const whole = files.estimate(read, notebook, layout)?.estimate;
  const sampled = files.estimate(read, notebook, layout, { maxSampleBytes: 2048 })?.estimate;
  assert.equal(whole?.rowsExact, true, 'a 1 MiB sample reads the whole file');
  assert.equal(whole?.rows, 5000);
  assert.equal(sampled?.rowsExact, false, 'a 2 KiB sample does not');
});
