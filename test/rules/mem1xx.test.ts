// MEM103, MEM104, MEM106: the fixes' safety and text, and what the fixtures
// show less directly. The fixtures themselves are checked by fixtures.test.ts,
// and the fix fixtures run under python3 by fixes.slow.test.ts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SAFE_AND_UNSAFE, SAFE_ONLY, applyEdits, combinedEdits } from '../../server/src/rules/fixes';
import type { Finding, FixSafety } from '../../server/src/rules/types';
import { findingsIn } from '../support/analyze';

async function findingsOf(code: string, source: string): Promise<Finding[]> {
  return (await findingsIn(source)).filter((finding) => finding.code === code);
}

test('MEM103 fixes a function-local name safely and a module-level name unsafely', async () => {
  const source =
    'ROWS = list(range(3))\nfor r in ROWS:\n    print(r)\n\ndef f(n):\n    ys = list(range(n))\n    return len(ys)\n';
  const findings = await findingsOf('MEM103', source);
  assert.deepEqual(
    findings.map((f) => f.fix?.safety),
    ['unsafe', 'safe'],
  );
  assert.equal(
    applyEdits(source, combinedEdits(findings, SAFE_ONLY)),
    source.replace('ys = list(range(n))', 'ys = range(n)'),
  );
});

test('MEM103 offers no fix when a comment sits inside list(…)', async () => {
  const source = 'for i in list(  # count\n    range(3)):\n    print(i)\n';
  const [finding] = await findingsOf('MEM103', source);
  assert.ok(finding);
  assert.equal(finding.fix, undefined);
});

test('MEM104 marks the fix unsafe exactly when the element could do something', async () => {
  const cases: Array<[string, FixSafety]> = [
    ['n = len([x for x in xs])', 'safe'],
    ['n = len([(x, 1, "a") for x, y in pairs])', 'safe'],
    ['n = len([f(x) for x in xs])', 'unsafe'],
    ['n = len([x.name for x in xs])', 'unsafe'],
    ['n = len([1 / x for x in xs])', 'unsafe'],
    ['n = len([y for x in xs])', 'unsafe'],
    ['n = len([(y := x) for x in xs])', 'unsafe'],
    ['n = len(list(map(f, xs)))', 'safe'],
    ['n = len(list(f(x) for x in xs))', 'safe'],
  ];
  for (const [source, safety] of cases) {
    const [finding] = await findingsOf('MEM104', source);
    assert.equal(finding?.fix?.safety, safety, source);
  }
});

test('MEM104 fix text: the element becomes 1, or the iterator is counted with _', async () => {
  const fixed = async (source: string) =>
    applyEdits(source, combinedEdits(await findingsOf('MEM104', source), SAFE_AND_UNSAFE));
  assert.equal(await fixed('n = len([x for x in xs if x > 2])'), 'n = sum(1 for x in xs if x > 2)');
  assert.equal(await fixed('n = len([f(x) for x in xs])'), 'n = sum(1 for x in xs)');
  assert.equal(await fixed('n = len(list(x for x in xs))'), 'n = sum(1 for _ in (x for x in xs))');
  assert.equal(await fixed('n = len(list(zip(a, b)))'), 'n = sum(1 for _ in zip(a, b))');
});

test('MEM104 over several lines keeps the lines: none left blank, none run together', async () => {
  const fixed = async (source: string) =>
    applyEdits(source, combinedEdits(await findingsOf('MEM104', source), SAFE_AND_UNSAFE));
  const cases: Array<[string, string]> = [
    // A bracket alone on its line goes with its line.
    ['k = len(\n    [\n        x for x in xs\n    ]\n)\n', 'k = sum(\n        1 for x in xs\n)\n'],
    ['n = len([\n    x\n    for x in xs\n    if x > 1\n])\n', 'n = sum(\n    1\n    for x in xs\n    if x > 1\n)\n'],
    // The break after `len(` and the one before its `)` stay; those around `list(…)` go.
    ['t = len(\n    list(\n        map(str, xs)\n    )\n)\n', 't = sum(\n    1 for _ in map(str, xs)\n)\n'],
    // With none there, the breaks inside `list(…)` take their place.
    ['m = len(list(\n    zip(xs, words)\n))\n', 'm = sum(\n    1 for _ in zip(xs, words)\n)\n'],
    ['m = len(list(\r\n    zip(xs, words)\r\n))\r\n', 'm = sum(\r\n    1 for _ in zip(xs, words)\r\n)\r\n'],
  ];
  for (const [source, expected] of cases) {
    const text = await fixed(source);
    assert.equal(text, expected, source);
    assert.deepEqual(
      text.split(/\r?\n/).filter((line) => /^\s+$/.test(line)),
      [],
      `whitespace-only lines in:\n${text}`,
    );
  }
});

