// valueKind checked against python3's own type() of every expression whose
// type it proves (this runs it; the rest is in valueKinds.test.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { spawnSync } from 'node:child_process';
import { valueKind } from '../../server/src/semantics/valueKinds';
import { withSource } from '../support/tree';

// Expressions whose type the tree proves; each is checked against python3's own type().
const PROVEN = [
  '"text"',
  "b'raw'",
  'rB"x"',
  'f"{1}"',
  '"a" "b"',
  'b"a" b"b"',
  '42',
  '0x1F',
  '1.5',
  '2j',
  'True',
  'None',
  '[1]',
  '[n for n in "ab"]',
  '(1, 2)',
  '{1: 2}',
  '{1}',
  '{n: n for n in "ab"}',
  'str(1)',
  'repr(1)',
  'chr(65)',
  'bytes(2)',
  'bytearray(2)',
  'len("ab")',
  'float("1")',
  'sorted("ba")',
  '"a" + "b"',
  '"%s" % 1',
  '"-" * 3',
  '3 * b"-"',
  '[0] * 2',
  'True + True',
  '"abc"[1]',
  '"abc"[1:]',
  'b"abc"[1]',
  'b"abc"[:1]',
  '"x" if 1 else "y"',
  '("x")',
  '", ".join(["a"])',
  '"a".upper()',
  'b"a".strip()',
  '"a".encode()',
  'b"a".decode()',
  '"{}".format(1)',
];

function pythonTypes(expressions: readonly string[]): string[] {
  const program = `import sys\nfor e in sys.argv[1:]:\n    print(type(eval(e)).__name__)\n`;
  const run = spawnSync('python3', ['-c', program, ...expressions], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return run.stdout.trim().split('\n');
}

test('valueKind agrees with python3 on every expression whose type it proves', async () => {
  const expected = pythonTypes(PROVEN).map((name) => (name === 'NoneType' ? 'none' : name));
  const actual: Array<string | undefined> = [];
  for (const expression of PROVEN) {
    await withSource(`value = ${expression}\n`, ({ find, facts }) => {
      actual.push(valueKind(find('assignment').childForFieldName('right')!, facts));
    });
  }
  assert.deepEqual(actual, expected);
});
