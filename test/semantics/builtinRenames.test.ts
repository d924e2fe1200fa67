// Whether a text's imports from builtins can rename a given builtin.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mayRenameBuiltin } from '../../server/src/semantics/builtinRenames';
import { TEXT_BUILTINS } from '../../server/src/semantics/valueKinds';
import { withSource } from '../support/tree';

test('a statement that spells builtins may rename the builtins it names, and only those', () => {
  const renames = [
    'from builtins import str as text',
    'from builtins import (\n    open,\n    str as text,\n)',
    'from builtins import open, \\\n    repr as r',
    'import builtins; from builtins import bytes as b',
    'text = builtins.str',
  ];
  for (const source of renames) assert.equal(mayRenameBuiltin(source, TEXT_BUILTINS), true, source);
  const none = [
    'x = 1',
    'from builtins import open as bltn_open\nstr(x)',
    'import builtins\ns = str(x)',
    'from builtins import open as o; s = str(x)',
    'from my_builtins import str as s',
  ];
  for (const source of none) assert.equal(mayRenameBuiltin(source, TEXT_BUILTINS), false, source);
  assert.equal(mayRenameBuiltin('from builtins import object as Base', ['object']), true);
  assert.equal(mayRenameBuiltin('from builtins import object as Base', TEXT_BUILTINS), false);
});

test('the facts answer per builtin: an alias qualifiedName resolves to a builtin is one the check names', async () => {
  // Every alias bound to a text builtin here is one the check says may be renamed.
  const source = 'from builtins import open as o, str as text\nimport builtins\na = text(1)\nb = o(p)\n';
  await withSource(source, ({ facts, root }) => {
    const aliases = root
      .descendantsOfType('call')
      .map((call) => facts.qualifiedName(call!.childForFieldName('function')!));
    assert.deepEqual(aliases, ['builtins.str', 'builtins.open']);
    assert.equal(facts.mayRenameBuiltins(['str']), true);
    assert.equal(facts.mayRenameBuiltins(['repr']), false);
    assert.equal(facts.mayRenameBuiltins(['open']), true);
  });
});
