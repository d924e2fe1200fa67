import assert from 'node:assert/strict';
import { test } from 'node:test';
import { moduleLevelNames } from '../../server/src/semantics/moduleLevelNames';
import { topLevelNodes } from '../../server/src/document/moduleParts';
import { parse, pythonParser } from '../../server/src/document/parser';

test('a definition whose header is broken is still searched for what it binds', async () => {
  const tree = parse(await pythonParser(), 'def broken(a=(x := 1):\n    pass\ny = 2\n');
  try {
    assert.ok(tree.rootNode.hasError);
    assert.ok(moduleLevelNames(topLevelNodes(tree.rootNode)).has('y'));
  } finally {
    tree.delete();
  }
});
