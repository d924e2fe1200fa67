import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Node, Point } from 'web-tree-sitter';
import { Scopes } from '../../server/src/semantics/scopes';
import { withSource } from '../support/tree';

/**
 * Runs `use` while recording the text each descendantsOfType walk covers (a
 * node's, or the part of it between the points it is given): which code a
 * question made the scopes walk.
 */
function withWalksRecorded<T>(root: Node, source: string, use: (walked: readonly string[]) => T): T {
  const walked: string[] = [];
  const lineStarts = [0, ...[...source.matchAll(/\n/g)].map((match) => match.index + 1)];
  const offset = (point: Point) => lineStarts[point.row]! + point.column;
  const prototype = Object.getPrototypeOf(root) as {
    descendantsOfType: (types: unknown, start?: Point, end?: Point) => unknown;
  };
  const original = prototype.descendantsOfType;
  prototype.descendantsOfType = function (this: Node, types: unknown, start?: Point, end?: Point) {
    walked.push(start && end ? source.slice(offset(start), offset(end)) : this.text);
    return original.call(this, types, start, end);
  };
  try {
    return use(walked);
  } finally {
    prototype.descendantsOfType = original;
  }
}

test('each function, lambda, class and comprehension is a scope; its parent is where it runs', async () => {
  const source = 'def f(xs):\n    g = lambda y: [z for z in y]\n    class C:\n        w = {k: v for k, v in xs}\n';
  await withSource(source, ({ facts, node }) => {
    const scopes = facts.scopes;
    const comprehension = scopes.scopeOf(node('z', 1));
    assert.equal(comprehension.node.type, 'list_comprehension');
    assert.equal(comprehension.parent?.node.type, 'lambda');
    assert.equal(comprehension.parent?.parent?.node.type, 'function_definition');
    assert.equal(comprehension.parent?.parent?.parent?.node.type, 'module');
    const dictComprehension = scopes.scopeOf(node('v', 1));
    assert.equal(dictComprehension.node.type, 'dictionary_comprehension');
    assert.equal(dictComprehension.parent?.node.type, 'class_definition');
  });
});

test('a scope nested in a first iterable has the enclosing scope as parent', async () => {
  await withSource('def f(rows):\n    return [a for a in [b for b in rows]]\n', ({ facts, node }) => {
    const inner = facts.scopes.scopeOf(node('b', 1));
    assert.equal(inner.node.text, '[b for b in rows]');
    assert.equal(inner.parent?.node.type, 'function_definition');
    assert.equal(facts.scopes.scopeOf(node('rows', 1)).node.type, 'function_definition');
  });
});

test('bindings land in the scope that owns them', async () => {
  const source = [
    'import numpy as np',
    'def f(a, *b, c=1, **d):',
    '    e = 1',
    '    for g, (h, *i) in pairs:',
    '        pass',
    '    with open(p) as j:',
    '        pass',
    '    [k for k in a if (l := k)]',
    '    def m():',
    '        global n',
    '        nonlocal e',
    '',
  ].join('\n');
  await withSource(source, ({ facts, node }) => {
    const names = (scopeNode: string) => [...facts.scopes.scopeOf(node(scopeNode)).bindings.keys()].sort();
    assert.deepEqual(names('import numpy as np'), ['f', 'np']);
    assert.deepEqual(names('e = 1'), ['a', 'b', 'c', 'd', 'e', 'g', 'h', 'i', 'j', 'l', 'm']);
    assert.deepEqual(names('(l := k)'), ['k']);
    assert.deepEqual(names('global n'), ['e', 'n']);
  });
});

test('lookup reports where a name is bound and how', async () => {
  const source = 'import os\nx = 1\ndef f(x):\n    return x + os.sep.count(y)\n';
  await withSource(source, ({ facts, node }) => {
    const use = node('x', 2);
    const parameter = facts.lookup('x', use);
    assert.ok(parameter && parameter !== 'unknown');
    assert.equal(parameter.scope.node.type, 'function_definition');
    assert.deepEqual(
      parameter.sites.map((site) => site.kind),
      ['parameter'],
    );
    const module = facts.lookup('os', use);
    assert.ok(module && module !== 'unknown');
    assert.deepEqual(
      module.sites.map((site) => site.kind),
      ['import'],
    );
    assert.equal(facts.lookup('y', node('y')), undefined);
  });
});

test('a star import in a function makes unknown names unknown only there', async () => {
  const source = 'def f():\n    from m import *\n    return a\nb = c\n';
  await withSource(source, ({ facts, node }) => {
    assert.equal(facts.lookup('a', node('a', 0)), 'unknown');
    assert.equal(facts.lookup('c', node('c', 0)), undefined);
  });
});

test('the root is a scope even when it is not a module (broken code can make it an ERROR node)', async () => {
  await withSource('def f():\n    sum = len\n    return sum([x for x in y])\n', ({ node }) => {
    const block = node('sum', 0).parent!.parent!.parent!;
    assert.equal(block.type, 'block');
    const scopes = new Scopes(block);
    const use = node('sum', 1);
    assert.equal(scopes.scopeOf(use).node.type, 'block');
    const found = scopes.lookup('sum', use);
    assert.ok(found && found !== 'unknown', 'the local binding of sum is found, so sum is not taken for the builtin');
  });
});

