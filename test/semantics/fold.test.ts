// Constant folding: values checked against python3's own evaluation of the
// same expressions (one python3 process for the file), and names folded only
// when they are bound exactly once.
import assert from 'node:assert/strict';
import { before, describe, it, test } from 'node:test';
import { Folder } from '../../server/src/semantics/fold';
import type { PyValue } from '../../server/src/sizes/values';
import { runPythonJson } from '../support/python';
import { parsed as parseSource } from '../support/tree';

const EXPRESSIONS = [
  '10**6',
  '1_000_000',
  '2 * 500',
  '0x_ff + 0o17 + 0b101',
  '-7 // 2',
  '7 // -2',
  '-7 % 3',
  '7 % -3',
  '2 ** 100',
  '2 ** -2',
  '1 << 65',
  '-(2**64) >> 3',
  '~5',
  '6 & 3 | 8 ^ 1',
  '7 / 2',
  '7.5 // 2',
  '-7.5 % 2',
  '1e3 * 3',
  'True + True',
  '3 if 2 > 1 else 4',
  '1 < 2 < 3',
  '1 < 3 < 2',
  'not 0',
  '0 or 5',
  '2 and 0',
  "'ab' * 3",
  "'ab' + 'cd'",
  "3 * 'x'",
  "b'ab' * 2",
  '(1, 2) + (3,)',
  '(10 ** 3) * (2 + 3)',
];

// Python's value of each expression, as {type, value} with ints as decimal text.
const EVALUATE = String.raw`
import json, sys
out = []
for source in json.load(sys.stdin):
    value = eval(source)
    def encode(v):
        if isinstance(v, bool): return {"type": "bool", "value": v}
        if isinstance(v, int): return {"type": "int", "value": str(v)}
        if isinstance(v, float): return {"type": "float", "value": v}
        if isinstance(v, str): return {"type": "str", "value": v}
        if isinstance(v, bytes): return {"type": "bytes", "value": v.decode("latin-1")}
        if isinstance(v, tuple): return {"type": "tuple", "items": [encode(i) for i in v]}
        return {"type": repr(type(v))}
    out.append(encode(value))
print(json.dumps(out))
`;

type Encoded = { type: string; value?: string | number | boolean; items?: Encoded[] };

function encode(value: PyValue): Encoded {
  if (value.type === 'int') return { type: 'int', value: value.value.toString() };
  if (value.type === 'tuple') return { type: 'tuple', items: value.items.map(encode) };
  if ('value' in value) return { type: value.type, value: value.value };
  return { type: value.type };
}

describe('constant folding agrees with python3', () => {
  let expected: Encoded[] = [];
  before(() => {
    expected = runPythonJson<Encoded[]>(EVALUATE, EXPRESSIONS);
  });
  for (const [index, expression] of EXPRESSIONS.entries()) {
    it(expression, async () => {
      const source = await parseSource(`value = ${expression}\n`);
      const value = new Folder(source.facts).constant(source.expression(expression));
      assert.ok(value, 'not folded');
      assert.deepEqual(encode(value), expected[index]);
    });
  }
});

async function foldedName(source: string, use: string): Promise<bigint | undefined> {
  const parsed = await parseSource(source);
  return new Folder(parsed.facts).integer(parsed.expression(use));
}

test('a name bound once to a constant folds where it is used', async () => {
  const parsed = await parseSource('n = 1000\nxs = range(n)\n');
  const use = parsed.expression('range(n)').childForFieldName('arguments')!.namedChild(0)!;
  assert.equal(use.text, 'n');
  assert.equal(new Folder(parsed.facts).integer(use), 1000n);
  assert.equal(await foldedName('N = 10**6\nsize = N * 2\n', 'N * 2'), 2_000_000n);
});

test('a module constant folds inside a function', async () => {
  assert.equal(await foldedName('LIMIT = 500\ndef f():\n    return LIMIT + 1\n', 'LIMIT + 1'), 501n);
});

test('a chained assignment binds every name to the value', async () => {
  assert.equal(await foldedName('a = b = 7\nc = a * b\n', 'a * b'), 49n);
});

test('an annotated assignment folds', async () => {
  assert.equal(await foldedName('size: int = 20\nd = size - 1\n', 'size - 1'), 19n);
});

test('a name bound more than once does not fold', async () => {
  assert.equal(await foldedName('n = 10\nn = 20\nm = n + 0\n', 'n + 0'), undefined);
  assert.equal(await foldedName('n = 10\nn += 1\nm = n + 0\n', 'n + 0'), undefined);
  assert.equal(await foldedName('n = 10\nfor n in range(3):\n    pass\nm = n + 0\n', 'n + 0'), undefined);
});

test('a local name shadows the module constant', async () => {
  assert.equal(await foldedName('n = 10\ndef f(n):\n    return n + 0\n', 'n + 0'), undefined);
});

test('a self-referencing binding does not loop', async () => {
  assert.equal(await foldedName('n = n + 1\nm = n * 2\n', 'n * 2'), undefined);
});

test('unknown names, calls and errors do not fold', async () => {
  assert.equal(await foldedName('m = n + 1\n', 'n + 1'), undefined);
  assert.equal(await foldedName('m = len("abc")\n', 'len("abc")'), undefined);
  assert.equal(await foldedName('m = 1 // 0\n', '1 // 0'), undefined);
});

test('huge results are not computed', async () => {
  assert.equal(await foldedName('m = 10 ** 10 ** 10\n', '10 ** 10 ** 10'), undefined);
  assert.equal(await foldedName('m = 1 << 10 ** 9\n', '1 << 10 ** 9'), undefined);
});

test('a loop variable takes its values from the environment', async () => {
  const parsed = await parseSource('xs = [x * x + 1 for x in range(10)]\n');
  const evaluate = new Folder(parsed.facts).compile(parsed.expression('x * x + 1'), new Set(['x']));
  assert.ok(evaluate);
  assert.deepEqual(evaluate(new Map([['x', { type: 'int', value: 7n }]])), { type: 'int', value: 50n });
});
