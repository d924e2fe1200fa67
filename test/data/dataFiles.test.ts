// Finding a read's data file in the workspace, safely, and estimating it once per version.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { DataEstimateResult } from '../../server/src/data/dataEstimate';
import { DataFiles, type FormatEstimator } from '../../server/src/data/dataFiles';
import type { DataRead } from '../../server/src/data/readCalls';

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

/** An estimator that reports which file it was given, and counts its calls. */
function recordingEstimator(): { estimator: FormatEstimator; calls: string[] } {
  const calls: string[] = [];
  const estimator: FormatEstimator = (path) => {
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

function csvRead(path: string): DataRead {
  return { call: undefined as never, format: 'csv', path, options: {} };
}

const notebook = join(workspace, 'notebooks', 'analysis.ipynb');

test('a relative path is found from the document folder first, then from the workspace root', () => {
  const { estimator, calls } = recordingEstimator();
  const files = new DataFiles([workspace], { csv: estimator });
  assert.ok(files.estimate(csvRead('local.csv'), notebook)?.estimate);
  assert.ok(files.estimate(csvRead('data/train.csv'), notebook)?.estimate);
  assert.deepEqual(calls, [join(workspace, 'notebooks', 'local.csv'), join(workspace, 'data', 'train.csv')]);
  assert.equal(files.estimate(csvRead('data/missing.csv'), notebook), undefined);
});

test('a link out of the workspace is not read; a link inside it is', () => {
  const { estimator, calls } = recordingEstimator();
  const files = new DataFiles([workspace], { csv: estimator });
  assert.match(files.estimate(csvRead('data/link-out.csv'), notebook)?.reason ?? '', /outside the workspace/);
  assert.match(files.estimate(csvRead(join(outside, 'secret.csv')), notebook)?.reason ?? '', /outside the workspace/);
  assert.ok(files.estimate(csvRead('data/link-in.csv'), notebook)?.estimate);
  assert.deepEqual(calls, [join(workspace, 'data', 'train.csv')]);
});

test('a FIFO or a folder is not a regular file, and is never opened', () => {
  const fifo = join(workspace, 'data', 'pipe.csv');
  execFileSync('mkfifo', [fifo]);
  const { estimator, calls } = recordingEstimator();
  const files = new DataFiles([workspace], { csv: estimator });
  assert.match(files.estimate(csvRead('data/pipe.csv'), notebook)?.reason ?? '', /not a regular file/);
  assert.match(files.estimate(csvRead('data'), notebook)?.reason ?? '', /not a regular file/);
  assert.deepEqual(calls, []);
});

test('an estimate is kept until the file changes', () => {
  const path = join(workspace, 'data', 'changing.csv');
  writeFileSync(path, 'a\n1\n');
  const { estimator, calls } = recordingEstimator();
  const files = new DataFiles([workspace], { csv: estimator });
  const first = files.estimate(csvRead('data/changing.csv'), notebook);
  assert.equal(files.estimate(csvRead('data/changing.csv'), notebook), first);
  assert.equal(calls.length, 1);
  writeFileSync(path, 'a\n1\n2\n');
  utimesSync(path, new Date(), new Date(Date.now() + 5000));
  assert.notEqual(files.estimate(csvRead('data/changing.csv'), notebook), first);
  assert.equal(calls.length, 2);
});

test('an estimator that throws gives a reason, and a format without one says so', () => {
  const failing: FormatEstimator = () => {
    throw new Error('bad header');
  };
  const files = new DataFiles([workspace], { csv: failing });
  const result: DataEstimateResult | undefined = files.estimate(csvRead('data/train.csv'), notebook);
  assert.equal(result?.reason, 'not estimated: bad header');
  const none = new DataFiles([workspace], {});
  assert.equal(none.estimate(csvRead('data/train.csv'), notebook)?.reason, 'not estimated: no reader for csv files');
});
