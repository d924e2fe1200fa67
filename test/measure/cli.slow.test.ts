// `memhints measure` run as a subprocess: the table, JSON, exit codes, and the
// command line's errors (its parsing alone: commandLine.test.ts).
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { bytesWithExact } from '../../server/src/sizes/format';
import { hasStackTrace, memhints, project } from '../support/cli';
import { heldAtEndDirectly, MEASURE_FIXTURES } from '../support/measure';

function fixtureProject(t: Parameters<typeof project>[0], ...names: string[]): string {
  const root = project(t, {});
  for (const name of names) copyFileSync(join(MEASURE_FIXTURES, name), join(root, name));
  return root;
}

test('text: one row per line, largest first, with the exact bytes at the peak and at the end, the source, the peak, and the script output after', (t) => {
  const root = fixtureProject(t, 'bytes_buffer.py');
  const run = memhints(['measure', 'bytes_buffer.py'], root);
  assert.equal(run.status, 0, run.stderr);
  const json = JSON.parse(memhints(['measure', 'bytes_buffer.py', '--format', 'json'], root).stdout) as {
    lines: { line: number; bytes: number }[];
    peakBytes: number;
  };
  const rows = run.stdout.split('\n').filter((line) => line.startsWith('bytes_buffer.py:'));
  assert.match(run.stdout, /^line +at peak +blocks +at end +source$/m);
  // Both are kept to the end: the same figure in both columns.
  assert.match(rows[0]!, /^bytes_buffer\.py:2 +(19\.\d MiB \(\d+ bytes\)) +1 +\1 +buffer = bytes\(20_000_000\)$/);
  assert.match(rows[1]!, /^bytes_buffer\.py:3 +(4\.8 MiB \(\d+ bytes\)) +\d+ +\1 +scratch = bytearray\(5_000_000\)$/);
  assert.match(run.stdout, /^Peak traced memory: \d+(\.\d)? MiB \(\d+ bytes\)$/m);
  // The two runs measure the same script: the big line's figure agrees to a few hundred bytes.
  const line2 = json.lines.find((line) => line.line === 2)!;
  assert.ok(Math.abs(line2.bytes - 20_000_000) < 4096, `bytes(20_000_000) held ${line2.bytes} bytes`);
  assert.ok(rows[0]!.includes(bytesWithExact(line2.bytes).split(' (')[0]!));
});

test('a line whose memory comes after the peak is listed, with what it held at the end as tracemalloc run directly says', (t) => {
  const root = fixtureProject(t, 'after_peak.py');
  const held = heldAtEndDirectly(join(root, 'after_peak.py'))['8']!;
  type Json = {
    lines: {
      line: number;
      bytes: number;
      count: number;
      allocatedBytes: number;
      allocatedCount: number;
      source: string;
    }[];
  };
  const json = JSON.parse(memhints(['measure', '--format', 'json', 'after_peak.py'], root).stdout) as Json;
  const kept = json.lines.find((line) => line.line === 8);
  assert.ok(kept, JSON.stringify(json.lines));
  assert.ok(
    Math.abs(kept.allocatedBytes - held) <= held * 0.1,
    `line 8: memhints ${kept.allocatedBytes} bytes at the end, tracemalloc directly ${held}`,
  );
  assert.equal(kept.allocatedCount, 1);
  assert.equal(kept.source, 'kept = [0] * 1_000_000');
  // Listed after the line that set the peak, ahead of the small change.
  assert.deepEqual(
    json.lines.slice(0, 2).map((line) => line.line),
    [3, 8],
  );
  const text = memhints(['measure', 'after_peak.py'], root);
  assert.equal(text.status, 0, text.stderr);
  const row = text.stdout.split('\n').find((line) => line.startsWith('after_peak.py:8 '));
  const [, atPeak, atEnd] =
    /^after_peak\.py:8 +(\d+ bytes) +0 +[\d.]+ MiB \((\d+) bytes\) +kept = \[0\] \* 1_000_000$/.exec(row ?? '') ?? [];
  assert.ok(atPeak && atEnd, text.stdout);
  assert.ok(Math.abs(Number(atEnd) - held) <= held * 0.1, `line 8: ${row}; tracemalloc directly ${held} bytes`);
});

