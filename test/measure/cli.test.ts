// `memhints measure`: the table, JSON, exit codes, and the command line's errors.
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseCommandLine } from '../../server/src/cli/args';
import { UsageError } from '../../server/src/cli/errors';
import { bytesWithExact } from '../../server/src/sizes/format';
import { hasStackTrace, memhints, project } from '../support/cli';
import { MEASURE_FIXTURES } from '../support/measure';

function fixtureProject(t: Parameters<typeof project>[0], ...names: string[]): string {
  const root = project(t, {});
  for (const name of names) copyFileSync(join(MEASURE_FIXTURES, name), join(root, name));
  return root;
}

test('text: one row per line, largest first, with the exact bytes, the source, the peak, and the script output after', (t) => {
  const root = fixtureProject(t, 'bytes_buffer.py');
  const run = memhints(['measure', 'bytes_buffer.py'], root);
  assert.equal(run.status, 0, run.stderr);
  const json = JSON.parse(memhints(['measure', 'bytes_buffer.py', '--format', 'json'], root).stdout) as { lines: { line: number; bytes: number }[]; peakBytes: number };
  const rows = run.stdout.split('\n').filter((line) => line.startsWith('bytes_buffer.py:'));
  assert.match(rows[0]!, /^bytes_buffer\.py:2 +19\.\d MiB \(\d+ bytes\) +1 +buffer = bytes\(20_000_000\)$/);
  assert.match(rows[1]!, /^bytes_buffer\.py:3 +4\.8 MiB \(\d+ bytes\) +\d+ +scratch = bytearray\(5_000_000\)$/);
  assert.match(run.stdout, /^Peak traced memory: \d+(\.\d)? MiB \(\d+ bytes\)$/m);
  // The two runs measure the same script: the big line's figure agrees to a few hundred bytes.
  const line2 = json.lines.find((line) => line.line === 2)!;
  assert.ok(Math.abs(line2.bytes - 20_000_000) < 4096, `bytes(20_000_000) held ${line2.bytes} bytes`);
  assert.ok(rows[0]!.includes(bytesWithExact(line2.bytes).split(' (')[0]!));
});

test('json: one object with the outcome, the lines with their source, and the output of the script', (t) => {
  const root = fixtureProject(t, 'argv_echo.py');
  const run = memhints(['measure', '--format', 'json', 'argv_echo.py', '--', 'x', '--top', '1'], root);
  assert.equal(run.status, 0, run.stderr);
  const result = JSON.parse(run.stdout) as { file: string; outcome: { kind: string }; message: null; stdout: string; stderr: string; lines: { file: string; source: string; line: number }[] };
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
  const all = JSON.parse(memhints(['measure', '--format', 'json', '--top', '0', 'dict_build.py'], root).stdout) as Lines;
  const top = JSON.parse(memhints(['measure', '--format', 'json', '--top', '1', 'dict_build.py'], root).stdout) as Lines;
  assert.ok(all.lines.length > 1);
  assert.equal(top.lines.length, 1);
  assert.equal(top.lines[0]!.line, all.lines[0]!.line);
  const text = memhints(['measure', '--top', '1', 'dict_build.py'], root);
  assert.match(text.stdout, new RegExp(`^\\.\\.\\. and ${all.lines.length - 1} more lines? \\(--top 0 shows all\\)$`, 'm'));
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
  assert.match(slow.stdout, /^memhints: the script hit the time limit of 0\.5 s and was stopped$/m);
  const hog = memhints(['measure', '--memory-limit', '200', '--format', 'json', 'hog.py'], root);
  assert.equal(hog.status, 1);
  assert.equal((JSON.parse(hog.stdout) as { outcome: { kind: string } }).outcome.kind, 'memory-limit');
  assert.match(hog.stderr, /memory limit of 200 MiB \(MemoryError/);
});

test('exit code 2 when the interpreter cannot be run, or the file is missing, without a stack trace', (t) => {
  const root = fixtureProject(t, 'bytes_buffer.py');
  const missing = memhints(['measure', '--python', 'no-such-python3', 'bytes_buffer.py'], root);
  assert.equal(missing.status, 2);
  assert.equal(missing.stderr, 'memhints: error: the Python interpreter "no-such-python3" could not be run (not found); give the interpreter with --python PATH\n');
  assert.equal(missing.stdout, '');
  const noFile = memhints(['measure', 'nowhere.py'], root);
  assert.equal(noFile.status, 2);
  assert.match(noFile.stderr, /nowhere\.py: no such file/);
  assert.ok(!hasStackTrace(missing.stderr + noFile.stderr));
});

test('exit code 2 when the interpreter runs but is not a Python that runs the tracer; a script ending itself without a result stays exit code 1', (t) => {
  const root = project(t, { 'main.py': 'numbers = [0] * 1000\n', 'quits.py': 'import os\nprint("quitting", flush=True)\nos._exit(3)\n' });
  // node runs, and fails on measure.py; /bin/false runs and does nothing.
  for (const notPython of [process.execPath, '/bin/false']) {
    const run = memhints(['measure', '--python', notPython, 'main.py'], root);
    assert.equal(run.status, 2, `${notPython}: ${run.stdout}${run.stderr}`);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, new RegExp(`^memhints: error: the Python interpreter "${notPython.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}" could not be run \\(it did not start memhints' tracer: exited with code 1[^\\n]*\\); give the interpreter with --python PATH\\n$`));
    assert.ok(!hasStackTrace(run.stderr), run.stderr);
  }
  const quits = memhints(['measure', 'quits.py'], root);
  assert.equal(quits.status, 1, quits.stderr);
  assert.match(quits.stdout, /^memhints: the script stopped without a result: python3 exited with code 3 without a result$/m);
  assert.match(quits.stdout, /--- stdout of the script ---\nquitting\n/);
});

