// How a measured script can end: raised, exited, time limit, memory limit, no interpreter.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { summariseRun } from '../../server/src/measure/outcome';
import { measured, MEASURE_FIXTURES as DIR, tracerResult } from '../support/measure';

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
  assert.equal(summariseRun(run).ending, 'failed');
  assert.match(summariseRun(run).message ?? '', /raised ValueError: invalid literal/);
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
  assert.match(summariseRun(run).message ?? '', /time limit of 1 s/);
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
  assert.match(summariseRun(run).message ?? '', /memory limit of 200 MiB \(MemoryError/);
});

test('a missing interpreter is reported as such, not as a failed script', async () => {
  const run = await measured(join(DIR, 'bytes_buffer.py'), { python: join(DIR, 'no-such-python') });
  assert.equal(run.kind, 'interpreter-unusable');
  assert.equal(summariseRun(run).ending, 'interpreter-unusable');
  assert.match(summariseRun(run).message ?? '', /no-such-python" could not be run \(not found\)/);
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

test('cancelling kills the interpreter', async () => {
  const cancel = new AbortController();
  const running = measured(join(DIR, 'forever.py'), { signal: cancel.signal });
  setTimeout(() => cancel.abort(), 200);
  assert.deepEqual(await running, { kind: 'cancelled' });
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
