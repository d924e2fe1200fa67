// Running server/python/measure.py on the fixtures in test/fixtures/measure.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { measureScript, type MeasureRequest, type MeasureRun } from '../../server/src/measure/runTracer';
import type { TracerResult } from '../../server/src/measure/result';
import { tracerScript } from '../../server/src/measure/tracerScript';
import { FIXTURES } from './paths';

export const MEASURE_FIXTURES = join(FIXTURES, 'measure');

export function measured(script: string, extra: Partial<MeasureRequest> = {}): Promise<MeasureRun> {
  return measureScript({ python: 'python3', tracer: tracerScript(), script, args: [], cwd: MEASURE_FIXTURES, timeoutSeconds: 0, memoryLimitMb: 0, ...extra });
}

/** The tracer's result, failing the test when the run gave none. */
export function tracerResult(run: MeasureRun): TracerResult {
  assert.equal(run.kind, 'measured', JSON.stringify(run));
  return (run as Extract<MeasureRun, { kind: 'measured' }>).result;
}
