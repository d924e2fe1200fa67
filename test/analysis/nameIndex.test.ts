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

test('one search for many tokens finds what a search per token finds, in the module and inside a statement', async () => {
  const parser = await pythonParser();
  const text = [
    'import read',
    'def readlines(path):',
    '    for line in open(path).readlines():  # for read',
    '        read = line.read',
    '    return "for readlines" + read',
    'class reader:',
    '    match = [x for x in range(3)]',
    'match command:',
    '    case [read]:',
    '        pass',
    'readlines',
  ].join('\n');
  const requests = [
    { text: 'for', type: 'for' },
    { text: 'read', type: 'identifier' },
    { text: 'readlines', type: 'identifier' },
    { text: 'match', type: 'identifier' },
    { text: 'match', type: 'match' },
    { text: 'class', type: 'class' },
    { text: 'range', type: 'identifier' },
    { text: 'absent', type: 'identifier' },
  ];
  const tree = parse(parser, text);
  try {
    const spans = (nodes: readonly { startIndex: number; endIndex: number }[]) => nodes.map((node) => `${node.startIndex}-${node.endIndex}`);
    const function_ = tree.rootNode.namedChild(1)!;
    for (const within of [tree.rootNode, function_]) {
      const searchedTogether = new NameIndex(tree.rootNode);
      searchedTogether.searchTokens(requests, within);
      for (const { text: token, type } of requests) {
        const searchedAlone = new NameIndex(tree.rootNode).tokens(token, type, within);
        assert.deepEqual(spans(searchedTogether.tokens(token, type, within)), spans(searchedAlone), `${type} ${token} in ${within.type}`);
      }
    }
    // The soft keyword and the name are told apart, and a statement's last word is found at its very end.
    const names = new NameIndex(tree.rootNode);
    names.searchTokens(requests, tree.rootNode);
    assert.equal(names.tokens('match', 'match', tree.rootNode).length, 1);
    assert.equal(names.tokens('match', 'identifier', tree.rootNode).length, 1);
    assert.equal(names.tokens('readlines', 'identifier', tree.rootNode).length, 3);
  } finally {
    tree.delete();
  }
});
