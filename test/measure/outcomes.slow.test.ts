// How a measured script can end: raised, exited, time limit, memory limit, no interpreter;
// and the interpreter each result and failure names.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { summariseRun } from '../../server/src/measure/outcome';
import type { MeasureProgress } from '../../server/src/measure/progress';
import { measureText } from '../../server/src/measure/report';
import { isPartial } from '../../server/src/measure/result';
import type { MeasureRun } from '../../server/src/measure/runTracer';
import { measured, MEASURE_FIXTURES as DIR, tracerResult } from '../support/measure';
import { runPythonJson } from '../support/python';

const ADVICE = 'give another with --python PATH';

/** The interpreter python3 is, as it says itself: the path it runs from and its version. */
const PYTHON3 = runPythonJson<{ executable: string; version: string }>(
  'import json, sys; print(json.dumps({"executable": sys.executable, "version": sys.version.split()[0]}))',
  null,
);
const RAN_BY = `Python ${PYTHON3.version} at ${PYTHON3.executable}`;

function scratch(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'memhints-measure-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('a script that raises: its traceback, from its own frames on, and what it printed', async () => {
  const run = await measured(join(DIR, 'raises.py'));
  const result = tracerResult(run);
  assert.equal(result.outcome.kind, 'raised');
  assert.ok(result.outcome.kind === 'raised');
  assert.equal(result.outcome.exception, 'ValueError');
  assert.match(
    result.outcome.traceback,
    /^Traceback \(most recent call last\):\n {2}File ".*raises\.py", line 10, in <module>/,
  );
  assert.match(
    result.outcome.traceback,
    /line 7, in parse\n\s+return int\(text\)\n[\s^]*\nValueError: invalid literal/,
  );
  assert.doesNotMatch(result.outcome.traceback, /measure\.py|runpy/);
  assert.ok(run.kind === 'measured');
  assert.equal(run.output.stdout, 'starting\n');
  assert.ok(
    result.lines.some((line) => line.line === 3 && line.bytes >= 800_000),
    'the table held before the failure is measured',
  );
  assert.equal(summariseRun(run, ADVICE).ending, 'failed');
  assert.match(summariseRun(run, ADVICE).message ?? '', /raised ValueError: invalid literal/);
});

test("a script that does not compile: where, as python3 itself says it, without the tracer's or runpy's frames", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'memhints-measure-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const script = join(dir, 'unclosed.py');
  writeFileSync(script, 'numbers = [0] * 10\nprint(numbers\n');
  const result = tracerResult(await measured(script, { cwd: dir }));
  assert.ok(result.outcome.kind === 'raised', JSON.stringify(result.outcome));
  assert.equal(result.outcome.exception, 'SyntaxError');
  assert.doesNotMatch(result.outcome.traceback, /measure\.py|runpy|Traceback/);
  assert.match(
    result.outcome.traceback,
    /^ {2}File ".*unclosed\.py", line 2\n {4}print\(numbers\n[ ^]+\nSyntaxError: /,
  );
});

test('the time limit stops a script that never ends', async () => {
  const run = await measured(join(DIR, 'forever.py'), { timeoutSeconds: 1 });
  assert.deepEqual(tracerResult(run).outcome, { kind: 'time-limit', seconds: 1 });
  assert.match(summariseRun(run, ADVICE).message ?? '', /time limit of 1 s/);
});

