import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  calleeCall,
  isField,
  leadingSplat,
  parenthesesAround,
  unparenthesized,
} from '../../server/src/semantics/syntax';
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

test('parenthesesAround goes up through redundant parentheses, unparenthesized back down', async () => {
  await withSource('a = set((([x for x in xs])))\nb = (1, [y])\nc = (  # why\n    z\n)\n', ({ find, node }) => {
    const comprehension = find('list_comprehension');
    const outer = parenthesesAround(comprehension);
    assert.equal(outer.text, '(([x for x in xs]))');
    assert.equal(outer.parent?.type, 'argument_list');
    assert.equal(unparenthesized(outer).id, comprehension.id);
    // A tuple's items and parentheses that hold a comment are not redundant parentheses.
    assert.equal(parenthesesAround(node('[y]')).text, '[y]');
    assert.equal(parenthesesAround(node('z')).text, 'z');
  });
});

test('calleeCall finds the call of a callee in parentheses', async () => {
  await withSource('for i in (list)(items):\n    pass\n((f.g))(1)\n', ({ node }) => {
    assert.equal(calleeCall(node('list'))?.text, '(list)(items)');
    assert.equal(calleeCall(node('g'))?.text, '((f.g))(1)');
    assert.equal(calleeCall(node('items')), undefined);
  });
});

test("leadingSplat finds the star tree-sitter puts down a starred item's left end", async () => {
  // No node spans `x.y` of `*x.y`: tree-sitter parses it as the attribute `y` of `*x`.
  await withSource('a = [*xs]\nb = [*x.y]\nc = [*f(1)[0]]\nd = [x.y]\n', ({ find }) => {
    const [plain, attribute, call, unstarred] = find('module')
      .descendantsOfType('list')
      .map((display) => display!.namedChild(0)!);
    assert.equal(leadingSplat(plain!)?.text, '*xs');
    assert.equal(leadingSplat(attribute!)?.text, '*x');
    assert.equal(leadingSplat(call!)?.text, '*f');
    assert.equal(leadingSplat(unstarred!), undefined);
  });
});
