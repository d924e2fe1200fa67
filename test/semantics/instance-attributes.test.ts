import assert from 'node:assert/strict';
import { test } from 'node:test';
import { attributeWrites, type Receiver } from '../../server/src/semantics/instanceAttributes';
import { withSource } from '../support/tree';

function describe(receiver: Receiver): string {
  if (receiver.kind === 'unknown') return 'unknown';
  const owner = receiver.owner.childForFieldName('name')!.text;
  return receiver.kind === 'instance' ? `${owner}.${receiver.method}` : `class ${owner}`;
}

/** The source's attribute writes, each as `name on receiver` (`*` when any attribute may be set). */
async function describedWrites(source: string): Promise<string[]> {
  return withSource(source, ({ facts }) =>
    attributeWrites(facts).map((write) => `${write.name ?? '*'} on ${describe(write.receiver)}`),
  );
}

test('attributeWrites finds every way of setting an attribute, and whose object it is', async () => {
  const source = [
    'import functools',
    'class A:',
    '    def __init__(self, other):',
    '        self.x = 1',
    '        self.y += 1',
    '        self.a, (self.b, other.c) = 1, (2, 3)',
    '        for self.i in range(3): pass',
    '        del self.gone',
    '        def inner():',
    '            self.late = 1',
    '        setattr(self, "named", 1)',
    '        setattr(self, name, 1)',
    '        object.__setattr__(self, "frozen", 1)',
    '    @classmethod',
    '    def make(cls):',
    '        cls.count = 0',
    '    @staticmethod',
    '    def helper(self):',
    '        self.s = 1',
    '    def dump(me):',
    '        return me.__dict__, vars(me), vars()',
    '    def reads(self):',
    '        return self.x, self.y',
    'def outside(a):',
    '    a.z = 1',
    '    self = a',
    '    self.w = 1',
  ].join('\n');
  assert.deepEqual(await describedWrites(source), [
    'x on A.__init__',
    'y on A.__init__',
    'a on A.__init__',
    'b on A.__init__',
    'c on unknown',
    'i on A.__init__',
    'gone on A.__init__',
    'late on A.__init__',
    'named on A.__init__',
    '* on A.__init__',
    'frozen on A.__init__',
    'count on class A',
    's on unknown',
    '* on A.dump',
    '* on A.dump',
    'z on unknown',
    'w on unknown',
  ]);
});

test('attributeWrites finds writes however they are spelled: nested targets, aliases of the builtins, f-strings', async () => {
  const source = [
    'from builtins import setattr as put, vars as namespace',
    'import builtins as b',
    'class P:',
    '    def __init__(self, x):',
    '        self.x: int = x',
    '        self.a = self.b = 1',
    '        [self.e, *self.f] = (self.g) = 3, 4',
    '        with open(x) as self.j, open(x) as (self.k, self.l): pass',
    '        del (self.o)',
    '        [0 for self.p in range(2)]',
    '        self.__dict__ = {}',
    '        self.__dict__.q = 1',
    '        put(self, "r", 1)',
    '        namespace(self)',
    '        b.setattr(self, "s", 2)',
    '        print(f"{vars(self)}")',
    '        self.y[0] = self.z.w = self.read.method()',
  ].join('\n');
  const init = (names: string) => names.split(' ').map((name) => `${name} on P.__init__`);
  assert.deepEqual(await describedWrites(source), [
    ...init('x a b e f g j k l o p *'),
    // `self.__dict__.q` before the `self.__dict__` it starts with.
    'q on unknown',
    ...init('* r * s *'),
    'w on unknown',
  ]);
});
