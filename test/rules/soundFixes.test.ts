// Every fix is checked against the text it edits (rules/soundFixes.ts): its
// text never runs into the tokens beside it, and a fix labelled safe that
// deletes a comment, or edits what an f-string's `{expr=}` prints, is unsafe.
// The fixed texts run under python3 in fixes.slow.test.ts (fix_text.py) and
// parse under every CPython here in soundFixes.slow.test.ts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse, pythonParser } from '../../server/src/document/parser';
import { applyEdits, combinedEdits, SAFE_AND_UNSAFE } from '../../server/src/rules/fixes';
import { soundFix } from '../../server/src/rules/soundFixes';
import type { Finding, Fix, TextEdit } from '../../server/src/rules/types';
import { findingsIn } from '../support/analyze';

/** `fix` made sound against `source`, as the analysis does. */
async function sound(source: string, fix: Fix): Promise<Fix> {
  const tree = parse(await pythonParser(), source);
  try {
    return soundFix(fix, source, tree.rootNode);
  } finally {
    tree.delete();
  }
}

/** A safe fix of `edits`, its offsets given by the text each starts at (the first place it occurs). */
function safeFix(source: string, edits: ReadonlyArray<[from: string, length: number, text: string]>): Fix {
  return {
    title: 'test',
    safety: 'safe',
    edits: edits.map(([from, length, text]): TextEdit => {
      const start = source.indexOf(from);
      assert.notEqual(start, -1, from);
      return { start, end: start + length, text };
    }),
  };
}

async function findingsOf(code: string, source: string): Promise<Finding[]> {
  return (await findingsIn(source)).filter((finding) => finding.code === code);
}

async function fixedBy(code: string, source: string): Promise<string> {
  return applyEdits(source, combinedEdits(await findingsOf(code, source), SAFE_AND_UNSAFE));
}

test('a deletion that would join two names leaves a space between them', async () => {
  const source = 'ys = [a for a in f.readlines()if a]\n';
  const fix = await sound(source, safeFix(source, [['.readlines()', 12, '']]));
  assert.equal(applyEdits(source, fix.edits), 'ys = [a for a in f if a]\n');
  assert.equal(fix.safety, 'safe');
});

test('a replacement that starts or ends with a name next to one gets a space on that side', async () => {
  const source = 'x = (a)or(b)\n';
  const fix = await sound(
    source,
    safeFix(source, [
      ['(a)', 3, 'a'],
      ['(b)', 3, 'b'],
    ]),
  );
  assert.equal(applyEdits(source, fix.edits), 'x = a or b\n');
});

test('text opening with `{` right after an f-string field opens gets a space: `{{` would be an escaped brace', async () => {
  const source = 'print(f"{set([1, 2])!r}")\n';
  const fix = await sound(
    source,
    safeFix(source, [
      ['set([', 5, '{'],
      ['])!', 2, '}'],
    ]),
  );
  assert.equal(applyEdits(source, fix.edits), 'print(f"{ {1, 2}!r}")\n');
});

test('operators that would join into a longer one are kept apart', async () => {
  const source = 'y = b-(-c)\n';
  const fix = await sound(
    source,
    safeFix(source, [
      ['(-c)', 1, ''],
      [')\n', 1, ''],
    ]),
  );
  assert.equal(applyEdits(source, fix.edits), 'y = b- -c\n');
});

test('an edit inside a token is the rule’s own: no space is added there', async () => {
  const source = 'total = values\n';
  const fix = safeFix(source, [['lues', 1, 'x']]);
  assert.equal(await sound(source, fix), fix);
});

test('a fix that needs nothing comes back as it is', async () => {
  const source = 'n = len([x for x in xs])\n';
  const fix = safeFix(source, [
    ['len', 3, 'sum'],
    ['[x', 1, ''],
    ['x for', 1, '1'],
    [']', 1, ''],
  ]);
  assert.equal(await sound(source, fix), fix);
});

test('a safe fix that deletes a comment becomes unsafe; one whose text keeps it stays safe', async () => {
  const source = 'y = f(  # why\n    x)\n';
  const dropped = await sound(source, safeFix(source, [['f(', 'f(  # why\n    '.length, '']]));
  assert.equal(dropped.safety, 'unsafe');
  const kept = await sound(source, safeFix(source, [['f(', 'f(  # why\n    '.length, '(  # why\n    ']]));
  assert.equal(kept.safety, 'safe');
  // A `#` inside a string is no comment.
  const text = 'y = f("#", x)\n';
  assert.equal((await sound(text, safeFix(text, [['f("#", x)', 'f("#", x)'.length, 'g(x)']]))).safety, 'safe');
});

test('a fix inside an f-string field that prints its own expression (`{expr=}`) is unsafe', async () => {
  const echoed = await findingsOf('MEM101', 'print(f"{set([n for n in range(3)])=}")\n');
  assert.equal(echoed[0]?.fix?.safety, 'unsafe');
  const plain = await findingsOf('MEM101', 'print(f"{set([n for n in range(3)])}")\n');
  assert.equal(plain[0]?.fix?.safety, 'safe');
});

test('MEM101 in an f-string field: the set comprehension opens with `{ {`, whatever follows it', async () => {
  const cases: Array<[string, string]> = [
    ['print(f"{set([x for x in \'ab\'])}")\n', 'print(f"{ {x for x in \'ab\'}}")\n'],
    ['print(f"{set([x for x in \'ab\'])!r}")\n', 'print(f"{ {x for x in \'ab\'}!r}")\n'],
    ['print(f"{set([x for x in \'ab\'])!s:>12}")\n', 'print(f"{ {x for x in \'ab\'}!s:>12}")\n'],
    ['print(f"{set([x for x in \'ab\']):}")\n', 'print(f"{ {x for x in \'ab\'}:}")\n'],
    ['print(f"a{len(set([x for x in \'ab\']))}")\n', 'print(f"a{len({x for x in \'ab\'})}")\n'],
  ];
  for (const [source, expected] of cases) assert.equal(await fixedBy('MEM101', source), expected, source);
});

test('MEM106 before a keyword: `f.readlines()if` becomes `f if`', async () => {
  const source = 'with open(p) as f:\n    print([line for line in f.readlines()if line])\n';
  assert.equal(await fixedBy('MEM106', source), 'with open(p) as f:\n    print([line for line in f if line])\n');
});

test('MEM106 with a comment inside readlines( … ): the fix that drops it is unsafe', async () => {
  const commented = 'with open(p) as f:\n    for line in f.readlines(  # every line\n    ):\n        print(line)\n';
  assert.equal((await findingsOf('MEM106', commented))[0]?.fix?.safety, 'unsafe');
  const plain = 'with open(p) as f:\n    for line in f.readlines():\n        print(line)\n';
  assert.equal((await findingsOf('MEM106', plain))[0]?.fix?.safety, 'safe');
});