test('inside a class, methods, nested classes and class-level code bind where Python binds them', async () => {
  const source = [
    'limit = 3',
    'class Outer:',
    '    size = limit',
    '    keys = [size for _ in range(2)]',
    '    def grow(self, step=lambda: size):',
    '        size = step',
    '        return size',
    '    @staticmethod',
    '    def shrink(n):',
    '        return size',
    '    class Inner:',
    '        def depth(self):',
    '            return limit',
    '',
  ].join('\n');
  await withSource(source, ({ facts, node }) => {
    const bound = (name: string, occurrence: number) => {
      const found = facts.lookup(name, node(name, occurrence));
      return found && found !== 'unknown'
        ? `${found.scope.node.type} ${found.sites.map((site) => site.kind).join(',')}`
        : found;
    };
    // A method's own binding, and its parameters, though the body was collected after its class's.
    assert.equal(bound('size', 4), 'function_definition assignment');
    assert.equal(bound('step', 1), 'function_definition parameter');
    // Class scopes enclose neither methods, nor lambdas and comprehensions in the class body.
    assert.equal(bound('size', 5), undefined);
    assert.equal(bound('size', 2), undefined);
    assert.equal(bound('size', 1), undefined);
    assert.equal(bound('limit', 1), 'module assignment');
    assert.equal(bound('limit', 2), 'module assignment');
    assert.deepEqual([...facts.scopes.scopeOf(node('size = limit')).bindings.keys()].sort(), [
      'Inner',
      'grow',
      'keys',
      'shrink',
      'size',
    ]);
    assert.equal(facts.scopes.scopeOf(node('limit', 2)).parent?.node.type, 'class_definition');
  });
});

test('a question inside one method walks that method body, not every method of its class', async () => {
  const methods = Array.from(
    { length: 5 },
    (_, index) => `    def m${index}(self, x):\n        y${index} = x\n        return y${index}\n`,
  );
  const source = `class C:\n    z = 1\n${methods.join('')}`;
  await withSource(source, ({ root, facts, node }) => {
    const walked = withWalksRecorded(root, source, (walks) => {
      const found = facts.lookup('y3', node('y3', 1));
      assert.ok(found && found !== 'unknown');
      assert.equal(found.scope.node.childForFieldName('name')?.text, 'm3');
      return walks;
    });
    assert.equal(walked.filter((text) => /y[0-9] = x/.test(text)).length, 1, `walked: ${JSON.stringify(walked)}`);
    assert.ok(
      walked.some((text) => text.startsWith('y3 = x')),
      'the body asked about was walked',
    );
  });
});

test('a name a function binds in any way is found there, though lookups of names it only calls or reads skip its walk', async () => {
  const bindings: ReadonlyArray<readonly [string, string]> = [
    ['def f(len):', 'parameter'],
    ['def f(*, len=2):', 'parameter'],
    ['def f():\n    len = 1', 'assignment'],
    ['def f():\n    len: int = 1', 'assignment'],
    ['def f():\n    a, *len = 1, 2', 'assignment'],
    ['def f():\n    for len in []: pass', 'loop'],
    ['def f():\n    with open(p) as len: pass', 'other'],
    ['def f():\n    try: pass\n    except E as len: pass', 'other'],
    ['def f():\n    if (len := 3): pass', 'assignment'],
    ['def f():\n    import len.path', 'import'],
    ['def f():\n    from m import x as len', 'import'],
    ['def f():\n    def len(x): pass', 'definition'],
    ['def f():\n    class len(object): pass', 'definition'],
    ['def f():\n    global len', 'declaration'],
    ['def f():\n    del len', 'other'],
    ['def f():\n    match x:\n        case len: pass', 'other'],
  ];
  for (const [definition, kind] of bindings) {
    const source = `${definition}\n    return len(xs)\n`;
    await withSource(source, ({ facts, node }) => {
      const calls = source.split('len(').length - 1;
      const found = facts.lookup('len', node('len', source.split('len').length - 2));
      assert.ok(found && found !== 'unknown', `${source}: len is bound in f (${calls} calls)`);
      assert.equal(found.scope.node.type, 'function_definition', source);
      assert.deepEqual(
        found.sites.map((site) => site.kind),
        [kind],
        source,
      );
    });
  }
  const unbound =
    'import numpy as np\nclass Box:\n    def size(self, xs):\n        """len(xs) for xs as len"""\n        return len(xs) + np.sum(xs[0]) + Box(xs).size([])\n';
  await withSource(unbound, ({ facts, node }) => {
    assert.equal(facts.lookup('len', node('len', 2)), undefined, 'len is the builtin');
    const np = facts.lookup('np', node('np', 1));
    assert.ok(np && np !== 'unknown');
    assert.equal(np.scope.node.type, 'module');
    const box = facts.lookup('Box', node('Box', 1));
    assert.ok(box && box !== 'unknown');
    assert.deepEqual(
      box.sites.map((site) => site.kind),
      ['definition'],
    );
  });
});

