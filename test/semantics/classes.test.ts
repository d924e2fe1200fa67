import assert from 'node:assert/strict';
import { test } from 'node:test';
import { derivesFrom } from '../../server/src/semantics/classes';
import { withSource } from '../support/tree';

const ENUMS = new Set(['enum.Enum', 'enum.IntEnum']);
const META = new Set(['enum.EnumMeta']);

test('derivesFrom follows imports, aliases, local base classes and metaclass=', async () => {
  const source = [
    'import enum as e',
    'from enum import IntEnum',
    'class A(e.Enum): pass',
    'class B(str, IntEnum): pass',
    'class C(A): pass',
    'class D(C): pass',
    'class E(metaclass=e.EnumMeta): pass',
    'class F(Base): pass',
    'class G(object): pass',
    'class H(H): pass',
  ].join('\n');
  await withSource(source, ({ root, facts }) => {
    const classes = root.descendantsOfType('class_definition');
    const verdicts = classes.map(
      (node) => `${node.childForFieldName('name')!.text}:${derivesFrom(node, facts, ENUMS, META)}`,
    );
    assert.deepEqual(verdicts, ['A:true', 'B:true', 'C:true', 'D:true', 'E:true', 'F:false', 'G:false', 'H:false']);
  });
});