test('the memory limit ends a script that takes ever more with a MemoryError, and says so', async () => {
  const run = await measured(join(DIR, 'hog.py'), { memoryLimitMb: 200 });
  const result = tracerResult(run);
  assert.equal(result.outcome.kind, 'memory-limit');
  assert.ok(result.outcome.kind === 'memory-limit');
  assert.match(result.outcome.traceback, /MemoryError/);
  assert.ok(result.peakBytes < 200 * 1024 * 1024, `traced memory stayed under the limit: ${result.peakBytes}`);
  // What the loop had taken when the limit struck: whole 10 MB blocks on line 5.
  const line5 = result.lines.find((line) => line.line === 5);
  assert.ok(line5 && line5.bytes >= 50_000_000, JSON.stringify(result.lines));
  assert.match(summariseRun(run, ADVICE).message ?? '', /memory limit of 200 MiB \(MemoryError/);
});

test('a result names the interpreter that ran, as it says itself, and a failure says it too', async () => {
  const run = await measured(join(DIR, 'raises.py'));
  assert.equal(tracerResult(run).executable, PYTHON3.executable);
  assert.equal(tracerResult(run).python, PYTHON3.version);
  assert.ok(summariseRun(run, ADVICE).message?.endsWith(`(run by ${RAN_BY})`), summariseRun(run, ADVICE).message);
});

test('a script importing a module the interpreter lacks: which interpreter, which module, how to choose another', async (t) => {
  const dir = scratch(t);
  const script = join(dir, 'needs.py');
  writeFileSync(script, 'table = [0] * 1000\nimport memhints_absent_module\n');
  const run = await measured(script, { cwd: dir });
  const summary = summariseRun(run, ADVICE);
  assert.equal(
    summary.message,
    `${RAN_BY} has no module named 'memhints_absent_module' (the script raised ModuleNotFoundError); ${ADVICE}`,
  );
  assert.ok(summary.anotherInterpreter);
  assert.match(summary.traceback ?? '', /needs\.py", line 2/);
});

test('a run ended without a result (os._exit) still names the interpreter, from what the tracer wrote first', async (t) => {
  const dir = scratch(t);
  const script = join(dir, 'quits.py');
  writeFileSync(script, 'import os\nos._exit(3)\n');
  const run = await measured(script, { cwd: dir });
  assert.equal(run.kind, 'no-result');
  assert.equal(
    summariseRun(run, ADVICE).message,
    `the script stopped without a result: the interpreter exited with code 3 without a result (run by ${RAN_BY})`,
  );
});

test('an interpreter that runs but cannot run the tracer is named with the version it gives', async (t) => {
  // A stand-in for a Python 2: it answers --version as one does and fails on anything else.
  const dir = scratch(t);
  const python2 = join(dir, 'python2');
  writeFileSync(
    python2,
    '#!/bin/sh\nif [ "$1" = --version ]; then echo "Python 2.7.18" >&2; exit 0; fi\necho "SyntaxError: invalid syntax" >&2\nexit 1\n',
    { mode: 0o755 },
  );
  const run = await measured(join(DIR, 'bytes_buffer.py'), { python: python2 });
  assert.equal(run.kind, 'interpreter-unusable');
  assert.equal(
    summariseRun(run, ADVICE).message,
    `the Python interpreter "${python2}" (Python 2.7.18) could not be run (it did not start memhints' tracer: exited with code 1, saying "SyntaxError: invalid syntax"); ${ADVICE}`,
  );
});

test('a missing interpreter is reported as such, not as a failed script', async () => {
  const run = await measured(join(DIR, 'bytes_buffer.py'), { python: join(DIR, 'no-such-python') });
  assert.equal(run.kind, 'interpreter-unusable');
  assert.equal(summariseRun(run, ADVICE).ending, 'interpreter-unusable');
  assert.match(summariseRun(run, ADVICE).message ?? '', /no-such-python" could not be run \(not found\); give another/);
});

test('arguments reach sys.argv, the script runs as __main__, and its output never passes for the result', async () => {
  const run = await measured(join(DIR, 'argv_echo.py'), { args: ['0', '--flag', 'two words'] });
  const result = tracerResult(run);
  assert.deepEqual(result.outcome, { kind: 'ok' });
  assert.ok(run.kind === 'measured');
  assert.deepEqual(JSON.parse(run.output.stdout), { argv: ['0', '--flag', 'two words'], name: '__main__' });
  assert.equal(run.output.stderr, '{"outcome": {"kind": "ok"}}\n');
});

test('sys.exit with another code than 0 is a failure with that code', async () => {
  const run = await measured(join(DIR, 'argv_echo.py'), { args: ['3'] });
  assert.deepEqual(tracerResult(run).outcome, { kind: 'exited', code: 3, message: null });
});

test('progress comes twice a second while the script runs: the seconds run and the traced peak so far', async (t) => {
  const dir = scratch(t);
  const script = join(dir, 'grows.py');
  writeFileSync(
    script,
    'import time\nchunks = []\nfor _ in range(20):\n    chunks.append(bytes(1_000_000))\n    time.sleep(0.1)\n',
  );
  const seen: MeasureProgress[] = [];
  const run = await measured(script, { cwd: dir, onProgress: (progress) => seen.push(progress) });
  const result = tracerResult(run);
  assert.ok(seen.length >= 2, `${seen.length} reports in ${result.seconds} s`);
  assert.ok(
    seen.length <= result.seconds * 2 + 2,
    `${seen.length} reports in ${result.seconds} s: more than twice a second`,
  );
  for (const [index, progress] of seen.entries()) {
    assert.ok(progress.peakBytes >= progress.tracedBytes, JSON.stringify(progress));
    assert.ok(progress.peakBytes <= result.peakBytes, JSON.stringify(progress));
    if (index > 0)
      assert.ok(progress.seconds >= seen[index - 1]!.seconds && progress.peakBytes >= seen[index - 1]!.peakBytes);
  }
  assert.ok(seen.at(-1)!.peakBytes >= 5_000_000, `the peak grows as the script does: ${JSON.stringify(seen.at(-1))}`);
});

test('Cancel stops the script and keeps what was measured until then, marked partial', async (t) => {
  const dir = scratch(t);
  const script = join(dir, 'holds.py');
  writeFileSync(script, 'import time\nnumbers = [0] * 2_000_000\nwhile True:\n    time.sleep(0.01)\n');
  const cancel = new AbortController();
  const cancelledAt: number[] = [];
  const run = await measured(script, {
    cwd: dir,
    signal: cancel.signal,
    // Cancelled once the progress says the list is held.
    onProgress: (progress) => {
      if (progress.peakBytes >= 16_000_000 && !cancel.signal.aborted) {
        cancelledAt.push(Date.now());
        cancel.abort();
      }
    },
  });
  const ended = Date.now();
  const result = tracerResult(run);
  assert.deepEqual(result.outcome, { kind: 'cancelled' });
  assert.ok(isPartial(result.outcome));
  assert.ok(
    ended - cancelledAt[0]! < 5000,
    `stopped ${ended - cancelledAt[0]!} ms after Cancel, before the grace ran out`,
  );
  const held = result.lines.find((line) => line.line === 2);
  assert.ok(held && held.bytes >= 16_000_000, JSON.stringify(result.lines));
  assert.ok(result.timeline.length > 0);
  const summary = summariseRun(run, ADVICE);
  assert.equal(summary.ending, 'cancelled');
  assert.match(
    summary.message ?? '',
    /^the measurement was cancelled after [\d.]+ s, before the script ended: what was measured until then is partial \(run by /,
  );
  const text = measureText({
    file: 'holds.py',
    run: run as Extract<MeasureRun, { kind: 'measured' }>,
    summary,
    lines: [],
    hiddenLines: 0,
  });
  assert.match(
    text,
    /^Measured holds\.py with Python \S+ at \S+ in [\d.]+ s \(partial: stopped before the script ended\)$/m,
  );
});

test('a script that ignores Cancel is killed after a grace, and nothing is kept', async (t) => {
  const dir = scratch(t);
  const script = join(dir, 'stubborn.py');
  writeFileSync(
    script,
    'import signal, time\nsignal.signal(signal.SIGTERM, signal.SIG_IGN)\nwhile True:\n    time.sleep(0.01)\n',
  );
  const cancel = new AbortController();
  const running = measured(script, { cwd: dir, signal: cancel.signal });
  setTimeout(() => cancel.abort(), 500);
  assert.deepEqual(await running, { kind: 'cancelled' });
  const before = new AbortController();
  before.abort();
  assert.deepEqual(await measured(script, { cwd: dir, signal: before.signal }), { kind: 'cancelled' });
});

test("modules in the script's folder named like the tracer's own (json, types) are the script's alone", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'memhints-measure-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  for (const name of ['json', 'types', 'argparse'])
    writeFileSync(join(dir, `${name}.py`), 'raise SystemExit("shadowed")\n');
  writeFileSync(join(dir, 'main.py'), 'import sys\nprint(sys.path[0])\nnumbers = [0] * 100_000\n');
  const run = await measured(join(dir, 'main.py'), { cwd: dir });
  const result = tracerResult(run);
  assert.deepEqual(result.outcome, { kind: 'ok' });
  assert.ok(run.kind === 'measured');
  assert.equal(run.output.stdout, `${dir}\n`, 'the script sees its own folder first, as python3 main.py would');
  assert.ok(result.lines.some((line) => line.line === 3 && line.bytes >= 800_000));
});
