// The timeline the tracer samples as the script runs: memory over time, with the line
// running, and the sampling it used on each interpreter here.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it, test } from 'node:test';
import { peakPoint } from '../../server/src/measure/peakPoint';
import type { TracerResult } from '../../server/src/measure/result';
import { measured, MEASURE_FIXTURES as DIR, tracerResult } from '../support/measure';
import { forOtherInterpreters, python3Version } from '../support/pythons';

const MB = 1_000_000;

function highest(result: TracerResult) {
  return peakPoint(result.timeline)!;
}

test('the timeline follows the traced memory up and down, in time order, with the line running and the resident set', async () => {
  const result = tracerResult(await measured(join(DIR, 'timeline.py')));
  assert.deepEqual(result.outcome, { kind: 'ok' });
  const { timeline } = result;
  assert.ok(timeline.length >= 10, `a point every few ms over 0.3 s: ${timeline.length}`);
  for (const [index, point] of timeline.entries()) {
    if (index > 0)
      assert.ok(point.seconds > timeline[index - 1]!.seconds, JSON.stringify(timeline.slice(index - 1, index + 1)));
    assert.ok(point.tracedBytes <= result.peakBytes, `${point.tracedBytes} within the peak ${result.peakBytes}`);
    if (process.platform === 'linux')
      assert.ok(point.rssBytes !== null && point.rssBytes >= point.tracedBytes, JSON.stringify(point));
  }
  const top = highest(result);
  assert.ok(top.tracedBytes >= 40 * MB, JSON.stringify(top));
  assert.equal(top.line, 5, 'the sleep on line 5 while the 40 MB were held');
  const last = timeline.at(-1)!;
  assert.ok(last.tracedBytes >= 10 * MB && last.tracedBytes < 12 * MB, JSON.stringify(last));
  assert.ok(
    timeline.some((point) => point.line === 8 && point.tracedBytes >= 10 * MB && point.tracedBytes < 12 * MB),
    'the sleep on line 8 with the 10 MB kept',
  );
  assert.ok(
    Math.abs(last.seconds - result.seconds) < 0.01,
    `the last point is the end: ${last.seconds} ${result.seconds}`,
  );
});

test('a loop that keeps growing is not snapshotted past the budget: the end is its peak', async () => {
  const result = tracerResult(await measured(join(DIR, 'dict_build.py')));
  const sampling = result.sampling!;
  assert.ok(sampling.snapshotSeconds <= 0.05 + 0.2 * result.seconds + 0.5, JSON.stringify(sampling));
  assert.equal(result.snapshotBytes, result.endBytes, 'the end, which holds the most, is the snapshot at the peak');
});

/** The sampling each interpreter uses, checked on the fixture whose peak lasts two lines. */
function samplingSuite(python: string, version: string): void {
  const expected = Number(version.split('.')[1]) >= 12 ? 'sys.monitoring' : 'sys.settrace';
  it(`python${version} samples with ${expected}, catches a peak freed two lines later, and keeps a timeline`, async () => {
    const result = tracerResult(await measured(join(DIR, 'after_peak.py'), { python }));
    assert.deepEqual(result.outcome, { kind: 'ok' });
    assert.equal(result.sampling?.lines, expected);
    assert.equal(result.python.split('.').slice(0, 2).join('.'), version);
    const freed = result.lines.find((line) => line.line === 3);
    assert.ok(freed && freed.bytes >= 32 * MB && freed.allocatedBytes < MB, JSON.stringify(result.lines));
    const kept = result.lines.find((line) => line.line === 8);
    assert.ok(kept && kept.allocatedBytes >= 8 * MB && kept.bytes < MB, JSON.stringify(result.lines));
    assert.ok(result.timeline.length >= 1);
  });
}

const own = python3Version();
if (own) describe(`python3 (${own})`, () => samplingSuite('python3', own));
forOtherInterpreters((version) => `the tracer on CPython ${version}`, samplingSuite);
