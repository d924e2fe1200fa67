// scripts/fixes-under-tests.mjs on a package of two tests: its safe fix
// breaks none; with the unsafe one a test fails, traced to that fix's hunk.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { FIXTURES, REPO_ROOT } from '../support/paths';
import { importsAll } from '../support/pythons';

const SCRIPT = join(REPO_ROOT, 'scripts', 'fixes-under-tests.mjs');
const PYTHON = '/usr/bin/python3';

interface Result {
  readonly after: { readonly PASSED: number; readonly FAILED: number };
  readonly newFailures: readonly string[];
  readonly blame: ReadonlyArray<{
    file: string;
    code: string;
    safety: string;
    line: number;
    text: string;
    failing: string[];
  }>;
}

interface Figures {
  readonly baseline: { readonly PASSED: number; readonly FAILED: number };
  readonly fixes: { readonly safe: number; readonly unsafe: number; readonly files: number };
  readonly safe: Result;
  readonly all: Result;
}

const WITHOUT_PYTEST = `${PYTHON} cannot import pytest (Debian: apt-get install python3-pytest)`;

test('a package whose tests an unsafe fix breaks: the fix is named, the safe one passes', {
  // Under CI the suite must run: .ci/run installs pytest.
  skip: importsAll(PYTHON, ['pytest']) || process.env['CI'] === 'true' ? false : WITHOUT_PYTEST,
}, () => {
  assert.ok(importsAll(PYTHON, ['pytest']), WITHOUT_PYTEST);
  const args = [SCRIPT, join(FIXTURES, 'fixes-under-tests', 'toy'), '--python', PYTHON, '--json', '--', 'toy/tests'];
  const run = spawnSync(process.execPath, args, { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const figures = JSON.parse(run.stdout) as Figures;
  assert.deepEqual(figures.baseline.PASSED, 2);
  assert.deepEqual(figures.fixes, { safe: 1, unsafe: 1, files: 1 });
  assert.deepEqual(figures.safe.newFailures, []);
  assert.deepEqual(figures.all.newFailures, ['toy/tests/test_core.py::test_every_item_seen']);
  assert.equal(figures.all.blame.length, 1);
  const [hunk] = figures.all.blame;
  assert.deepEqual(
    { file: hunk!.file, code: hunk!.code, safety: hunk!.safety, line: hunk!.line },
    { file: 'toy/core.py', code: 'MEM101', safety: 'unsafe', line: 12 },
  );
  assert.equal(hunk!.text, '-    return any([seen(x) for x in xs])\n+    return any(seen(x) for x in xs)');
});
