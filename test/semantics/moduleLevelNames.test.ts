import assert from 'node:assert/strict';
import { test } from 'node:test';
import { moduleLevelNames, statementBinders } from '../../server/src/semantics/moduleLevelNames';
import { OUTER_BINDERS } from '../../server/src/semantics/bindings';
import { topLevelNodes } from '../../server/src/document/moduleParts';
import { parse, pythonParser } from '../../server/src/document/parser';
import { corpus, ruleFixtureCorpus } from '../reliability/fuzz';

test('a definition whose header is broken is still searched for what it binds', async () => {
  const tree = parse(await pythonParser(), 'def broken(a=(x := 1):\n    pass\ny = 2\n');
  try {
    assert.ok(tree.rootNode.hasError);
    assert.ok(moduleLevelNames(topLevelNodes(tree.rootNode)).has('y'));
  } finally {
    tree.delete();
  }
});

test('the binders of an expression statement, found along its assignments, are those a walk of it finds', async () => {
  const parser = await pythonParser();
  const binderTypes = Object.keys(OUTER_BINDERS);
  const ids = (nodes: readonly { readonly id: number }[]) => nodes.map((node) => node.id);
  const chained = 'a = b = (c, d)\nx: int = 1\nx += y\nf(a := 1)\nwith_ = (a as b)\n"docstring"\n';
  let statements = 0;
  for (const file of [{ name: 'chained', text: chained }, ...ruleFixtureCorpus(), ...corpus(['tkinter/__init__.py'])]) {
    const tree = parse(parser, file.text);
    try {
      for (const statement of tree.rootNode.descendantsOfType('expression_statement')) {
        statements++;
        assert.deepEqual(
          ids(statementBinders(statement)),
          ids(statement.descendantsOfType(binderTypes)),
          `${file.name}: ${statement.text}`,
        );
      }
    } finally {
      tree.delete();
    }
  }
  assert.ok(statements > 1000, `${statements} expression statements`);
});
