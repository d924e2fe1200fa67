// The tracer's per-line figures against tracemalloc run directly on the same script
// in a separate python3 process.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { heldAtEndDirectly, measured, MEASURE_FIXTURES as DIR, tracerResult as result } from '../support/measure';
import { runPythonJson } from '../support/python';

const MIB = 1024 * 1024;

for (const name of ['million_ints.py', 'bytes_buffer.py', 'dict_build.py']) {
  test(`${name}: per-line bytes within 10% of tracemalloc run directly`, async () => {
    const script = join(DIR, name);
    const traced = result(await measured(script));
    assert.deepEqual(traced.outcome, { kind: 'ok' });
    const direct = heldAtEndDirectly(script);
    const bigLines = Object.entries(direct)
      .filter(([, bytes]) => bytes >= MIB)
      .map(([line, bytes]) => ({ line: Number(line), bytes }));
    assert.ok(bigLines.length > 0, `the fixture holds at least one MiB on some line: ${JSON.stringify(direct)}`);
    for (const { line, bytes } of bigLines) {
      const ours = traced.lines.find((measurement) => measurement.line === line);
      assert.ok(ours, `line ${line} (${bytes} bytes directly) is in the tracer's result`);
      assert.ok(
        Math.abs(ours.bytes - bytes) <= bytes * 0.1,
        `line ${line}: tracer ${ours.bytes} bytes, tracemalloc directly ${bytes}`,
      );
      // These scripts keep what they built to the end: held at the peak and at the end alike.
      assert.ok(
        Math.abs(ours.allocatedBytes - bytes) <= bytes * 0.1,
        `line ${line}: tracer ${ours.allocatedBytes} bytes at the end, tracemalloc directly ${bytes}`,
      );
    }
    // The tracer lists no big line that tracemalloc did not see.
    for (const ours of traced.lines.filter((measurement) => measurement.bytes >= MIB)) {
      assert.ok(
        bigLines.some(({ line }) => line === ours.line),
        `line ${ours.line} (${ours.bytes} bytes) is big only in the tracer`,
      );
    }
    const total = bigLines.reduce((sum, { bytes }) => sum + bytes, 0);
    assert.ok(
      traced.peakBytes >= total,
      `the peak ${traced.peakBytes} covers what the lines held at the end, ${total}`,
    );
    assert.deepEqual(
      traced.lines.map((line) => line.bytes),
      traced.lines.map((line) => line.bytes).sort((a, b) => b - a),
      'largest first',
    );
  });
}

test('after_peak.py: a line whose memory comes after the peak is listed with what it held at the end, as tracemalloc run directly says', async () => {
  const script = join(DIR, 'after_peak.py');
  const traced = result(await measured(script));
  assert.deepEqual(traced.outcome, { kind: 'ok' });
  const direct = heldAtEndDirectly(script);
  const kept = traced.lines.find((line) => line.line === 8);
  assert.ok(kept, `line 8 is in the tracer's result: ${JSON.stringify(traced.lines)}`);
  const held = direct['8']!;
  assert.ok(held >= MIB, `the fixture's line 8 holds a MiB or more at the end: ${JSON.stringify(direct)}`);
  assert.ok(
    Math.abs(kept.allocatedBytes - held) <= held * 0.1,
    `line 8: tracer ${kept.allocatedBytes} bytes at the end, tracemalloc directly ${held}`,
  );
  assert.ok(
    kept.bytes < MIB && kept.sites.every((site) => site.bytes < MIB),
    `line 8 had not run at the peak: ${JSON.stringify(kept)}`,
  );
  assert.equal(kept.allocatedCount, 1);
  // The freed list set the peak and holds nothing at the end, which direct tracemalloc agrees with.
  const freed = traced.lines.find((line) => line.line === 3)!;
  assert.ok(freed.bytes >= 30 * MIB && freed.allocatedBytes < MIB, JSON.stringify(freed));
  assert.ok((direct['3'] ?? 0) < MIB, JSON.stringify(direct));
  assert.deepEqual(
    traced.lines.slice(0, 2).map((line) => line.line),
    [3, 8],
    'largest at the peak first, then largest at the end',
  );
});

test('a line calling into a library is charged with what the library allocated', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'memhints-measure-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'helper.py'), 'def build(count):\n    return [str(number) for number in range(count)]\n');
  writeFileSync(join(dir, 'main.py'), 'import helper\n\nnames = helper.build(200_000)\n');
  const traced = result(await measured(join(dir, 'main.py'), { cwd: dir }));
  const held = runPythonJson<number>(
    'import json, sys; print(sum(sys.getsizeof(str(n)) for n in range(200_000)) + sys.getsizeof([str(n) for n in range(200_000)]))',
    null,
  );
  const line3 = traced.lines.find((line) => line.line === 3);
  assert.ok(line3, JSON.stringify(traced.lines));
  assert.ok(
    Math.abs(line3.bytes - held) <= held * 0.1,
    `line 3: ${line3.bytes} bytes, the strings and list take ${held}`,
  );
});
