// MEM103, MEM104, MEM106: each fixture line marked `# hit: <why>` must get a
// finding of that code starting on it, and no other line may (`# ok: <why>`
// lines are the look-alikes). Each fix fixture must still run under python3
// and print the same after all of the rule's fixes are applied. MEM101's
// fixtures are checked by fixtures.test.ts; what it holds is checked here.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { SAFE_AND_UNSAFE, SAFE_ONLY, applyEdits, combinedEdits } from '../../server/src/rules/fixes';
import { lineOfOffset, lineStarts } from '../../server/src/document/positions';
import type { Finding, FixSafety } from '../../server/src/rules/types';
import { findingsIn } from '../support/analyze';
import { FIXTURES } from '../support/paths';
import { runPythonJson, runPythonScript } from '../support/python';

const CODES = ['MEM103', 'MEM104', 'MEM106'] as const;

/** Zero-based lines whose trailing comment is `# <kind>: …`. */
function markedLines(source: string, kind: 'hit' | 'ok'): number[] {
  const marker = new RegExp(`#\\s*${kind}:`);
  return source.split(/\r\n|\r|\n/).flatMap((line, index) => (marker.test(line) ? [index] : []));
}

async function findingsOf(code: string, source: string): Promise<Finding[]> {
  return (await findingsIn(source)).filter((finding) => finding.code === code);
}

async function flaggedLines(code: string, source: string): Promise<number[]> {
  const starts = lineStarts(source);
  const lines = (await findingsOf(code, source)).map((finding) => lineOfOffset(starts, finding.start));
  return [...new Set(lines)].sort((a, b) => a - b);
}

for (const code of CODES) {
  test(`${code} fixture: every "# hit:" line is flagged, no "# ok:" line is`, async () => {
    const source = readFileSync(join(FIXTURES, 'rules', `${code}.py`), 'utf8');
    const hits = markedLines(source, 'hit');
    const oks = markedLines(source, 'ok');
    assert.ok(hits.length >= 10 && oks.length >= 10, 'the fixture has many cases of both kinds');
    const flagged = await flaggedLines(code, source);
    const shown = (lines: number[]) => lines.map((line) => `${line + 1}: ${source.split(/\r?\n/)[line]!.trim()}`);
    assert.deepEqual(shown(hits.filter((line) => !flagged.includes(line))), [], 'hit lines without a finding');
    assert.deepEqual(shown(oks.filter((line) => flagged.includes(line))), [], 'ok lines with a finding');
    assert.deepEqual(shown(flagged.filter((line) => !hits.includes(line))), [], 'findings on unmarked lines');
  });
}

/** Applies every fix of `code` allowed by `safeties`, pass after pass until none is left. */
async function fixedText(code: string, source: string, safeties: ReadonlySet<FixSafety>): Promise<string> {
  let text = source;
  for (let pass = 0; pass < 10; pass++) {
    const edits = combinedEdits(await findingsOf(code, text), safeties);
    if (edits.length === 0) return text;
    text = applyEdits(text, edits);
  }
  throw new Error(`${code} fixes did not settle after 10 passes`);
}

const fixFixtures = readdirSync(join(FIXTURES, 'fixes')).filter((name) => CODES.some((code) => name.startsWith(`${code}_`)) && name.endsWith('.py'));

test('there are fix fixtures for each rule', () => {
  for (const code of CODES) assert.ok(fixFixtures.some((name) => name.startsWith(`${code}_`)), code);
});

