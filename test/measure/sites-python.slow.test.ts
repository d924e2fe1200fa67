// Each line's allocation sites (the frames from the line down to where the memory
// was allocated) against tracemalloc run directly, with the same number of frames
// (how sites are put in words: sites.test.ts).
import assert from 'node:assert/strict';
import { basename, join } from 'node:path';
import { test } from 'node:test';
import { measured, MEASURE_FIXTURES as DIR, tracerResult } from '../support/measure';
import { tracerScript } from '../../server/src/measure/tracerScript';
import { runPythonJson } from '../support/python';

/** Per traceback through the script: the script's line, the frames it called (innermost first, at most 4) and the bytes. */
const DIRECT_TRACEMALLOC = `
import contextlib, io, json, os, runpy, sys, tracemalloc
script = json.load(sys.stdin)["script"]
sys.argv = [script]
sys.path[0] = os.path.dirname(script)  # as python3 SCRIPT sets it
tracemalloc.start(32)
with contextlib.redirect_stdout(io.StringIO()):
    namespace = runpy.run_path(script, run_name="__main__")
snapshot = tracemalloc.take_snapshot()
tracemalloc.stop()
sites = {}
for statistic in snapshot.statistics("traceback"):
    frames = [(frame.filename, frame.lineno) for frame in reversed(list(statistic.traceback))]
    index = next((i for i, (filename, _) in enumerate(frames) if filename == script), None)
    if index is None:
        continue
    key = json.dumps([frames[index][1], frames[:index][:4]])
    sites[key] = sites.get(key, 0) + statistic.size
print(json.dumps([{"line": json.loads(key)[0], "frames": json.loads(key)[1], "bytes": size} for key, size in sites.items()]))
`;

interface DirectSite {
  readonly line: number;
  readonly frames: readonly [string, number][];
  readonly bytes: number;
}

const MIB = 1024 * 1024;

test('a line calling into other code lists where in it the memory went, within 10% of tracemalloc run directly', async () => {
  const script = join(DIR, 'calls_builders.py');
  const traced = tracerResult(await measured(script));
  assert.deepEqual(traced.outcome, { kind: 'ok' });
  const direct = runPythonJson<DirectSite[]>(DIRECT_TRACEMALLOC, { script }).filter((site) => site.bytes >= MIB);
  // bytes() and the strings in builders.py, and the json decoder's objects.
  assert.ok(direct.filter((site) => site.line === 6).length >= 2, JSON.stringify(direct));
  assert.ok(
    direct.some((site) => site.line === 7 && site.frames.some(([file]) => file.endsWith(join('json', 'decoder.py')))),
    JSON.stringify(direct),
  );
  for (const site of direct) {
    const line = traced.lines.find((measurement) => measurement.line === site.line);
    const ours = line?.sites.find(
      (candidate) =>
        JSON.stringify(candidate.frames.map((frame) => [frame.file, frame.line])) === JSON.stringify(site.frames),
    );
    assert.ok(ours, `line ${site.line}: no site ${JSON.stringify(site.frames)} among ${JSON.stringify(line?.sites)}`);
    assert.ok(
      Math.abs(ours.bytes - site.bytes) <= site.bytes * 0.1,
      `line ${site.line} ${JSON.stringify(site.frames)}: tracer ${ours.bytes} bytes, directly ${site.bytes}`,
    );
  }
  const blob = traced.lines.find((line) => line.line === 6)!.sites.find((site) => site.frames[0]?.line === 4)!;
  assert.deepEqual(
    blob.frames.map((frame) => [frame.file, frame.code]),
    [[join(DIR, 'builders.py'), 'blob = bytes(count * 50)']],
  );
  assert.equal(blob.count, 1);
});

test('a line that allocates by itself has one site with no frames; sites come largest first, at most five', async () => {
  const traced = tracerResult(await measured(join(DIR, 'bytes_buffer.py')));
  const buffer = traced.lines.find((line) => line.line === 2)!;
  assert.deepEqual(buffer.sites[0], { frames: [], moreFrames: false, bytes: buffer.sites[0]!.bytes, count: 1 });
  assert.ok(buffer.sites[0]!.bytes >= 20_000_000);
  for (const line of tracerResult(await measured(join(DIR, 'calls_builders.py'))).lines) {
    assert.ok(line.sites.length >= 1 && line.sites.length <= 5, JSON.stringify(line));
    assert.deepEqual(
      line.sites.map((site) => site.bytes),
      line.sites.map((site) => site.bytes).sort((a, b) => b - a),
    );
    assert.ok(line.sites.reduce((sum, site) => sum + site.bytes, 0) <= line.bytes);
  }
});

test("the tracer's own bookkeeping (its snapshots, taken from inside the script's lines) is charged to no line", async () => {
  // Small enough that the snapshots' own few hundred bytes would be seen among the lines' figures.
  const traced = tracerResult(await measured(join(DIR, 'million_ints.py'), { args: ['5000'] }));
  assert.deepEqual(traced.outcome, { kind: 'ok' });
  const tracer = tracerScript();
  const intoTracer = traced.lines.flatMap((line) =>
    line.sites
      .filter((site) => site.frames.some((frame) => frame.file === tracer || basename(frame.file) === 'tracemalloc.py'))
      .map((site) => ({ line: line.line, site })),
  );
  assert.deepEqual(intoTracer, []);
});