test('json: one object with the outcome, the lines with their source, and the output of the script', (t) => {
  const root = fixtureProject(t, 'argv_echo.py');
  const run = memhints(['measure', '--format', 'json', 'argv_echo.py', '--', 'x', '--top', '1'], root);
  assert.equal(run.status, 0, run.stderr);
  const result = JSON.parse(run.stdout) as {
    file: string;
    outcome: { kind: string };
    message: null;
    stdout: string;
    stderr: string;
    lines: { file: string; source: string; line: number }[];
  };
  assert.equal(result.file, 'argv_echo.py');
  assert.deepEqual(result.outcome, { kind: 'ok' });
  assert.equal(result.message, null);
  assert.deepEqual(JSON.parse(result.stdout), { argv: ['x', '--top', '1'], name: '__main__' });
  const source = readFileSync(join(root, 'argv_echo.py'), 'utf8').split('\n');
  for (const line of result.lines) assert.equal(line.source, source[line.line - 1]);
});

test('--top N keeps the N largest lines', (t) => {
  const root = fixtureProject(t, 'dict_build.py');
  type Lines = { lines: { line: number; bytes: number }[] };
  const all = JSON.parse(
    memhints(['measure', '--format', 'json', '--top', '0', 'dict_build.py'], root).stdout,
  ) as Lines;
  const top = JSON.parse(
    memhints(['measure', '--format', 'json', '--top', '1', 'dict_build.py'], root).stdout,
  ) as Lines;
  assert.ok(all.lines.length > 1);
  assert.equal(top.lines.length, 1);
  assert.equal(top.lines[0]!.line, all.lines[0]!.line);
  const text = memhints(['measure', '--top', '1', 'dict_build.py'], root);
  assert.match(
    text.stdout,
    new RegExp(`^\\.\\.\\. and ${all.lines.length - 1} more lines? \\(--top 0 shows all\\)$`, 'm'),
  );
});

