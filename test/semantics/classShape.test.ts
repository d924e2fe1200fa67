import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classShape } from '../../server/src/semantics/classShape';
import { withSource } from '../support/tree';

test('a dataclass: fields leave out ClassVar, InitVar and KW_ONLY; __init__ takes the InitVars too; __post_init__ adds attributes', async () => {
  const source = [
    'import dataclasses as dc',
    'from typing import ClassVar',
    '@dc.dataclass(frozen=True)',
    'class D:',
    '    a: int',
    '    count: ClassVar[int] = 0',
    '    seed: dc.InitVar[int] = 1',
    '    _: dc.KW_ONLY',
    '    b: str = "x"',
    '    def __post_init__(self, seed):',
    '        object.__setattr__(self, "total", seed)',
  ].join('\n');
  await withSource(source, ({ find, facts }) => {
    const shape = classShape(find('class_definition'), facts);
    assert.deepEqual(shape.fields, ['a', 'b']);
    assert.deepEqual(
      shape.initParameters.map((parameter) => `${parameter.name}=${parameter.default?.text ?? ''}`),
      ['a=', 'seed=1', 'b="x"'],
    );
    assert.deepEqual(shape.setByInit, ['a', 'b']);
    assert.deepEqual(shape.attributes, ['a', 'b', 'total']);
    assert.equal(shape.slotted, false);
  });
});

test('slots: listed in __slots__, or by @dataclass(slots=True); a plain class: what its methods set on self', async () => {
  const source = [
    'from dataclasses import dataclass',
    'class S:',
    '    __slots__ = ("x", r"y")',
    '@dataclass(slots=True)',
    'class P:',
    '    x: int',
    'class Plain:',
    '    def __init__(self, a):',
    '        self.a, self.b = a, a',
    '        def later():',
    '            self.c = 1',
    '    def more(self):',
    '        setattr(self, "d", 1)',
    '    @staticmethod',
    '    def other(self):',
    '        self.e = 1',
  ].join('\n');
  await withSource(source, ({ root, facts }) => {
    const [s, p, plain] = root.descendantsOfType('class_definition').map((node) => classShape(node!, facts));
    assert.deepEqual([s!.attributes, s!.slotted], [['x', 'y'], true]);
    assert.deepEqual([p!.attributes, p!.slotted], [['x'], true]);
    assert.deepEqual(plain!.setByInit, ['a', 'b', 'c']);
    assert.deepEqual([plain!.attributes, plain!.slotted], [['a', 'b', 'c', 'd'], false]);
  });
});
