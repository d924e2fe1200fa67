// Every fix, unsafe ones included, applied to real code: files of CPython's own
// standard library that receive fixes must still compile afterwards, and a
// second fix run must find nothing left to do. scripts/check-stdlib-fixes.mjs
// does the work (on a copy); `npm run check:stdlib-fixes` runs it on the whole library.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from '../support/paths';
import { pythonStdlib } from '../support/python';

/** Files of the CPython 3.11 standard library that receive fixes of MEM101, MEM102, MEM103, MEM104 and MEM106. */
const FIXED_FILES = [
  'argparse.py',
  'distutils/cygwinccompiler.py',
  'distutils/tests/test_msvc9compiler.py',
  'inspect.py',
  'multiprocessing/managers.py',
  'multiprocessing/process.py',
  'optparse.py',
  'test/sortperf.py',
  'test/string_tests.py',
  'test/test_calendar.py',
  'test/test_collections.py',
  'test/test_heapq.py',
  'test/test_ordered_dict.py',
  'test/test_random.py',
  'test/test_uuid.py',
  'tkinter/filedialog.py',
  'unittest/test/testmock/testmock.py',
  'urllib/parse.py',
];

interface Figures {
  readonly files: number;
  readonly filesChanged: number;
  readonly fixesApplied: number;
  readonly compileFailures: ReadonlyArray<{ readonly file: string; readonly error: string }>;
  readonly secondRunFixes: number;
  readonly secondRunChanged: readonly string[];
  readonly changed: readonly string[];
}

const stdlib = pythonStdlib();
const missing =
  stdlib === undefined ? 'python3 is not available' : FIXED_FILES.filter((file) => !existsSync(join(stdlib, file)));
const skip =
  typeof missing === 'string'
    ? `${missing}: no standard library to fix`
    : missing.length > 0
      ? `the standard library at ${stdlib} lacks ${missing.join(', ')} (not CPython 3.11?)`
      : false;

test('fixing stdlib files keeps them compiling, and a second run changes nothing', { skip }, () => {
  const args = [
    join(REPO_ROOT, 'scripts', 'check-stdlib-fixes.mjs'),
    '--json',
    ...FIXED_FILES.flatMap((file) => ['--only', file]),
  ];
  const run = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  assert.equal(run.error, undefined);
  const figures = JSON.parse(run.stdout) as Figures;
  assert.deepEqual(figures.compileFailures, [], 'fixed files that no longer compile');
  assert.equal(figures.secondRunFixes, 0, 'fixes applied by the second run');
  assert.deepEqual(figures.secondRunChanged, [], 'files changed by the second run');
  assert.equal(figures.files, FIXED_FILES.length);
  assert.deepEqual([...figures.changed].sort(), [...FIXED_FILES].sort(), 'every listed file receives fixes');
  assert.ok(figures.fixesApplied >= FIXED_FILES.length, `only ${figures.fixesApplied} fixes applied`);
  assert.equal(run.status, 0, run.stderr);
});