test('exit code 1 with a clear message when the script fails or hits a limit', (t) => {
  const root = fixtureProject(t, 'raises.py', 'forever.py', 'hog.py');
  const raised = memhints(['measure', 'raises.py'], root);
  assert.equal(raised.status, 1);
  assert.match(raised.stdout, /^memhints: the script raised ValueError: invalid literal/m);
  assert.match(raised.stdout, /^Traceback \(most recent call last\):$/m);
  assert.match(raised.stdout, /--- stdout of the script ---\nstarting\n/);
  const slow = memhints(['measure', '--timeout', '0.5', 'forever.py'], root);
  assert.equal(slow.status, 1);
  assert.match(
    slow.stdout,
    /^memhints: the script hit the time limit of 0\.5 s and was stopped \(run by Python 3\.\d+\.\d+\S* at \/\S+\)$/m,
  );
  const hog = memhints(['measure', '--memory-limit', '200', '--format', 'json', 'hog.py'], root);
  assert.equal(hog.status, 1);
  assert.equal((JSON.parse(hog.stdout) as { outcome: { kind: string } }).outcome.kind, 'memory-limit');
  assert.match(hog.stderr, /memory limit of 200 MiB \(MemoryError/);
});

test('exit code 2 when the interpreter cannot be run, or the file is missing, without a stack trace', (t) => {
  const root = fixtureProject(t, 'bytes_buffer.py');
  const missing = memhints(['measure', '--python', 'no-such-python3', 'bytes_buffer.py'], root);
  assert.equal(missing.status, 2);
  assert.equal(
    missing.stderr,
    'memhints: error: the Python interpreter "no-such-python3" could not be run (not found); give another with --python PATH\n',
  );
  assert.equal(missing.stdout, '');
  const noFile = memhints(['measure', 'nowhere.py'], root);
  assert.equal(noFile.status, 2);
  assert.match(noFile.stderr, /nowhere\.py: no such file/);
  assert.ok(!hasStackTrace(missing.stderr + noFile.stderr));
});

test('exit code 2 when the interpreter runs but is not a Python that runs the tracer; a script ending itself without a result stays exit code 1', (t) => {
  const root = project(t, {
    'main.py': 'numbers = [0] * 1000\n',
    'quits.py': 'import os\nprint("quitting", flush=True)\nos._exit(3)\n',
  });
  // node runs, and fails on measure.py; /bin/false runs and does nothing.
  for (const notPython of [process.execPath, '/bin/false']) {
    const run = memhints(['measure', '--python', notPython, 'main.py'], root);
    assert.equal(run.status, 2, `${notPython}: ${run.stdout}${run.stderr}`);
    assert.equal(run.stdout, '');
    assert.match(
      run.stderr,
      new RegExp(
        `^memhints: error: the Python interpreter "${notPython.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}" could not be run \\(it did not start memhints' tracer: exited with code 1[^\\n]*\\); give another with --python PATH\\n$`,
      ),
    );
    assert.ok(!hasStackTrace(run.stderr), run.stderr);
  }
  const quits = memhints(['measure', 'quits.py'], root);
  assert.equal(quits.status, 1, quits.stderr);
  assert.match(
    quits.stdout,
    /^memhints: the script stopped without a result: the interpreter exited with code 3 without a result \(run by Python 3\.\d+\.\d+\S* at \/\S+\)$/m,
  );
  assert.match(quits.stdout, /--- stdout of the script ---\nquitting\n/);
});

test('a line that called other code gets rows saying where its memory went; json gives the sites with their frames', (t) => {
  const root = fixtureProject(t, 'calls_builders.py', 'builders.py', 'bytes_buffer.py');
  const text = memhints(['measure', 'calls_builders.py'], root);
  assert.equal(text.status, 0, text.stderr);
  type Json = {
    lines: {
      line: number;
      sites: { frames: { file: string; line: number; code: string }[]; bytes: number; count: number }[];
    }[];
  };
  const json = JSON.parse(memhints(['measure', '--format', 'json', 'calls_builders.py'], root).stdout) as Json;
  const blob = json.lines.find((line) => line.line === 6)!.sites.find((site) => site.frames[0]?.line === 4)!;
  assert.deepEqual(blob.frames, [{ file: join(root, 'builders.py'), line: 4, code: 'blob = bytes(count * 50)' }]);
  const rows = text.stdout.split('\n');
  const line6 = rows.findIndex((row) => row.startsWith('calls_builders.py:6 '));
  assert.ok(line6 >= 0, text.stdout);
  const after6 = rows.slice(line6 + 1);
  const under6 = after6.slice(
    0,
    after6.findIndex((row) => !row.startsWith('    ↳ ')),
  );
  assert.ok(
    under6.some((row) =>
      /^ {4}↳ \d+(\.\d)? MiB in 1 block at builders\.py:4 {2}blob = bytes\(count \* 50\)$/.test(row),
    ),
    under6.join('\n'),
  );
  assert.ok(
    under6.some((row) =>
      /^ {4}↳ \d+(\.\d)? MiB in [\d,]+ blocks at builders\.py:3 {2}names = \[str\(number\)/.test(row),
    ),
    under6.join('\n'),
  );
  const line7 = rows.findIndex((row) => row.startsWith('calls_builders.py:7 '));
  assert.match(rows[line7 + 1]!, /^ {4}↳ .* at json\/decoder\.py:\d+ ← /);
  // A line that allocated by itself needs no such row.
  const own = memhints(['measure', 'bytes_buffer.py'], root).stdout;
  assert.doesNotMatch(own, /↳/);
});

test('--frames N keeps N frames: with one, memory allocated inside called code is charged to no line', (t) => {
  const root = fixtureProject(t, 'calls_builders.py', 'builders.py');
  type Json = { sampling: { frames: number }; lines: { line: number; bytes: number }[] };
  const run = (frames: string[]) =>
    JSON.parse(memhints(['measure', 'calls_builders.py', '--format', 'json', ...frames], root).stdout) as Json;
  const line6 = (json: Json) => json.lines.find((line) => line.line === 6)?.bytes ?? 0;
  const deep = run([]);
  const shallow = run(['--frames', '1']);
  assert.equal(deep.sampling.frames, 32);
  assert.equal(shallow.sampling.frames, 1);
  assert.ok(line6(deep) >= 20_000_000, JSON.stringify(deep.lines));
  assert.ok(line6(shallow) < 1_000_000, JSON.stringify(shallow.lines));
});
