// What an import loads is charged to the line that imported it, however deep below the line the
// imported module's code runs, as tracemalloc run directly with frames enough to reach the line says.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { heldAtEndDirectly, measured, tracerResult } from '../support/measure';

/** Frames enough for tracemalloc run directly to reach the script's line from anywhere in these fixtures. */
const ALL_FRAMES = 200;

/** Modules `${prefix}0` … `${prefix}${levels - 1}`, each importing the next; the last one runs `tail`. */
function importChain(dir: string, prefix: string, levels: number, tail: string, head = ''): void {
  for (let level = 0; level < levels; level++) {
    const body = level === levels - 1 ? tail : `import ${prefix}${level + 1}\n`;
    writeFileSync(join(dir, `${prefix}${level}.py`), `${level === 0 ? head : ''}${body}`);
  }
}

test('memory an import allocates far below the importing line is charged to that line', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'memhints-imports-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  // Eight imports deep: each adds the import system's frames, so the table is made about 50 frames below line 1.
  importChain(
    dir,
    'chain',
    8,
    'TABLE = bytes(3_000_000)\n',
    'def deep(levels):\n    return deep(levels - 1) if levels else bytearray(2_000_000)\n\n\n',
  );
  importChain(dir, 'lazy', 5, 'NAMES = [str(number) for number in range(40_000)]\n');
  const script = join(dir, 'main.py');
  writeFileSync(
    script,
    [
      'import chain0', // line 1
      '',
      '',
      'def load():',
      '    import lazy0', // line 5: imported when load() runs, from line 9
      '    return lazy0',
      '',
      'kept = chain0.deep(40)', // line 8: a call 40 frames deep, not an import
      'lazy = load()',
      '',
    ].join('\n'),
  );
  const traced = tracerResult(await measured(script, { cwd: dir }));
  assert.deepEqual(traced.outcome, { kind: 'ok' });
  const frames = traced.sampling!.frames;
  const direct = heldAtEndDirectly(script, ALL_FRAMES);
  const cutShort = heldAtEndDirectly(script, frames);
  for (const line of [1, 5]) {
    const held = direct[String(line)] ?? 0;
    assert.ok(held >= 300_000, `tracemalloc with ${ALL_FRAMES} frames charges line ${line}: ${JSON.stringify(direct)}`);
    // The premise: with the tracer's frames, tracemalloc alone would charge the import to no line.
    assert.ok(
      (cutShort[String(line)] ?? 0) < held / 10,
      `with ${frames} frames tracemalloc misses line ${line}: ${JSON.stringify(cutShort)}`,
    );
    const ours = traced.lines.find((measurement) => measurement.line === line);
    assert.ok(ours, `line ${line} is in the tracer's result: ${JSON.stringify(traced.lines)}`);
    for (const [figure, bytes] of [
      ['at the peak', ours.bytes],
      ['at the end', ours.allocatedBytes],
    ] as const) {
      assert.ok(
        Math.abs(bytes - held) <= held * 0.1,
        `line ${line} ${figure}: tracer ${bytes} bytes, tracemalloc with ${ALL_FRAMES} frames ${held}`,
      );
    }
  }
  // The deep call's 2 MB is no import's: it must not be charged to the line that imported its module.
  assert.ok((direct['8'] ?? 0) >= 2_000_000, JSON.stringify(direct));
  assert.ok(
    (traced.lines.find((measurement) => measurement.line === 1)?.allocatedBytes ?? 0) < (direct['1'] ?? 0) + 1_000_000,
  );
});