test('MEM106 readlines fix is unsafe when the file is used after an early exit or inside the loop', async () => {
  const safetyOf = async (source: string) => (await findingsOf('MEM106', source))[0]?.fix?.safety;
  const head = 'with open(p) as f:\n';
  assert.equal(await safetyOf(`${head}    for line in f.readlines():\n        print(line)\n`), 'safe');
  assert.equal(await safetyOf(`${head}    for line in f.readlines():\n        break\n    rest = f.read()\n`), 'unsafe');
  assert.equal(await safetyOf(`${head}    for line in f.readlines():\n        print(next(f))\n`), 'unsafe');
  assert.equal(
    await safetyOf(
      `${head}    print(f.readline())\n    for line in f.readlines():\n        print(line)\n    f.close()\n`,
    ),
    'safe',
  );
  assert.equal(
    await safetyOf(`${head}    for line in f.readlines():\n        break\nwith open(q) as f:\n    print(f.read())\n`),
    'safe',
    'a later `with open(…) as f` is another file',
  );
  assert.equal(
    await safetyOf(
      `${head}    while True:\n        print(f.readline())\n        for line in f.readlines():\n            break\n`,
    ),
    'unsafe',
    'an outer loop reads the file again after the inner loop',
  );
});

test('MEM106 offers the stripped-lines fix only for text-mode files and never for split("\\n")', async () => {
  const fixOf = async (source: string) => (await findingsOf('MEM106', source))[0]?.fix;
  const loop = (opening: string, iterable: string) =>
    `with ${opening} as f:\n    for line in ${iterable}:\n        print(line)\n`;
  assert.equal((await fixOf(loop('open(p)', 'f.read().splitlines()')))?.safety, 'unsafe');
  assert.equal((await fixOf(loop('open(p, "rt")', 'f.read().splitlines()')))?.safety, 'unsafe');
  assert.equal(await fixOf(loop('open(p, "rb")', 'f.read().splitlines()')), undefined);
  assert.equal(await fixOf(loop('open(p, mode)', 'f.read().splitlines()')), undefined);
  assert.equal(await fixOf(loop('open(p)', 'f.read().split("\\n")')), undefined);
  assert.equal((await findingsOf('MEM106', loop('open(p)', 'f.read().split("\\n")'))).length, 1);
});

test('MEM101 still counts by len() when the list a name is bound to may have changed', async () => {
  const source = 'def f(g):\n    sizes = [1, 2, 3]\n    sizes.append(4)\n    return sorted([g(x) for x in sizes])\n';
  const [finding] = (await findingsIn(source)).filter((f) => f.code === 'MEM101');
  assert.equal(finding?.holds?.perCount?.count, 'len(sizes)', finding?.message);
});

test('MEM102 counts a DataFrame copy by the rows list() makes room for, a comprehension over it by its columns', async () => {
  const source = [
    'import pandas as pd',
    'def f(path, frame: pd.DataFrame):',
    '    table = pd.read_csv(path)',
    '    for name in list(table):',
    '        print(name)',
    '    for name in [name.upper() for name in frame]:',
    '        print(name)',
    '    for row in list(frame.columns):',
    '        print(row)',
    '',
  ].join('\n');
  const findings = (await findingsIn(source)).filter((f) => f.code === 'MEM102');
  assert.deepEqual(
    findings.map((f) => f.holds?.perCount?.count),
    ['len(table)', 'len(frame.columns)', 'len(frame.columns)'],
  );
  assert.match(
    findings[0]!.message,
    /^Saves the copy's ≈ 8·n B \(n = len\(table\)\): `list\(\)` makes a slot per row to keep the column names; /,
  );
  assert.doesNotMatch(findings[2]!.message, /slot per row/);
});