for (const name of fixFixtures) {
  const code = name.slice(0, name.indexOf('_'));
  test(`${name}: python3 prints the same before and after the ${code} fixes`, async () => {
    const original = readFileSync(join(FIXTURES, 'fixes', name), 'utf8');
    const directory = mkdtempSync(join(tmpdir(), `memhints-${code}-`));
    try {
      const before = runPythonScript(directory, 'original.py', original);
      assert.equal(before.status, 0, before.stderr);
      const everything = await fixedText(code, original, SAFE_AND_UNSAFE);
      assert.notEqual(everything, original, 'the fixes change the text');
      const variants = new Map([['all fixes', everything]]);
      const safeOnly = await fixedText(code, original, SAFE_ONLY);
      if (safeOnly !== original && safeOnly !== everything) variants.set('safe fixes', safeOnly);
      for (const [label, text] of variants) {
        const after = runPythonScript(directory, 'fixed.py', text);
        assert.equal(after.status, 0, `${label}: ${after.stderr}\n${text}`);
        assert.equal(after.stdout, before.stdout, `${label} changed the output:\n${text}`);
      }
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
}

test('MEM101 over an iterable of known length holds bytes, as sys.getsizeof gives them, not 8·n B', async () => {
  // Each comprehension's items are unknown to the size model (`g(x)`, names): only its count is known.
  const cases = [
    ['', '[x for x in (a, b, c)]'],
    ['', '[g(x) for x in [a, b, c, a, b]]'],
    ['sizes = [1, 2, 3]\n', '[g(x) for x in sizes]'],
    ['names = ("a", "b", "c", "d", "e", "f", "g", "h", "i")\n', '[g(i, x) for i, x in enumerate(names)]'],
    ['', '[g(x) for x in "abcdefghijklmnopqrstu"]'],
    ['', '[g(x) for x in range(0, 10**3, 100)]'],
  ];
  const measure = [
    'import json, sys',
    'sizes = []',
    'for bindings, comprehension in json.load(sys.stdin):',
    '    names = {"a": 1.5, "b": "b", "c": None, "g": lambda *xs: object()}',
    '    exec(bindings, names)',
    '    sizes.append(sys.getsizeof(eval(comprehension, names)))',
    'print(json.dumps(sizes))',
  ].join('\n');
  const sizes = runPythonJson<number[]>(measure, cases);
  for (const [index, [bindings, comprehension]] of cases.entries()) {
    const source = `def f(a, b, c, g):\n    ${bindings.replace(/\n(?=.)/g, '\n    ')}${bindings ? '    ' : ''}return sorted(${comprehension})\n`;
    const [finding] = (await findingsIn(source)).filter((f) => f.code === 'MEM101');
    assert.ok(finding, source);
    assert.equal(finding.holds?.perCount, undefined, `${comprehension}: ${finding.message}`);
    assert.equal(finding.holds?.bytes, sizes[index], `${comprehension}: ${finding.message}`);
    assert.match(finding.message, new RegExp(`^Saves only the list's (≈ )?${sizes[index]} B: `), comprehension);
  }
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
  assert.match(findings[0]!.message, /^Saves the copy's ≈ 8·n B \(n = len\(table\)\): `list\(\)` makes a slot per row to keep the column names; /);
  assert.doesNotMatch(findings[2]!.message, /slot per row/);
});

test('MEM103 fixes a function-local name safely and a module-level name unsafely', async () => {
  const source = 'ROWS = list(range(3))\nfor r in ROWS:\n    print(r)\n\ndef f(n):\n    ys = list(range(n))\n    return len(ys)\n';
  const findings = await findingsOf('MEM103', source);
  assert.deepEqual(findings.map((f) => f.fix?.safety), ['unsafe', 'safe']);
  assert.equal(applyEdits(source, combinedEdits(findings, SAFE_ONLY)), source.replace('ys = list(range(n))', 'ys = range(n)'));
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
  const fixed = async (source: string) => applyEdits(source, combinedEdits(await findingsOf('MEM104', source), SAFE_AND_UNSAFE));
  assert.equal(await fixed('n = len([x for x in xs if x > 2])'), 'n = sum(1 for x in xs if x > 2)');
  assert.equal(await fixed('n = len([f(x) for x in xs])'), 'n = sum(1 for x in xs)');
  assert.equal(await fixed('n = len(list(x for x in xs))'), 'n = sum(1 for _ in (x for x in xs))');
  assert.equal(await fixed('n = len(list(zip(a, b)))'), 'n = sum(1 for _ in zip(a, b))');
});

test('MEM106 readlines fix is unsafe when the file is used after an early exit or inside the loop', async () => {
  const safetyOf = async (source: string) => (await findingsOf('MEM106', source))[0]?.fix?.safety;
  const head = 'with open(p) as f:\n';
  assert.equal(await safetyOf(`${head}    for line in f.readlines():\n        print(line)\n`), 'safe');
  assert.equal(await safetyOf(`${head}    for line in f.readlines():\n        break\n    rest = f.read()\n`), 'unsafe');
  assert.equal(await safetyOf(`${head}    for line in f.readlines():\n        print(next(f))\n`), 'unsafe');
  assert.equal(await safetyOf(`${head}    print(f.readline())\n    for line in f.readlines():\n        print(line)\n    f.close()\n`), 'safe');
  assert.equal(
    await safetyOf(`${head}    for line in f.readlines():\n        break\nwith open(q) as f:\n    print(f.read())\n`),
    'safe',
    'a later `with open(…) as f` is another file',
  );
  assert.equal(
    await safetyOf(`${head}    while True:\n        print(f.readline())\n        for line in f.readlines():\n            break\n`),
    'unsafe',
    'an outer loop reads the file again after the inner loop',
  );
});

test('MEM106 offers the stripped-lines fix only for text-mode files and never for split("\\n")', async () => {
  const fixOf = async (source: string) => (await findingsOf('MEM106', source))[0]?.fix;
  const loop = (opening: string, iterable: string) => `with ${opening} as f:\n    for line in ${iterable}:\n        print(line)\n`;
  assert.equal((await fixOf(loop('open(p)', 'f.read().splitlines()')))?.safety, 'unsafe');
  assert.equal((await fixOf(loop('open(p, "rt")', 'f.read().splitlines()')))?.safety, 'unsafe');
  assert.equal(await fixOf(loop('open(p, "rb")', 'f.read().splitlines()')), undefined);
  assert.equal(await fixOf(loop('open(p, mode)', 'f.read().splitlines()')), undefined);
  assert.equal(await fixOf(loop('open(p)', 'f.read().split("\\n")')), undefined);
  assert.equal((await findingsOf('MEM106', loop('open(p)', 'f.read().split("\\n")'))).length, 1);
});
