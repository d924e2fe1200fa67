import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chainOf, type Chain } from '../../server/src/semantics/chains';
import { mayBeAliased } from '../../server/src/semantics/aliasing';
import { mayMutate } from '../../server/src/semantics/mutation';
import { holdsBuiltinContainer } from '../../server/src/semantics/values';
import { withSource } from '../support/tree';

/** Whether the body of the function `def f(...)` in `source` may change `source`'s chain. */
async function bodyMutates(body: string, source: string, iteratingConsumes = true): Promise<boolean> {
  const text = `def f(xs, d, self, it):\n${body.replace(/^/gm, '    ')}\n`;
  return withSource(text, ({ facts, tree }) => {
    const block = tree.rootNode.namedChild(0)!.childForFieldName('body')!;
    const chain: Chain = source.split('.');
    return mayMutate([block], chain, { facts, iteratingConsumes });
  });
}

test('chainOf reads names and attribute chains only', async () => {
  await withSource('a.b.c\nf().x\n', ({ node }) => {
    assert.deepEqual(chainOf(node('a.b.c')), ['a', 'b', 'c']);
    assert.equal(chainOf(node('f().x')), undefined);
  });
});

test('reads do not mutate', async () => {
  for (const body of [
    'print(xs[0], len(xs), xs)',
    'y = xs[0] + 1',
    'if xs and x in d:\n    pass',
    'total = d.get(k, 0) + len(d.keys())',
    'n = xs.count(1) + xs.index(2)',
    'self.count += 1',
    'self.other.append(1)',
    'xs[0].append(1)',
    'd[k][0] = 1',
    'def later():\n    xs.append(1)',
    'class Later:\n    xs.append(1)',
    'print(f"{xs}")',
    'return xs',
  ]) {
    assert.equal(await bodyMutates(body, 'xs'), false, body);
  }
  assert.equal(await bodyMutates('self.count += 1\nprint(self.items[0])', 'self.items'), false);
});

test('changes, rebinding and escapes may mutate', async () => {
  for (const body of [
    'xs.append(1)',
    'xs.sort()',
    'xs[0] = 1',
    'xs[1:] = []',
    'del xs[0]',
    'xs += [1]',
    'xs = []',
    'del xs',
    'for xs in ys:\n    pass',
    'for xs[0] in ys:\n    pass',
    'a, xs = 1, 2',
    'with open(p) as xs:\n    pass',
    'import xs',
    'def xs():\n    pass',
    'print((xs := []))',
    'process(xs)',
    'process(key=xs)',
    'ys = xs',
    'ys = [xs]',
    'ys = xs or []',
    'yield xs',
    'sorted(ys, key=lambda y: xs.pop())',
    'next(xs)',
    'if True:\n    while True:\n        xs.remove(1)',
  ]) {
    assert.equal(await bodyMutates(body, 'xs'), true, body);
  }
});

test('a method of an object the source hangs from, or that object escaping, may mutate', async () => {
  assert.equal(await bodyMutates('self.reset()', 'self.items'), true);
  assert.equal(await bodyMutates('process(self)', 'self.items'), true);
  assert.equal(await bodyMutates('self.items = []', 'self.items'), true);
  assert.equal(await bodyMutates('self = None', 'self.items'), true);
  assert.equal(await bodyMutates('self.items.inner.clear()', 'self.items'), true);
});

test('iterating the source counts only when it may be an iterator', async () => {
  for (const body of [
    'for y in it:\n    pass',
    'print(1 in it)',
    'print(sum(it))',
    'print(*it)',
    'ys = [y for y in it]',
  ]) {
    assert.equal(await bodyMutates(body, 'it', true), true, body);
    assert.equal(await bodyMutates(body, 'it', false), false, body);
  }
});

test('holdsBuiltinContainer needs every local binding to make a builtin container', async () => {
  const source = [
    'def f(p):',
    '    a = [1]',
    '    b = dict(x=1)',
    '    c = produce()',
    '    d = {}',
    '    d = other',
    '    e = sorted(p)',
    '    e += [2]',
    '    g = {1: 2}',
    '    print(a, b, c, d, e, g, p)',
    '',
  ].join('\n');
  await withSource(source, ({ facts, node }) => {
    const uses = node('print(a, b, c, d, e, g, p)').childForFieldName('arguments')!.namedChildren;
    const held = uses.map((use) => holdsBuiltinContainer(use!, facts, 'container'));
    assert.deepEqual(held, [true, true, false, false, true, true, false]);
    const mappings = uses.map((use) => holdsBuiltinContainer(use!, facts, 'mapping'));
    assert.deepEqual(mappings, [false, true, false, false, false, true, false]);
  });
  await withSource('xs = [1]\ndef f():\n    print(xs)\n', ({ facts, node }) => {
    assert.equal(
      holdsBuiltinContainer(node('xs', 1), facts, 'container'),
      false,
      'a global seen from a function is not local',
    );
  });
  await withSource('dict = list\nd = dict()\nprint(d)\n', ({ facts, node }) => {
    const d = node('print(d)').childForFieldName('arguments')!.namedChild(0)!;
    assert.equal(holdsBuiltinContainer(d, facts, 'mapping'), false, 'a shadowed dict is not the builtin');
  });
});

