// `--jobs N`: a run large enough is checked in worker threads too, and the
// output, the fixes and the exit code are exactly those of a one-thread run.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { PARALLEL_MIN_BYTES, PARALLEL_MIN_FILES } from '../../server/src/cli/checkFiles';
import { jsonFindings, memhints, paddedTo, project, python } from '../support/cli';

const FILES = PARALLEL_MIN_FILES + 30;

/** Module i: findings in two of three files, one multi-pass fix, clean code in the rest. */
function module(i: number): string {
  const lines = [`xs = [${i}, ${i + 1}, ${i + 2}]`];
  if (i % 3 !== 0)
    lines.push(`print(sum([x * ${i} for x in xs]))`, `print(sorted([x for x in sorted([y - ${i} for y in xs])]))`);
  lines.push(`print(max(x for x in xs) + ${i})`, '');
  return paddedTo(lines.join('\n'), PARALLEL_MIN_BYTES / PARALLEL_MIN_FILES);
}

function tree(t: TestContext, broken: boolean): string {
  const files: Record<string, string | Uint8Array> = {};
  for (let i = 0; i < FILES; i++) files[`pkg${i % 4}/mod_${i}.py`] = module(i);
  if (broken) {
    files['pkg1/latin1.py'] = Uint8Array.from([0x78, 0x20, 0x3d, 0x20, 0x27, 0xe9, 0x27, 0x0a]);
    files['pkg2/truncated.ipynb'] = '{"cells": [';
    // Analysed, then refused: too deep for Python to compile.
    files['pkg3/chain.ipynb'] = JSON.stringify({
      cells: [{ cell_type: 'code', metadata: {}, outputs: [], source: `x = ${Array(3000).fill('1').join(' + ')}\n` }],
    });
  }
  return project(t, files);
}

test('check --jobs 2 prints what --jobs 1 prints, unreadable and uncheckable files included', (t) => {
  const root = tree(t, true);
  for (const format of ['json', 'text']) {
    const one = memhints(['check', '--jobs', '1', '--format', format, '--no-progress'], root);
    const two = memhints(['check', '--jobs', '2', '--format', format, '--no-progress'], root);
    assert.equal(one.status, 2, one.stderr);
    assert.deepEqual(two, one);
  }
  const findings = jsonFindings(memhints(['check', '--jobs', '2', '--format', 'json'], root));
  const flagged = new Set(findings.map((finding) => finding.file));
  const expected = Array.from({ length: FILES }, (_, i) => i).filter((i) => i % 3 !== 0);
  assert.deepEqual([...flagged].sort(), expected.map((i) => join(`pkg${i % 4}`, `mod_${i}.py`)).sort());
  const stderr = memhints(['check', '--jobs', '2'], root).stderr;
  assert.match(stderr, /latin1\.py: cannot read: not valid UTF-8/);
  assert.match(stderr, /truncated\.ipynb: not a notebook: invalid JSON/);
  assert.match(stderr, /notice: pkg3.chain\.ipynb: not checked: its code nests more than/);
});

test('check --fix --jobs 2 writes the same files as --jobs 1, and they print the same', (t) => {
  const one = tree(t, false);
  const two = tree(t, false);
  // A sample is run under python3 before and after: each run takes a while.
  const sample = Array.from({ length: FILES }, (_, i) => i).filter((i) => i % 9 === 1);
  const before = new Map(sample.map((i) => [i, python(join(one, `pkg${i % 4}`, `mod_${i}.py`), one).stdout]));
  const fixedOne = memhints(['check', '--fix', '--jobs', '1'], one);
  const fixedTwo = memhints(['check', '--fix', '--jobs', '2'], two);
  assert.deepEqual(fixedTwo, fixedOne);
  assert.match(fixedTwo.stdout, /Fixed \d+ findings? in \d+ files?/);
  for (let i = 0; i < FILES; i++) {
    const path = join(`pkg${i % 4}`, `mod_${i}.py`);
    assert.equal(readFileSync(join(two, path), 'utf8'), readFileSync(join(one, path), 'utf8'), path);
    if (before.has(i)) assert.equal(python(join(two, path), two).stdout, before.get(i), path);
  }
  assert.equal(memhints(['check', '--jobs', '2'], two).status, 0);
  assert.equal(readdirSync(join(two, 'pkg1')).filter((name) => name.includes('memhints-tmp')).length, 0);
});

test('check --diff --jobs 2 prints the diff of --jobs 1', (t) => {
  const root = tree(t, false);
  const one = memhints(['check', '--diff', '--jobs', '1'], root);
  const two = memhints(['check', '--diff', '--jobs', '2'], root);
  assert.equal(one.status, 1);
  assert.deepEqual(two, one);
});
