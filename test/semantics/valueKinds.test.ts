import assert from 'node:assert/strict';
import { test } from 'node:test';
import { valueKind } from '../../server/src/semantics/valueKinds';
import { withSource } from '../support/tree';

const UNPROVEN = ['name', 'f(x)', '1 + 2.0', '"x" if c else 1', 'obj.attr', 'x.upper()', '[1] + x', 'x % y', 'x[1]'];

test('valueKind leaves unknown names, calls and mixed operands unproven', async () => {
  for (const expression of UNPROVEN) {
    await withSource(`value = ${expression}\n`, ({ find, facts }) => {
      assert.equal(valueKind(find('assignment').childForFieldName('right')!, facts), undefined, expression);
    });
  }
});

test('valueKind follows assumptions about names and respects shadowed builtins', async () => {
  await withSource('value = s + b"x"\nother = s.strip()\n', ({ find, facts }) => {
    const assumed = (identifier: { text: string }) => (identifier.text === 's' ? ('bytes' as const) : undefined);
    assert.equal(valueKind(find('binary_operator'), facts, assumed), 'bytes');
    assert.equal(valueKind(find('call'), facts, assumed), 'bytes');
    assert.equal(valueKind(find('call'), facts), undefined);
  });
  await withSource('def str(x):\n    return x\nvalue = str(1)\n', ({ find, facts }) => {
    assert.equal(valueKind(find('call', 'str(1)'), facts), undefined);
  });
});
