// knownPassCount checked against python3's own count of the passes (these
// run it; the rest of the loop tests are in loops.test.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { spawnSync } from 'node:child_process';
import { knownPassCount } from '../../server/src/semantics/loops';
import { withSource } from '../support/tree';

test('knownPassCount agrees with python3 on displays and ranges of literals', async () => {
  const iterables = [
    '(1, 2, 3)',
    '[]',
    '{"a", "b"}',
    '1, 2',
    'range(5)',
    'range(2, 9)',
    'range(10, 0, -3)',
    'range(-3, 10, 2)',
    'range(5, 1)',
    'range(1_000)',
    'range(0x10)',
  ];
  const run = spawnSync(
    'python3',
    ['-c', 'import sys\nfor e in sys.argv[1:]:\n    print(len(list(eval(e))))', ...iterables.map((e) => `(${e})`)],
    { encoding: 'utf8' },
  );
  assert.equal(run.status, 0, run.stderr);
  const expected = run.stdout.trim().split('\n').map(Number);
  const actual: Array<number | undefined> = [];
  for (const iterable of iterables) {
    await withSource(`for item in ${iterable}:\n    pass\n`, ({ find, facts }) =>
      actual.push(knownPassCount(find('for_statement'), facts)),
    );
  }
  assert.deepEqual(actual, expected);
});

test('knownPassCount counts the passes of a comprehension clause like those of a for statement', async () => {
  const iterables = ['(1, 2, 3)', '[]', 'range(2, 9)', 'range(10, 0, -3)'];
  const run = spawnSync(
    'python3',
    [
      '-c',
      'import sys\nfor e in sys.argv[1:]:\n    print(len(eval(e)))',
      ...iterables.map((e) => `[0 for item in ${e}]`),
    ],
    { encoding: 'utf8' },
  );
  assert.equal(run.status, 0, run.stderr);
  const expected = run.stdout.trim().split('\n').map(Number);
  const actual: Array<number | undefined> = [];
  for (const iterable of iterables) {
    await withSource(`ys = [0 for item in ${iterable}]\n`, ({ find, facts }) =>
      actual.push(knownPassCount(find('for_in_clause'), facts)),
    );
  }
  assert.deepEqual(actual, expected);
  await withSource('ys = [0 for item in range(n)]\n', ({ find, facts }) =>
    assert.equal(knownPassCount(find('for_in_clause'), facts), undefined),
  );
});

test('knownPassCount folds constant bounds of range like the size model: powers, products, names bound once', async () => {
  const ranges = ['range(0, 10**6, 100)', 'range(2 * 5)', 'range(-(3), 7)', 'range(STOP)', 'range(STOP, 0, -STEP)'];
  const bindings = 'STOP = 10**4\nSTEP = 7\n';
  const run = spawnSync(
    'python3',
    ['-c', `import sys\n${bindings}for e in sys.argv[1:]:\n    print(len(eval(e)))`, ...ranges],
    { encoding: 'utf8' },
  );
  assert.equal(run.status, 0, run.stderr);
  const expected = run.stdout.trim().split('\n').map(Number);
  const actual: Array<number | undefined> = [];
  for (const iterable of ranges) {
    await withSource(`${bindings}for item in ${iterable}:\n    pass\n`, ({ find, facts }) =>
      actual.push(knownPassCount(find('for_statement'), facts)),
    );
  }
  assert.deepEqual(actual, expected);
  // A name bound twice has no one value.
  await withSource('n = 3\nn = 4\nfor item in range(n):\n    pass\n', ({ find, facts }) =>
    assert.equal(knownPassCount(find('for_statement'), facts), undefined),
  );
});
