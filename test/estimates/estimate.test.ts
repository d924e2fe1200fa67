// What the estimator declines to say: unknown items, f-strings, unpacking,
// shadowed builtins. A wrong size is worse than none.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { estimateOf } from '../support/sizes';

test('items that cannot be known leave the deep size unknown, not smaller', async () => {
  for (const expression of [
    '[y for x in range(10) if x % 2]',
    '[y for x in range(10)]',
    '[f(x) for x in range(10)]',
    '[[y] * 2 for x in range(3)]',
    '[a, b]',
    '[y] * 10',
  ]) {
    const estimate = await estimateOf(`value = ${expression}\n`, expression);
    assert.ok(estimate, expression);
    assert.equal(estimate.deep, undefined, expression);
  }
});

test('f-strings, \\N{...} escapes and unpacking have no estimate', async () => {
  for (const expression of ['f"{x}"', '"\\N{BULLET}"', '[*xs, 1]', '[*xs] * 3', 'list(*args)']) {
    assert.equal(await estimateOf(`value = ${expression}\n`, expression), undefined, expression);
  }
});

test('a local list or range is not the builtin', async () => {
  assert.equal(await estimateOf('def list(x):\n    return x\nvalue = list(range(10))\n', 'list(range(10))'), undefined);
  assert.equal(
    (await estimateOf('from numpy import arange as range\nvalue = range(10)\n', 'range(10)'))?.kind,
    'ndarray',
  );
  assert.ok(await estimateOf('value = list(range(10))\n', 'list(range(10))'));
});

test('a comprehension over something other than range gives no list size', async () => {
  assert.equal(await estimateOf('value = [x for x in xs]\n', '[x for x in xs]'), undefined);
  assert.equal(
    await estimateOf('async def f():\n    return [x async for x in xs]\n', '[x async for x in xs]'),
    undefined,
  );
});

test('every part of a size adds up to it', async () => {
  for (const expression of [
    '[0] * 1000',
    '[x for x in range(100)]',
    "'héllo'",
    '10**100',
    '(1, 2, 3)',
    'list(range(50))',
    "{'a': 1, 'b': [2]}",
    '{x for x in range(100)}',
    'bytearray(10)',
    'bytes(10)',
    'tuple(range(9))',
  ]) {
    const estimate = await estimateOf(`value = ${expression}\n`, expression);
    assert.ok(estimate, expression);
    if (estimate.shallowParts.length > 0) {
      assert.equal(
        estimate.shallowParts.reduce((total, part) => total + part.size.bytes, 0),
        estimate.shallow.bytes,
        expression,
      );
    }
    assert.equal(
      estimate.deepParts.reduce((total, part) => total + part.size.bytes, estimate.shallow.bytes),
      estimate.deep?.bytes,
      expression,
    );
  }
});

test('a copy of a list that may have changed since its display has no size', async () => {
  for (const setup of [
    'xs = [1, 2, 3]\nxs.append(4)',
    'xs = [1, 2, 3]\nfor i in range(3):\n    xs.append(i)',
    'xs = [1, 2, 3]\nxs += [4]',
  ]) {
    const source = `${setup}\nvalue = list(xs)\n`;
    assert.equal(await estimateOf(source, 'list(xs)'), undefined, setup);
  }
});

test('a copy of a set or dict that may have changed since its display has no size', async () => {
  for (const setup of ['xs = {1, 2, 3}\nxs.add(4)', "xs = {'a': 1}\nxs['b'] = 2", 'xs = {1: 2}\nxs.update(other)']) {
    for (const copy of ['list(xs)', 'tuple(xs)', 'set(xs)']) {
      assert.equal(await estimateOf(`${setup}\nvalue = ${copy}\n`, copy), undefined, `${setup}; ${copy}`);
    }
  }
});
