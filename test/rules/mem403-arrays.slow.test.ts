// MEM403 offers np.fromiter only for items it proves to be numbers: on items
// that are arrays np.fromiter raises. Each case here has a dtype, which is
// what a fix needs; memhints must offer none, and numpy shows why: the call as
// written builds the array, the same call made np.fromiter raises.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { mem403 } from '../../server/src/rules/mem403-array-from-comprehension';
import { findingsIn } from '../support/analyze';
import { DEBIAN_PYTHON3, importsAll } from '../support/pythons';

const SETUP = `import numpy as np

n = 3
images = [np.ones((2, 2)) * k for k in range(n)]
X = np.arange(12.0).reshape(4, 3)
masks = [np.array([True, False, True, False]), np.array([False, True, True, True])]
values = [np.ones(2), np.arange(2.0)]
x = np.arange(3.0)


def hog(image):
    return image.ravel()


`;

/** Calls whose items are arrays; each is an assignment to `a`. */
const CALLS: readonly string[] = [
  'np.array([hog(im) for im in images], dtype=float)',
  'np.array([X[m].mean(0) for m in masks], dtype=float)',
  'np.array([x ** i for i in range(n)], dtype=float)',
  'np.array([abs(v) for v in values], dtype=float)',
  'np.array([v for v in values], dtype=float)',
  'np.array([np.zeros(3) for _ in range(n)], dtype=float)',
  'np.array([[i, i * i] for i in range(n)], dtype=float)',
  'np.asarray(list(np.ones(2) * i for i in range(n)), dtype=float)',
];

/** What a fix would write: `np.fromiter` of the comprehension as a generator (`list(` loses its name). */
function asFromiter(call: string): string {
  return call
    .replace(/^np\.(array|asarray)\(list\(/, 'np.fromiter((')
    .replace(/^np\.(array|asarray)\(\[/, 'np.fromiter((')
    .replace(/\], dtype=/, '), dtype=');
}

const numpyPython = ['python3', DEBIAN_PYTHON3].find((python) => importsAll(python, ['numpy']));

/** Runs the setup then `statement`; the last line of stderr when it raises. */
function outcome(python: string, statement: string): { readonly ok: boolean; readonly error: string } {
  const result = spawnSync(python, ['-c', `${SETUP}a = ${statement}\nprint(a.shape)\n`], { encoding: 'utf8' });
  return { ok: result.status === 0, error: result.stderr.trim().split('\n').pop() ?? '' };
}

for (const call of CALLS) {
  test(`MEM403 offers no fix for items that are arrays: ${call}`, async () => {
    const findings = await findingsIn(`${SETUP}a = ${call}\n`, { rules: [mem403] });
    assert.deepEqual(
      findings.filter((finding) => finding.fix !== undefined).map((finding) => finding.fix!.title),
      [],
    );
  });

  test(`np.fromiter raises where np.array builds the array: ${call}`, { skip: !numpyPython && 'no numpy' }, () => {
    const fromiter = asFromiter(call);
    assert.notEqual(fromiter, call);
    assert.deepEqual(outcome(numpyPython!, call), { ok: true, error: '' });
    const fixed = outcome(numpyPython!, fromiter);
    assert.equal(fixed.ok, false, `${fromiter} runs`);
    assert.match(fixed.error, /ValueError/, fromiter);
  });
}
