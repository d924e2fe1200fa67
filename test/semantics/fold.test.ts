// Constant folding: names folded only when they are bound exactly once
// (fold-python.slow.test.ts checks the values against python3).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Folder } from '../../server/src/semantics/fold';
import { parsed as parseSource } from '../support/tree';

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
