// One table says where statements write: the questions "is this written?"
// (isAssignmentTarget), "what does this statement write?" (assignmentTargetsOf)
// and "does this code change the value?" (valueChanges.useOf) all read it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  assignmentTargetsOf,
  isAssignmentTarget,
  TARGET_OWNER_TYPES,
} from '../../server/src/semantics/assignmentTargets';
import { useOf } from '../../server/src/semantics/valueChanges';
import { withSource } from '../support/tree';

const SOURCE = [
  'a[0], (b.x, *c[1]) = v',
  'd[0] += 1',
  'e.y: int = 2',
  'for f[0], g in v: pass',
  '[0 for h.z in v]',
  'with open(p) as (i[0], j): pass',
  'del k[0], l.w',
  'm = n[0], o.u',
  'print(q[0])',
].join('\n');
const WRITTEN = ['a[0]', 'b.x', 'c[1]', 'd[0]', 'e.y', 'f[0]', 'g', 'h.z', 'i[0]', 'j', 'k[0]', 'l.w', 'm'];

test('isAssignmentTarget accepts exactly what assignmentTargetsOf lists, through every kind of container', async () => {
  await withSource(SOURCE, ({ root }) => {
    const listed = root
      .descendantsOfType(TARGET_OWNER_TYPES as string[])
      .flatMap((owner) => assignmentTargetsOf(owner!).map((target) => target.text));
    assert.deepEqual(listed, WRITTEN);
    const accepted = root
      .descendantsOfType(['identifier', 'subscript', 'attribute'])
      .filter((node) => isAssignmentTarget(node!));
    assert.deepEqual(
      [...new Set(accepted.map((node) => node!.text))].filter((text) => WRITTEN.includes(text)).sort(),
      [...WRITTEN].sort(),
    );
    for (const read of ['n[0]', 'o.u', 'q[0]', 'v', 'p'])
      assert.ok(!accepted.some((node) => node!.text === read), read);
  });
});

test('a value deleted from in a `del` of several targets is changed, as in a `del` of one', async () => {
  await withSource('xs = [1]\nys = [2]\ndel xs[0], ys[0]\ndel xs[0]\n', ({ root, facts }) => {
    const deleted = root
      .descendantsOfType('delete_statement')
      .flatMap((statement) => statement!.descendantsOfType('identifier').filter((name) => name!.text === 'xs'));
    assert.deepEqual(
      deleted.map((name) => useOf(name!, facts)),
      ['change', 'change'],
    );
  });
});