test('mayBeAliased finds other ways to reach a local value', async () => {
  const aliased = async (body: string): Promise<boolean> =>
    withSource(`def f():\n    xs = []\n${body.replace(/^/gm, '    ')}\n    print(xs)\n`, ({ facts, node }) =>
      mayBeAliased(node('print(xs)').childForFieldName('arguments')!.namedChild(0)!, facts),
    );
  assert.equal(await aliased('xs.append(1)\nxs[0] = 2\nn = len(xs)\nfor x in xs:\n    pass'), false);
  assert.equal(await aliased('total = sum([x for x in xs])'), false, 'a list comprehension runs at once');
  assert.equal(await aliased('return xs'), false);
  assert.equal(await aliased('ys = xs'), true);
  assert.equal(await aliased('keep([xs])'), true);
  assert.equal(await aliased('process(xs)'), true);
  assert.equal(await aliased('g = (x for x in ys if x in xs)'), true, 'a generator reads xs later');
  assert.equal(await aliased('def inner():\n    return xs'), true);
  assert.equal(await aliased('def inner():\n    xs.append(1)'), true, 'a closure can change it later');
  assert.equal(
    await aliased('def inner(xs):\n    xs.append(1)'),
    false,
    'a parameter of the same name is another variable',
  );
  assert.equal(await aliased('print(x.xs, f(xs=1))'), false, 'attribute and keyword names are not the variable');
  assert.equal(await aliased('h = lambda: xs'), true);
});

/**
 * Whether the body of a loop in `def f(node, rows)`, after `prelude` at module
 * level and `setup` in the function, may change `source`.
 */
async function mutatesIn(prelude: string, body: string, source: string, setup = 'pass'): Promise<boolean> {
  const indented = (lines: string, depth: number) => lines.replace(/^/gm, ' '.repeat(depth));
  const text = `${prelude}\ndef f(node, rows):\n${indented(setup, 4)}\n    for item in range(3):\n${indented(body, 8)}\n`;
  return withSource(text, ({ facts, find }) => {
    const loop = find('for_statement', undefined, 0);
    return mayMutate([loop.childForFieldName('body')!], source.split('.'), {
      facts,
      iteratingConsumes: false,
      ownRegions: true,
    });
  });
}

test('another spelling of an imported value changes it', async () => {
  const imports = 'import os\nimport os as system\nfrom os import environ\nfrom os import environ as env';
  for (const body of [
    'del environ[k]',
    'env.pop(k)',
    'system.environ.clear()',
    'environ.setdefault(k, v)',
    'environ.update(a=1)',
  ]) {
    assert.equal(await mutatesIn(imports, body, 'os.environ'), true, body);
  }
  for (const body of ['print(environ.get(k), env[k])', 'x = system.path.join(a, b)']) {
    assert.equal(await mutatesIn(imports, body, 'os.environ'), false, body);
  }
});

test('sys.modules may change under any code: imports add to it', async () => {
  assert.equal(await mutatesIn('import sys', 'print(1)', 'sys.modules'), true);
  assert.equal(await mutatesIn('from sys import modules', 'print(1)', 'modules'), true);
  assert.equal(await mutatesIn('import sys', 'print(1)', 'sys.path'), false);
});

test('a call may change a module-level or imported value it is not given', async () => {
  const prelude = [
    'import math, site, sys',
    'CACHE = {}',
    'def clear():\n    CACHE.clear()',
    'def clear_later():\n    clear()',
    'def show():\n    print(len(CACHE))',
    'def own_local():\n    CACHE = {}\n    CACHE.clear()',
    'def loop():\n    loop()',
    '@decorated\ndef wrapped():\n    pass',
  ].join('\n');
  for (const body of ['clear()', 'clear_later()', 'node.refresh()', 'unknown()', 'wrapped()', 'exec("x")']) {
    assert.equal(await mutatesIn(prelude, body, 'CACHE'), true, body);
  }
  for (const body of [
    'show()',
    'own_local()',
    'loop()',
    'math.sqrt(2.0)',
    'print(sorted(rows), range(3))',
    'rows.get(1)',
  ]) {
    assert.equal(await mutatesIn(prelude, body, 'CACHE'), false, body);
  }
  assert.equal(
    await mutatesIn(prelude, 'site.addsitedir(p)', 'sys.path'),
    true,
    "another module's function may change its module's values",
  );
  assert.equal(await mutatesIn(prelude, 'show()', 'sys.path'), false);
  assert.equal(
    await mutatesIn(prelude, 'clear()', 'rows'),
    false,
    'a function of this file cannot reach a parameter it is not given',
  );
});

test('yield and await let other code change what it can reach', async () => {
  for (const source of ['rows', 'node.children']) assert.equal(await mutatesIn('', 'yield 1', source), true, source);
  assert.equal(await mutatesIn('', 'yield own[0]', 'own', 'own = [1]'), false, 'a local list no other code can reach');
  assert.equal(await mutatesIn('', 'yield 1', 'own', 'own = [1]\nkeep(own)'), true, 'a local handed elsewhere');
  await withSource('async def f(rows, pause):\n    await pause(0)\n', ({ facts, root }) => {
    const body = root.namedChild(0)!.childForFieldName('body')!;
    assert.equal(mayMutate([body], ['rows'], { facts, iteratingConsumes: false, ownRegions: true }), true);
  });
});

test('a local assigned the source, or one of its parts, spells it too', async () => {
  for (const [setup, body] of [
    ['tree = node', 'tree.children.clear()'],
    ['tree = node', 'tree.children = []'],
    ['kids = node.children', 'kids.pop()'],
  ] as const) {
    assert.equal(await mutatesIn('', body, 'node.children', setup), true, body);
  }
  assert.equal(
    await mutatesIn('', 'node.children.clear()', 'tree.children', 'tree = node'),
    true,
    'the source spelled through the alias',
  );
  assert.equal(await mutatesIn('', 'print(tree.children[0])', 'node.children', 'tree = node'), false);
  assert.equal(await mutatesIn('', 'other.clear()', 'node.children', 'other = rows'), false);
});
