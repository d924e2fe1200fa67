import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withSource } from '../support/tree';

/** The qualified name of the callee of the `occurrence`-th call whose text is `call`. */
async function calleeName(source: string, call: string, occurrence = 0): Promise<string | undefined> {
  return withSource(source, ({ facts, node }) => {
    const callee = node(call, occurrence).childForFieldName('function');
    assert.ok(callee, `${call} is not a call`);
    return facts.qualifiedName(callee);
  });
}

test('an unshadowed builtin resolves to builtins', async () => {
  assert.equal(await calleeName('total = sum(xs)\n', 'sum(xs)'), 'builtins.sum');
});

test('import aliases resolve to the module path', async () => {
  const source =
    'import numpy as np\nfrom pandas import read_csv as rc\nfrom collections import Counter\nnp.array(x)\nrc(p)\nCounter(w)\nnp.random.rand(3)\n';
  assert.equal(await calleeName(source, 'np.array(x)'), 'numpy.array');
  assert.equal(await calleeName(source, 'rc(p)'), 'pandas.read_csv');
  assert.equal(await calleeName(source, 'Counter(w)'), 'collections.Counter');
  assert.equal(await calleeName(source, 'np.random.rand(3)'), 'numpy.random.rand');
});

test('`import os.path` binds os; `import os.path as osp` binds the submodule', async () => {
  assert.equal(await calleeName('import os.path\nos.path.join(a, b)\n', 'os.path.join(a, b)'), 'os.path.join');
  assert.equal(await calleeName('import os.path as osp\nosp.join(a, b)\n', 'osp.join(a, b)'), 'os.path.join');
  assert.equal(await calleeName('import a.b.c, d\na.b.c.f(1)\nd.g(2)\n', 'a.b.c.f(1)'), 'a.b.c.f');
  assert.equal(await calleeName('import a.b.c, d\na.b.c.f(1)\nd.g(2)\n', 'd.g(2)'), 'd.g');
});

test('relative imports keep their leading dots', async () => {
  assert.equal(await calleeName('from . import helpers\nhelpers.run(1)\n', 'helpers.run(1)'), '.helpers.run');
  assert.equal(await calleeName('from .. import helpers\nhelpers.run(1)\n', 'helpers.run(1)'), '..helpers.run');
  assert.equal(await calleeName('from .util import run as go\ngo(1)\n', 'go(1)'), '.util.run');
});

test('attributes of builtins and of local values have no qualified name', async () => {
  assert.equal(await calleeName('", ".join(xs)\n', '", ".join(xs)'), undefined);
  assert.equal(await calleeName('str.join(", ", xs)\n', 'str.join(", ", xs)'), undefined);
  assert.equal(await calleeName('df = load()\ndf.head(3)\n', 'df.head(3)'), undefined);
});

test('a module-level assignment, a parameter or a lambda parameter shadows a builtin', async () => {
  assert.equal(await calleeName('sum = 0\nsum(xs)\n', 'sum(xs)'), undefined);
  assert.equal(await calleeName('def f(sum):\n    return sum(xs)\nsum(ys)\n', 'sum(xs)'), undefined);
  assert.equal(await calleeName('def f(sum):\n    return sum(xs)\nsum(ys)\n', 'sum(ys)'), 'builtins.sum');
  assert.equal(await calleeName('def f(*, sum=1):\n    return sum(xs)\n', 'sum(xs)'), undefined);
  assert.equal(await calleeName('def f(*sum):\n    return sum(xs)\n', 'sum(xs)'), undefined);
  assert.equal(await calleeName('def f(**sum):\n    return sum(xs)\n', 'sum(xs)'), undefined);
  assert.equal(await calleeName('def f(sum: int = 0, /):\n    return sum(xs)\n', 'sum(xs)'), undefined);
  assert.equal(await calleeName('g = lambda sum: sum(xs)\n', 'sum(xs)'), undefined);
});

test('a name bound anywhere in a function is local to all of it', async () => {
  assert.equal(await calleeName('def f():\n    t = sum(xs)\n    sum = 3\n', 'sum(xs)'), undefined);
  assert.equal(
    await calleeName('def f():\n    for sum in ys:\n        pass\n    return sum(xs)\n', 'sum(xs)'),
    undefined,
  );
  assert.equal(await calleeName('try:\n    pass\nexcept E as sum:\n    pass\nsum(xs)\n', 'sum(xs)'), undefined);
  assert.equal(await calleeName('with f() as (a, sum):\n    sum(xs)\n', 'sum(xs)'), undefined);
});

test('a star import of another module makes every unbound name unknown', async () => {
  assert.equal(await calleeName('from shapes import *\nlen(xs)\n', 'len(xs)'), undefined);
  assert.equal(await calleeName('from shapes import *\nimport math\nmath.fsum(xs)\n', 'math.fsum(xs)'), 'math.fsum');
  const afterPandas = 'from pandas import *\nfrom shapes import *\nread_csv(p)\n';
  assert.equal(await calleeName(afterPandas, 'read_csv(p)'), undefined, 'the later import may rebind it');
});

