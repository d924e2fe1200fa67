// What the name index answers from the text and the tree: import aliases.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NameIndex } from '../../server/src/semantics/nameIndex';
import { withSource } from '../support/tree';

/** Runs `use` with the name index of the lines. */
function withNames(lines: readonly string[], use: (names: NameIndex) => void): Promise<void> {
  return withSource(lines.join('\n'), ({ tree }) => use(new NameIndex(tree.rootNode)));
}

test('importedAs gives what each alias imports, and nothing for other uses of `as`', async () => {
  const lines = [
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
  ];
  await withNames(lines, (names) => {
    assert.deepEqual(names.importedAs('nc'), ['core']);
    assert.deepEqual(names.importedAs('rc'), ['read_csv', 'vstack']);
    assert.deepEqual(names.importedAs('ap'), ['append']);
    for (const other of ['handle', 'error', 'concat', 's', 'alias'])
      assert.deepEqual(names.importedAs(other), [], other);
  });
});

test('importedAs finds aliases however the import is laid out', async () => {
  const lines = [
    'import numpy as np; import os',
    'from m import (a as b,',
    '    c as d  # the second',
    ')',
    'from m import (e as',
    '    # the name follows',
    '    f)',
    'from m import g as \\',
    '    h',
    'try: import cPickle as pickle',
    'except ImportError: pass',
    'import numpy as número',
    'with open(p) as fh, open(q) as gh:',
    '    pass',
    'import pandas as pd',
  ];
  await withNames(lines, (names) => {
    const expected: ReadonlyArray<readonly [string, readonly string[]]> = [
      ['np', ['numpy']],
      ['b', ['a']],
      ['d', ['c']],
      ['f', ['e']],
      ['h', ['g']],
      ['pickle', ['cPickle']],
      ['número', ['numpy']],
      ['pd', ['pandas']],
      ['fh', []],
      ['gh', []],
    ];
    for (const [alias, imported] of expected) assert.deepEqual(names.importedAs(alias), imported, alias);
  });
});

test('one search for many tokens finds what a search per token finds, in the module and inside a statement', async () => {
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
  await withSource(text, ({ tree }) => {
    const spans = (nodes: readonly { startIndex: number; endIndex: number }[]) =>
      nodes.map((node) => `${node.startIndex}-${node.endIndex}`);
    const function_ = tree.rootNode.namedChild(1)!;
    for (const within of [tree.rootNode, function_]) {
      const searchedTogether = new NameIndex(tree.rootNode);
      searchedTogether.searchTokens(requests, within);
      for (const { text: token, type } of requests) {
        const searchedAlone = new NameIndex(tree.rootNode).tokens(token, type, within);
        assert.deepEqual(
          spans(searchedTogether.tokens(token, type, within)),
          spans(searchedAlone),
          `${type} ${token} in ${within.type}`,
        );
      }
    }
    // The soft keyword and the name are told apart, and a statement's last word is found at its very end.
    const names = new NameIndex(tree.rootNode);
    names.searchTokens(requests, tree.rootNode);
    assert.equal(names.tokens('match', 'match', tree.rootNode).length, 1);
    assert.equal(names.tokens('match', 'identifier', tree.rootNode).length, 1);
    assert.equal(names.tokens('readlines', 'identifier', tree.rootNode).length, 3);
  });
});

test('tokens after and between the words of a docstring, a comment or an f-string are found, those inside them not', async () => {
  const text = [
    'def f(rows):',
    '    """Sums for each row, for speed: for x in rows."""',
    '    label = f"for {sum(y for y in rows)} for {len(rows)!r:>{width}} for"  # for for',
    '    for row in rows:  # for',
    '        pass',
    '    return [z for z in rows], f"{len(rows)} for"',
  ].join('\n');
  await withSource(text, ({ tree }) => {
    const names = new NameIndex(tree.rootNode);
    const starts = (nodes: readonly { startIndex: number }[]) => nodes.map((node) => node.startIndex);
    const expected = (word: string, occurrences: number[]) =>
      occurrences.map((occurrence) => {
        let at = -1;
        for (let seen = 0; seen <= occurrence; seen++) at = text.indexOf(word, at + 1);
        return at;
      });
    // Occurrences of `for`: 0–2 in the docstring, 3, 5, 6 and 12 in f-strings' text, 7, 8 and 10 in comments.
    assert.deepEqual(starts(names.tokens('for', 'for', tree.rootNode)), expected('for', [4, 9, 11]));
    assert.deepEqual(starts(names.spellings('len', tree.rootNode)), expected('len', [0, 1]));
    assert.deepEqual(starts(names.spellings('width', tree.rootNode)), expected('width', [0]));
    names.searchTokens(
      [
        { text: 'for', type: 'for' },
        { text: 'len', type: 'identifier' },
      ],
      tree.rootNode.child(0)!,
    );
    assert.deepEqual(starts(names.tokens('for', 'for', tree.rootNode.child(0)!)), expected('for', [4, 9, 11]));
    assert.deepEqual(starts(names.tokens('len', 'identifier', tree.rootNode.child(0)!)), expected('len', [0, 1]));
  });
});
