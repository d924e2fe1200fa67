// The fix oracle (scripts/fix-oracle.mjs, docs/fixes.md) on a seeded sample:
// 40 files of python3's standard library, the oracle's own fixtures (shapes
// the peers' linters test their fixes on, and a notebook with IPython syntax)
// and, where the data-science corpus of docs/precision.md is at hand
// ($MEMHINTS_DS_CORPUS, else /tmp/ds-corpus), 20 of its files.
// No fix may fail any check: it parses under every interpreter, changes the
// tree only as its rule says, keeps its comments when it is safe, settles
// the same in every order, and leaves nothing for a second run.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { FIXTURES, REPO_ROOT } from '../support/paths';
import { pythonStdlib } from '../support/python';
import { python3Version } from '../support/pythons';

const ORACLE = join(REPO_ROOT, 'scripts', 'fix-oracle.mjs');
/** The corpus scripts/precision/rebuild.mjs builds. */
const CORPUS = process.env.MEMHINTS_DS_CORPUS || '/tmp/ds-corpus';
const SEED = '20240611';

interface Failure {
  readonly check: string;
  readonly file: string;
  readonly codes: readonly string[];
  readonly safety: string;
  readonly detail: string;
}

interface Figures {
  readonly totals: {
    readonly files: number;
    readonly fixes: number;
    readonly checked: number;
    readonly failures: number;
  };
  readonly failures: readonly Failure[];
}

function oracle(args: readonly string[]): Figures {
  const run = spawnSync(process.execPath, [ORACLE, '--json', '--seed', SEED, ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  assert.ok(run.status === 0 || run.status === 1, `the oracle did not run (${run.status}):\n${run.stderr}`);
  return JSON.parse(run.stdout) as Figures;
}

function assertNoFailures(figures: Figures): void {
  const shown = figures.failures.map((f) => `${f.check} ${f.codes.join('+')} ${f.safety} ${f.file}: ${f.detail}`);
  assert.deepEqual(shown, [], 'failures');
  assert.equal(figures.totals.failures, 0);
}

test('the fixes of the oracle fixtures pass every check', () => {
  const figures = oracle([join(FIXTURES, 'fix-oracle')]);
  assertNoFailures(figures);
  assert.ok(figures.totals.fixes >= 60, `only ${figures.totals.fixes} fixes in the fixtures`);
  assert.equal(figures.totals.checked, figures.totals.fixes, 'fixes in fixtures no interpreter parses');
});

const stdlib = pythonStdlib();
const version = python3Version();
test('the fixes of 40 files of the standard library pass every check', {
  skip: stdlib === undefined || version === undefined ? 'python3 is not available' : false,
}, () => {
  const figures = oracle([`${stdlib}=stdlib`, '--sample', '40', '--target-version', version!]);
  assertNoFailures(figures);
  assert.equal(figures.totals.files, 40);
});

test('the fixes of 20 files of the data-science corpus pass every check', {
  skip: existsSync(CORPUS) ? false : `no corpus at ${CORPUS}: skipped`,
}, () => {
  const figures = oracle([`${CORPUS}=corpus`, '--sample', '20']);
  assertNoFailures(figures);
  assert.equal(figures.totals.files, 20);
  assert.ok(figures.totals.fixes > 0, 'no fixes in the sample');
});
