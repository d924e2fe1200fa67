// Reading the tracer's JSON: a result of another format version is refused with a message saying
// which, rather than read as if its fields meant the same.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseTracerResult, RESULT_VERSION } from '../../server/src/measure/result';

const RESULT = {
  script: '/p/a.py',
  python: '3.11.7',
  executable: '/usr/bin/python3',
  outcome: { kind: 'ok' },
  peakBytes: 0,
  endBytes: 0,
  snapshotBytes: 0,
  lines: [],
  maxRssBytes: 0,
  seconds: 0,
  sampling: { lines: 'sys.settrace', frames: 32, snapshots: 0, snapshotSeconds: 0 },
  timeline: [],
};

test('a result of the current version is read', () => {
  assert.equal(parseTracerResult(JSON.stringify({ version: RESULT_VERSION, ...RESULT })).script, '/p/a.py');
});

test('a result of an older or unknown version is refused, naming both versions', () => {
  for (const version of [3, RESULT_VERSION + 1, 'x', undefined]) {
    assert.throws(
      () => parseTracerResult(JSON.stringify({ version, ...RESULT })),
      (error: unknown) =>
        error instanceof Error &&
        error.message === `the tracer wrote a result of version ${String(version)}, expected ${RESULT_VERSION}`,
      String(version),
    );
  }
});

test('a result without a timeline is refused', () => {
  const { timeline: _timeline, ...withoutTimeline } = RESULT;
  assert.throws(
    () => parseTracerResult(JSON.stringify({ version: RESULT_VERSION, ...withoutTimeline })),
    /without a timeline/,
  );
});