test("the opening imports' traces are cleared from tracemalloc's tables once they have run, and still counted", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'memhints-opening-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const script = join(dir, 'main.py');
  writeFileSync(
    script,
    [
      '"""Imports a few MB of the standard library, then makes its own data."""', // line 1
      'import asyncio', // line 2
      'import http.server', // line 3
      '',
      'LIMIT = 100_000', // line 5: a constant, still one of the opening statements
      'numbers = [0] * 4_000_000', // line 6: the first statement that makes data, freed on the next line
      'del numbers',
      'kept = [str(number) for number in range(LIMIT)]', // line 8
      '',
    ].join('\n'),
  );
  const traced = tracerResult(await measured(script, { cwd: dir }));
  assert.deepEqual(traced.outcome, { kind: 'ok' });
  const cleared = traced.sampling!.clearedBytes;
  assert.ok(cleared >= 1_000_000, `the imports' traces were cleared: ${JSON.stringify(traced.sampling)}`);
  const line = (number: number) => traced.lines.find((measurement) => measurement.line === number);
  // The imports, charged with what they loaded, as tracemalloc with frames enough to reach them says.
  const direct = heldAtEndDirectly(script, ALL_FRAMES);
  for (const number of [2, 3]) {
    const held = direct[String(number)] ?? 0;
    const ours = line(number);
    assert.ok(held >= 500_000 && ours, `line ${number}: ${JSON.stringify(direct)} ${JSON.stringify(traced.lines)}`);
    for (const bytes of [ours.bytes, ours.allocatedBytes]) {
      assert.ok(Math.abs(bytes - held) <= held * 0.1, `line ${number}: tracer ${bytes}, tracemalloc directly ${held}`);
    }
  }
  // The data made after the clear: the freed list at the peak only, the kept strings at the peak and the end.
  const ownLines = heldAtEndDirectly(script);
  const list = line(6)!;
  assert.ok(Math.abs(list.bytes - 32_000_056) <= 3_200_000 && list.allocatedBytes < 1_000, JSON.stringify(list));
  const strings = line(8)!;
  const held = ownLines['8']!;
  assert.ok(held >= 5_000_000, JSON.stringify(ownLines));
  for (const bytes of [strings.allocatedBytes, traced.endBytes - cleared]) {
    assert.ok(Math.abs(bytes - held) <= held * 0.1, `line 8 at the end: ${bytes}, tracemalloc directly ${held}`);
  }
  // The peak counts the cleared imports in, as the snapshot it was read from does.
  assert.ok(traced.peakBytes >= cleared + 32_000_000, `peak ${traced.peakBytes}, cleared ${cleared}`);
  assert.ok(traced.snapshotBytes >= cleared + 32_000_000, `snapshot at ${traced.snapshotBytes}`);
});

test("a module of the script's own that works at its import keeps its snapshots, and nothing is cleared", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'memhints-own-module-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  // Its import makes a 32 MB list, works on it for a while and frees it: the peak, inside an import among the
  // opening statements, where no line of the script runs and the sampler thread must see it.
  writeFileSync(
    join(dir, 'work.py'),
    'import asyncio\n\nnumbers = [0] * 4_000_000\nfor _ in range(5):\n    total = sum(numbers)\ndel numbers\nkept = [str(number) for number in range(100_000)]\n',
  );
  const script = join(dir, 'main.py');
  writeFileSync(script, 'import work\nimport http.server\n\nresult = len(work.kept)\n');
  const traced = tracerResult(await measured(script, { cwd: dir }));
  assert.deepEqual(traced.outcome, { kind: 'ok' });
  assert.equal(traced.sampling!.clearedBytes, 0, JSON.stringify(traced.sampling));
  const line1 = traced.lines.find((line) => line.line === 1)!;
  assert.ok(line1.bytes >= 32_000_000, `the list at the peak: ${JSON.stringify(line1)}`);
  assert.ok(line1.allocatedBytes < 32_000_000, `freed by the end: ${JSON.stringify(line1)}`);
  const held = heldAtEndDirectly(script, ALL_FRAMES)['1']!;
  assert.ok(
    Math.abs(line1.allocatedBytes - held) <= held * 0.1,
    `line 1 at the end: ${line1.allocatedBytes}, directly ${held}`,
  );
});
