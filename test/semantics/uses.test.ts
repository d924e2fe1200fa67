import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assignedName, isReference, reboundBefore, runningScope, usesOfName } from '../../server/src/semantics/uses';
import { parsed } from '../support/tree';

/** The line (0-based) of each read of the name bound by the first `name =`. */
async function readLines(source: string, name: string): Promise<number[] | undefined> {
  const { facts, at } = await parsed(source);
  const uses = usesOfName(facts, at(`${name} =`, 0, 'identifier'));
  return uses?.reads.map((read) => read.startPosition.row);
}

test('usesOfName finds reads in nested scopes and skips attributes, keywords and shadowing names', async () => {
  const source = [
    'def f(n):',
    '    xs = make(n)',
    '    print(xs)',
    '    obj.xs = 1',
    '    g(xs=2)',
    '    def inner():',
    '        return [x for x in xs]',
    '    def shadow(xs):',
    '        return xs',
    '    return xs[0]',
  ].join('\n');
  assert.deepEqual(await readLines(source, 'xs'), [2, 6, 9]);
});

test('usesOfName lists every binding site of the name in its scope', async () => {
  const { facts, at } = await parsed('def f():\n    a = 1\n    for a in b:\n        pass\n    del a\n');
  const uses = usesOfName(facts, at('a = 1', 0, 'identifier'));
  assert.deepEqual(
    uses?.sites.map((site) => site.kind),
    ['assignment', 'loop', 'other'],
  );
});

test('usesOfName gives up when a global/nonlocal or dynamic access could hide a use', async () => {
  assert.equal(
    await readLines('def f():\n    xs = 1\n    def g():\n        nonlocal xs\n        xs = 2\n', 'xs'),
    undefined,
  );
  assert.equal(await readLines('xs = 1\ndef g():\n    global xs\n    xs = 2\n', 'xs'), undefined);
  assert.equal(await readLines('def f():\n    xs = 1\n    return eval("xs")\n', 'xs'), undefined);
  assert.equal(await readLines('def f():\n    xs = 1\n    return locals()\n', 'xs'), undefined);
  assert.equal(await readLines('xs = 1\ndef f():\n    return globals()\n', 'xs'), undefined);
  assert.equal(await readLines('from m import *\nxs = 1\nprint(xs)\n', 'xs'), undefined);
  assert.equal(await readLines('from numpy import *\nsum = 1\nprint(sum)\n', 'sum'), undefined, 'numpy exports sum');
});

test('a star import of pandas or numpy hides no use of a name neither exports', async () => {
  assert.deepEqual(await readLines('from numpy import *\nxs = 1\nprint(xs)\n', 'xs'), [2]);
});

test('locals(), vars() and globals() elsewhere do not hide uses of a local', async () => {
  assert.deepEqual(await readLines('xs = 1\nprint(xs)\ndef f():\n    return locals(), vars()\n', 'xs'), [1]);
  assert.deepEqual(await readLines('def f():\n    xs = 1\n    return xs, globals(), vars(obj)\n', 'xs'), [2]);
});

test('isReference is false for attribute names, keyword names and import paths', async () => {
  const { at } = await parsed('import a.b\nc.d = e(f=g)\n');
  assert.equal(isReference(at('b', 0, 'identifier')), false);
  assert.equal(isReference(at('d', 0, 'identifier')), false);
  assert.equal(isReference(at('f=', 0, 'identifier')), false);
  assert.equal(isReference(at('g', 0, 'identifier')), true);
  assert.equal(isReference(at('c', 0, 'identifier')), true);
});

test('assignedName accepts only a plain `name = value` statement', async () => {
  const { at } = await parsed('a = f()\nb: int = f()\nc = d = f()\ne, g = f(), 1\n(h := f())\n');
  assert.equal(assignedName(at('f()', 0, 'call'))?.text, 'a');
  for (const occurrence of [1, 2, 3, 4])
    assert.equal(assignedName(at('f()', occurrence, 'call')), undefined, `f() #${occurrence}`);
});

test('reboundBefore needs a later binding that always runs before the read', async () => {
  const source = [
    'f = open(a)',
    'for x in f: pass',
    'if c:',
    '    f = open(b)',
    'print(f)',
    'f = open(c)',
    'print(f)',
  ].join('\n');
  const { facts, at } = await parsed(source);
  const uses = usesOfName(facts, at('f = open(a)', 0, 'identifier'))!;
  const loopEnd = at('for x', 0, 'for_statement').endIndex;
  assert.equal(
    reboundBefore(uses, at('print(f)', 0, 'call').namedChild(1)!.namedChild(0)!, loopEnd),
    false,
    'the if may not run',
  );
  assert.equal(reboundBefore(uses, at('print(f)', 1, 'call').namedChild(1)!.namedChild(0)!, loopEnd), true);
});

test('reboundBefore does not trust a walrus that may not run', async () => {
  const source = 'f = open(a)\nfor x in f: pass\nok = c or (f := open(b))\nprint(f)\n';
  const { facts, at } = await parsed(source);
  const uses = usesOfName(facts, at('f = open(a)', 0, 'identifier'))!;
  const read = at('print(f)', 0, 'call').namedChild(1)!.namedChild(0)!;
  assert.equal(reboundBefore(uses, read, at('for x', 0, 'for_statement').endIndex), false);
});

test('runningScope sees through comprehensions to the function they run in', async () => {
  const { facts, at } = await parsed('def f(xs):\n    return [y for x in xs for y in x]\n');
  assert.equal(runningScope(facts, at('y for', 0, 'identifier')).node.type, 'function_definition');
  assert.equal(facts.scopes.scopeOf(at('y for', 0, 'identifier')).node.type, 'list_comprehension');
});