test('the command line: options, arguments after --, and what is refused', () => {
  const command = parseCommandLine(['measure', 'a.py', '--python', '/usr/bin/python3.11', '--timeout', '2.5', '--memory-limit', '512', '--top', '5', '--', '--format', 'x']);
  assert.deepEqual(command, {
    kind: 'measure',
    options: { file: 'a.py', scriptArgs: ['--format', 'x'], python: '/usr/bin/python3.11', timeoutSeconds: 2.5, memoryLimitMb: 512, format: 'text', top: 5 },
  });
  const defaults = parseCommandLine(['measure', 'a.py']);
  assert.ok(defaults.kind === 'measure');
  assert.deepEqual({ ...defaults.options, file: undefined }, { file: undefined, scriptArgs: [], python: 'python3', timeoutSeconds: 0, memoryLimitMb: 0, format: 'text', top: 20 });
  const help = parseCommandLine(['measure', '--help']);
  assert.ok(help.kind === 'help' && help.text.startsWith('Usage: memhints measure'));
  const refused: readonly [readonly string[], RegExp][] = [
    [['measure'], /needs the Python file/],
    [['measure', 'a.py', 'b.py'], /runs one file; arguments for it go after "--"/],
    [['measure', 'a.py', '--timeout', '0'], /--timeout must be a number of seconds greater than 0/],
    [['measure', 'a.py', '--memory-limit', 'lots'], /--memory-limit must be a number of MiB/],
    [['measure', 'a.py', '--format', 'sarif'], /--format must be one of text, json for memhints measure/],
    [['measure', 'a.py', '--top=-1'], /--top must be a whole number/],
    [['measure', 'a.py', '--fix'], /--fix is not an option of memhints measure/],
    [['check', '--python', 'python3'], /--python is an option of memhints measure, not of memhints check/],
  ];
  for (const [args, says] of refused) {
    assert.throws(() => parseCommandLine(args), (error: unknown) => error instanceof UsageError && says.test(error.message), args.join(' '));
  }
  // "--" still ends check's options: what follows are paths.
  const check = parseCommandLine(['check', 'a', '--', '--odd.py']);
  assert.ok(check.kind === 'check');
  assert.deepEqual(check.options.paths, ['a', '--odd.py']);
});

test('a line that called other code gets rows saying where its memory went; json gives the sites with their frames', (t) => {
  const root = fixtureProject(t, 'calls_builders.py', 'builders.py', 'bytes_buffer.py');
  const text = memhints(['measure', 'calls_builders.py'], root);
  assert.equal(text.status, 0, text.stderr);
  type Json = { lines: { line: number; sites: { frames: { file: string; line: number; code: string }[]; bytes: number; count: number }[] }[] };
  const json = JSON.parse(memhints(['measure', '--format', 'json', 'calls_builders.py'], root).stdout) as Json;
  const blob = json.lines.find((line) => line.line === 6)!.sites.find((site) => site.frames[0]?.line === 4)!;
  assert.deepEqual(blob.frames, [{ file: join(root, 'builders.py'), line: 4, code: 'blob = bytes(count * 50)' }]);
  const rows = text.stdout.split('\n');
  const line6 = rows.findIndex((row) => row.startsWith('calls_builders.py:6 '));
  assert.ok(line6 >= 0, text.stdout);
  const after6 = rows.slice(line6 + 1);
  const under6 = after6.slice(0, after6.findIndex((row) => !row.startsWith('    ↳ ')));
  assert.ok(under6.some((row) => /^ {4}↳ \d+(\.\d)? MiB in 1 block at builders\.py:4 {2}blob = bytes\(count \* 50\)$/.test(row)), under6.join('\n'));
  assert.ok(under6.some((row) => /^ {4}↳ \d+(\.\d)? MiB in [\d,]+ blocks at builders\.py:3 {2}names = \[str\(number\)/.test(row)), under6.join('\n'));
  const line7 = rows.findIndex((row) => row.startsWith('calls_builders.py:7 '));
  assert.match(rows[line7 + 1]!, /^ {4}↳ .* at json\/decoder\.py:\d+ ← /);
  // A line that allocated by itself needs no such row.
  const own = memhints(['measure', 'bytes_buffer.py'], root).stdout;
  assert.doesNotMatch(own, /↳/);
});