test('looking up a name a function only calls walks none of its body', async () => {
  const source =
    'import os\ndef f(rows):\n    total = len(rows)\n    return os.path.join(str(total), *[r for r in rows])\n';
  await withSource(source, ({ root, facts, node }) => {
    withWalksRecorded(root, source, (walked) => {
      const walkedBody = () => walked.some((text) => text.includes('total = len(rows)'));
      assert.equal(facts.lookup('len', node('len')), undefined);
      assert.equal(facts.lookup('str', node('str')), undefined);
      const os = facts.lookup('os', node('os', 1));
      assert.ok(os && os !== 'unknown');
      assert.deepEqual(
        os.sites.map((site) => site.kind),
        ['import'],
      );
      assert.equal(walkedBody(), false, `walked: ${JSON.stringify(walked)}`);
      // `total` is bound in f: its lookup walks f's body.
      const total = facts.lookup('total', node('total', 1));
      assert.ok(total && total !== 'unknown');
      assert.equal(total.scope.node.type, 'function_definition');
      assert.equal(walkedBody(), true);
    });
  });
});

test("a bare name in a case pattern captures; a dotted one, the wildcard and a class pattern's class bind nothing", async () => {
  const source =
    'def f(subject):\n    match subject:\n        case Color.RED: pass\n        case Point(x=rest): pass\n        case [first, *others]: pass\n        case (other, _): pass\n        case _: pass\n';
  await withSource(source, ({ facts, node }) => {
    const names = [...facts.scopes.scopeOf(node('pass')).bindings.keys()].sort();
    assert.deepEqual(names, ['first', 'other', 'others', 'rest', 'subject']);
  });
});

test('module-level statements are walked when a name they may bind is looked up or something in them is asked about', async () => {
  const source = [
    'import os',
    'TABLE = {"a": [1, 2], "b": [3]}',
    'keys = [k for k in TABLE]',
    'def f(rows):',
    '    return len(rows) + LIMIT + os.sep.count(size())',
    'LIMIT = 10',
    'LIMIT = LIMIT * 2',
    'size = None',
    'def size():',
    '    return 0',
    '',
  ].join('\n');
  await withSource(source, ({ root, facts, node }) => {
    withWalksRecorded(root, source, (walked) => {
      const walkedTable = () => walked.some((text) => text.includes('TABLE = {'));
      const walkedLimit = () => walked.some((text) => text.includes('LIMIT = 10'));
      assert.equal(facts.lookup('len', node('len')), undefined);
      assert.equal(walkedTable() || walkedLimit(), false, `walked: ${JSON.stringify(walked)}`);
      const limit = facts.lookup('LIMIT', node('LIMIT'));
      assert.ok(limit && limit !== 'unknown');
      assert.equal(limit.scope.node.type, 'module');
      assert.deepEqual(
        limit.sites.map((site) => site.node.parent?.text),
        ['LIMIT = 10', 'LIMIT = LIMIT * 2'],
      );
      assert.equal(walkedTable(), false, 'the run that cannot bind LIMIT waits');
      // `import os` binds os: `os.sep` in an import's text is no mere attribute read.
      const os = facts.lookup('os', node('os', 1));
      assert.ok(os && os !== 'unknown');
      assert.deepEqual(
        os.sites.map((site) => site.kind),
        ['import'],
      );
      assert.equal(walkedTable(), true);
    });
    // A comprehension in a run is a scope as soon as something in it is asked about.
    assert.equal(facts.scopes.scopeOf(node('k', 2)).node.type, 'list_comprehension');
    // A run collected after the definitions that follow it: the sites stay in document order.
    const size = facts.lookup('size', node('size', 1));
    assert.ok(size && size !== 'unknown');
    assert.deepEqual(
      size.sites.map((site) => site.kind),
      ['assignment', 'definition'],
    );
  });
});

test('a comprehension in a module-level statement is a scope even when asked about first', async () => {
  const source = 'TABLE = {"a": 1}\nkeys = [k for k in TABLE]\ndef f():\n    return 1\n';
  await withSource(source, ({ facts, node }) => {
    assert.equal(facts.scopes.scopeOf(node('k', 2)).node.type, 'list_comprehension');
    const found = facts.lookup('k', node('k', 2));
    assert.ok(found && found !== 'unknown');
    assert.equal(found.scope.node.type, 'list_comprehension');
  });
});

test('a star import at module level leaves names not bound elsewhere unknown', async () => {
  const source = 'from shapes import *\nx = 1\ndef f():\n    return Circle(x)\n';
  await withSource(source, ({ facts, node }) => {
    assert.equal(facts.lookup('Circle', node('Circle')), 'unknown');
    const x = facts.lookup('x', node('x', 1));
    assert.ok(x && x !== 'unknown');
    assert.equal(x.scope.node.type, 'module');
  });
});