test('a star import of pandas or numpy binds what the module exports, and leaves builtins alone', async () => {
  const source = 'from pandas import *\ndf = read_csv(p)\nn = len(df)\nDataFrame(d)\n';
  assert.equal(await calleeName(source, 'read_csv(p)'), 'pandas.read_csv');
  assert.equal(await calleeName(source, 'DataFrame(d)'), 'pandas.DataFrame');
  assert.equal(await calleeName(source, 'len(df)'), 'builtins.len');
  const inFunction = 'from numpy import *\ndef f(xs):\n    return sum(xs), zeros(3), sorted(xs)\n';
  assert.equal(await calleeName(inFunction, 'sum(xs)'), 'numpy.sum', 'numpy exports sum, which shadows the builtin');
  assert.equal(await calleeName(inFunction, 'zeros(3)'), 'numpy.zeros');
  assert.equal(await calleeName(inFunction, 'sorted(xs)'), 'builtins.sorted');
  assert.equal(
    await calleeName('import numpy\nfrom numpy import *\nmax(xs)\n', 'max(xs)'),
    undefined,
    'numpy 2.x only',
  );
  assert.equal(await calleeName('from numpy import *\nsum = 0\nsum(xs)\n', 'sum(xs)'), undefined, 'a local');
});

test('of star imports that bind a name, the last does, unless versions decide', async () => {
  // numpy 2.x exports concat too.
  const pandasLast = 'from numpy import *\nfrom pandas import *\nconcat(frames)\n';
  assert.equal(await calleeName(pandasLast, 'concat(frames)'), 'pandas.concat');
  const numpyLast = 'from pandas import *\nfrom numpy import *\nconcat(frames)\narray(xs)\n';
  assert.equal(await calleeName(numpyLast, 'concat(frames)'), undefined);
  assert.equal(await calleeName(numpyLast, 'array(xs)'), 'numpy.array');
  assert.equal(await calleeName('from numpy import *\nconcat(xs)\n', 'concat(xs)'), 'numpy.concat');
});

test('default values and decorators run in the enclosing scope, the body inside', async () => {
  const source = 'def f(len=len(xs)):\n    return len(ys)\n';
  assert.equal(await calleeName(source, 'len(xs)'), 'builtins.len');
  assert.equal(await calleeName(source, 'len(ys)'), undefined);
  const decorated = '@max(a)\ndef max(b):\n    pass\n';
  assert.equal(await calleeName(decorated, 'max(a)'), undefined, 'the decorated function binds max in the module');
});

test('class bodies do not enclose their methods, lambdas or comprehensions', async () => {
  const source = [
    'class A:',
    '    sum = 1',
    '    here = sum(xs)',
    '    def f(self):',
    '        return sum(ys)',
    '    g = lambda self: sum(zs)',
    '    totals = [sum(v) for v in vs]',
    '    firsts = [v for v in sum(ws)]',
    '',
  ].join('\n');
  assert.equal(await calleeName(source, 'sum(xs)'), undefined);
  assert.equal(await calleeName(source, 'sum(ys)'), 'builtins.sum');
  assert.equal(await calleeName(source, 'sum(zs)'), 'builtins.sum');
  assert.equal(await calleeName(source, 'sum(v)'), 'builtins.sum');
  assert.equal(await calleeName(source, 'sum(ws)'), undefined, 'the first iterable runs in the class scope');
});

test("a comprehension's first iterable runs outside it, the rest inside", async () => {
  const source = 'def f(data):\n    return [sum for sum in sum(data) if sum(sum)]\n';
  assert.equal(await calleeName(source, 'sum(data)'), 'builtins.sum');
  assert.equal(await calleeName(source, 'sum(sum)'), undefined);
});

test('a comprehension nested in a first iterable does not see the outer comprehension', async () => {
  // The inner comprehension runs in f's scope, where `sum` is the builtin; the outer binds `sum`.
  const source = 'def f(rows):\n    return [sum for sum in [sum(r) for r in rows]]\n';
  assert.equal(await calleeName(source, 'sum(r)'), 'builtins.sum');
});

test('a walrus in a comprehension binds in the enclosing function', async () => {
  const source = 'def f(zs):\n    [(sum := z) for z in zs]\n    return sum(zs)\nsum(zs)\n';
  assert.equal(await calleeName(source, 'sum(zs)'), undefined);
  assert.equal(await calleeName(source, 'sum(zs)', 1), 'builtins.sum');
});

test('a walrus in a default value binds in the scope around the function', async () => {
  const source = 'def f(a=(max := 3)):\n    return max(b)\nmax(c)\n';
  assert.equal(await calleeName(source, 'max(b)'), undefined, 'module-level max is visible in f');
  assert.equal(await calleeName(source, 'max(c)'), undefined);
});

test('nested functions see enclosing function bindings', async () => {
  const source = 'def outer():\n    sum = 1\n    def inner():\n        return sum(xs)\n    return inner\n';
  assert.equal(await calleeName(source, 'sum(xs)'), undefined);
});

test('a name imported in two ways has no single qualified name', async () => {
  const source = 'try:\n    import ujson as json\nexcept ImportError:\n    import json\njson.loads(s)\n';
  assert.equal(await calleeName(source, 'json.loads(s)'), undefined);
  assert.equal(await calleeName('import json\nimport json\njson.loads(s)\n', 'json.loads(s)'), 'json.loads');
});

test('parentheses around a callee change nothing it refers to', async () => {
  const source = 'import numpy as np\n(list)(xs)\n((np).array)(x)\n(np.zeros)(3)\n';
  assert.equal(await calleeName(source, '(list)(xs)'), 'builtins.list');
  assert.equal(await calleeName(source, '((np).array)(x)'), 'numpy.array');
  assert.equal(await calleeName(source, '(np.zeros)(3)'), 'numpy.zeros');
  assert.equal(await calleeName('def f(list):\n    return (list)(1)\n', '(list)(1)'), undefined);
});
