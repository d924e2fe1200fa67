import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isAssignmentTarget } from '../../server/src/semantics/assignmentTargets';
import { usageOf } from '../../server/src/semantics/valueUses';
import { parsed } from '../support/tree';

/** How each occurrence of the identifier `v` in the source is used. */
async function usesOfV(source: string): Promise<string[]> {
  const { tree, facts } = await parsed(source);
  const kinds: string[] = [];
  const visit = (node: import('web-tree-sitter').Node): void => {
    if (node.type === 'identifier' && node.text === 'v') {
      const use = usageOf(node, facts);
      kinds.push(
        use.kind === 'argument'
          ? `argument ${use.callee}#${use.position}/${use.positionalCount}`
          : use.kind === 'method'
            ? `method ${use.name}`
            : use.kind,
      );
    }
    for (const child of node.namedChildren) if (child) visit(child);
  };
  visit(tree.rootNode);
  return kinds;
}

test('usageOf tells iteration, indexing, slicing, membership and methods apart', async () => {
  assert.deepEqual(await usesOfV('for x in v: pass'), ['iterated']);
  assert.deepEqual(await usesOfV('for x in (v): pass'), ['iterated']);
  assert.deepEqual(await usesOfV('[x for x in v]'), ['iterated']);
  assert.deepEqual(await usesOfV('f(*v)\n[*v]'), ['iterated', 'iterated']);
  assert.deepEqual(await usesOfV('v[0]\nv[1:2]\nv[1, 2]'), ['indexed', 'sliced', 'other']);
  assert.deepEqual(await usesOfV('a in v\na not in v\nv in a\na in v == b'), [
    'membership',
    'membership',
    'other',
    'other',
  ]);
  assert.deepEqual(await usesOfV('v.index(1)\nv.count\n'), ['method index', 'other']);
});

test('usageOf gives the callee and position of a plain argument', async () => {
  assert.deepEqual(await usesOfV('len(v)\nmax(v, default=0)\nmin(a, v)\nf(key=v)\nf(*a, v)'), [
    'argument builtins.len#0/1',
    'argument builtins.max#0/1',
    'argument builtins.min#1/2',
    'other',
    'other',
  ]);
});

test('usageOf reports writes and everything else as other', async () => {
  assert.deepEqual(
    await usesOfV('v[0] = 1\ndel v[0]\nv[0] += 1\nreturn v\nprint(v == w)\nasync def g():\n    async for x in v: pass'),
    ['other', 'other', 'other', 'other', 'other', 'other'],
  );
});

test('isAssignmentTarget follows tuple targets, for targets, with targets and del', async () => {
  const { at } = await parsed('a[0], b = 1, 2\nfor c[0] in d: pass\nwith e as f[0]: pass\ndel g[0], h\ni = j[0]\n');
  for (const target of ['a[0]', 'c[0]', 'f[0]', 'g[0]'])
    assert.equal(isAssignmentTarget(at(target, 0, 'subscript')), true, target);
  assert.equal(isAssignmentTarget(at('j[0]', 0, 'subscript')), false);
});
