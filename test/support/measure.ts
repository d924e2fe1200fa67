// Running server/python/measure.py on the fixtures in test/fixtures/measure, and tracemalloc
// directly on the same scripts to compare with.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { measureScript, type MeasureRequest, type MeasureRun } from '../../server/src/measure/runTracer';
import type { TracerResult } from '../../server/src/measure/result';
import { tracerScript } from '../../server/src/measure/tracerScript';
import { FIXTURES } from './paths';
import { runPythonJson } from './python';

export const MEASURE_FIXTURES = join(FIXTURES, 'measure');

export function measured(script: string, extra: Partial<MeasureRequest> = {}): Promise<MeasureRun> {
  return measureScript({
    python: 'python3',
    tracer: tracerScript(),
    script,
    args: [],
    cwd: MEASURE_FIXTURES,
    timeoutSeconds: 0,
    memoryLimitMb: 0,
    ...extra,
  });
}

/** The tracer's result, failing the test when the run gave none. */
export function tracerResult(run: MeasureRun): TracerResult {
  assert.equal(run.kind, 'measured', JSON.stringify(run));
  return (run as Extract<MeasureRun, { kind: 'measured' }>).result;
}

/** Bytes per line held at the end of the script, from tracemalloc's own traces, each charged to the innermost frame of the script. */
const DIRECT_TRACEMALLOC = `
import contextlib, importlib.util, io, json, os, runpy, sys, tracemalloc
request = json.load(sys.stdin)
script = request["script"]
# The tracer's module loaded first, as it is under the tracer: the modules it imports are not the script's to import.
spec = importlib.util.spec_from_file_location("_memhints_measure", request["tracer"])
spec.loader.exec_module(importlib.util.module_from_spec(spec))
sys.argv = [script]
sys.path[0] = os.path.dirname(script)  # as python3 SCRIPT has it
tracemalloc.start(request["frames"])
with contextlib.redirect_stdout(io.StringIO()):  # this process's stdout carries the answer
    namespace = runpy.run_path(script, run_name="__main__")
snapshot = tracemalloc.take_snapshot()
tracemalloc.stop()
lines = {}
for statistic in snapshot.statistics("traceback"):
    # A Traceback runs from the oldest frame to the most recent.
    mine = [frame for frame in statistic.traceback if frame.filename == script]
    if mine:
        lines[mine[-1].lineno] = lines.get(mine[-1].lineno, 0) + statistic.size
print(json.dumps(lines))
`;

/**
 * What each line of the script still holds when it ends, by 1-based line, as tracemalloc run
 * directly by python3 says. With one frame (the default) a line's memory is what it allocated
 * itself; with more, also what the code it called allocated, as far down as the frames reach.
 */
export function heldAtEndDirectly(script: string, frames = 1): Record<string, number> {
  return runPythonJson<Record<string, number>>(DIRECT_TRACEMALLOC, { script, frames, tracer: tracerScript() });
}
