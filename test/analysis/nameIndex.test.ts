// What the name index answers from the text and the tree: import aliases.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NameIndex } from '../../server/src/analysis/nameIndex';
import { parse, pythonParser } from '../../server/src/parser';

test('importedAs gives what each alias imports, and nothing for other uses of `as`', async () => {
  const parser = await pythonParser();
  const text = [
    'import numpy.core as nc',
    'from pandas import read_csv as rc, concat',
    'def f():',
    '    from numpy import append as ap, vstack as rc',
    'with open(x) as handle:',
    '    pass',
    'try:',
    '    pass',
    'except OSError as error:',
    '    pass',
    's = "as"  # as',
    'has_as = alias',
  ].join('\n');
  const tree = parse(parser, text);
  try {
    const names = new NameIndex(tree.rootNode);
    assert.deepEqual(names.importedAs('nc'), ['core']);
    assert.deepEqual(names.importedAs('rc'), ['read_csv', 'vstack']);
    assert.deepEqual(names.importedAs('ap'), ['append']);
    for (const other of ['handle', 'error', 'concat', 's', 'alias']) assert.deepEqual(names.importedAs(other), [], other);
  } finally {
    tree.delete();
  }
});
