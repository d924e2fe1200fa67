import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isField } from '../../server/src/semantics/syntax';
import { withSource } from '../support/tree';

test("isField knows every child of a field, also of one that holds several (a subscript's keys, an import's names)", async () => {
  await withSource('x = v[1, 2]\nfrom m import a, b\n', ({ find, node }) => {
    const assignment = find('assignment');
    assert.equal(isField(assignment, 'left', node('x')), true);
    assert.equal(isField(assignment, 'right', node('x')), false);
    const subscript = find('subscript');
    assert.deepEqual(
      ['1', '2', 'v'].map((key) => isField(subscript, 'subscript', node(key))),
      [true, true, false],
    );
    const imported = find('import_from_statement');
    const [module, a, b] = imported.descendantsOfType('dotted_name');
    assert.deepEqual(
      [a, b, module].map((name) => isField(imported, 'name', name!)),
      [true, true, false],
    );
  });
});
