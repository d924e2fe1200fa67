// The names a module binds at top level, checked against Python's own symbol
// table (this runs python3; the rest is in moduleLevelNames.test.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { moduleLevelNames } from '../../server/src/semantics/moduleLevelNames';
import { topLevelNodes } from '../../server/src/document/moduleParts';
import { parse, pythonParser } from '../../server/src/document/parser';
import { runPythonJson } from '../support/python';

/** The names Python's own symbol table binds at module level: assigned, imported or defined there, or declared global and assigned in a function. */
const PYTHON_MODULE_BINDINGS = `
import json, symtable, sys
def bound(source):
    table = symtable.symtable(source, "<case>", "exec")
    names = {s.get_name() for s in table.get_symbols() if s.is_assigned() or s.is_imported() or s.is_namespace()}
    def declared(scope):
        for child in scope.get_children():
            names.update(s.get_name() for s in child.get_symbols() if s.is_declared_global() and s.is_assigned())
            declared(child)
    declared(table)
    return sorted(names)
print(json.dumps([bound(source) for source in json.load(sys.stdin)]))
`;

const CASES: readonly string[] = [
  'def plain(a, b=1):\n    local = a\n    return local\n',
  'class Plain(Base, metaclass=Meta):\n    attribute = 1\n    def method(self):\n        pass\n',
  '@decorator(option=True)\ndef decorated():\n    pass\n',
  'def with_walrus(a=(default := 3)):\n    return a\n',
  '@register(handler := make())\nclass Decorated:\n    pass\n',
  'def with_lambda(key=lambda item: item.size, rows=[row for row in range(3)]):\n    pass\n',
  'def declares():\n    global counter\n    counter = 1\n',
  'import os.path as osp\nfrom collections import deque as queue, Counter\n',
  'for index, value in enumerate(rows):\n    total = value\nwith open(path) as handle:\n    text = handle.read()\n',
  'if ready:\n    def inside_if():\n        inner = 1\nelse:\n    fallback = 2\n',
  'try:\n    import numpy\nexcept ImportError as error:\n    numpy = None\n',
];

test('a module binds at least the names Python binds there, and a definition with a plain header no more than its name', async () => {
  const expected = runPythonJson<string[][]>(PYTHON_MODULE_BINDINGS, CASES);
  const parser = await pythonParser();
  CASES.forEach((source, index) => {
    const tree = parse(parser, source);
    try {
      const found = moduleLevelNames(topLevelNodes(tree.rootNode));
      const missing = expected[index]!.filter((name) => !found.has(name));
      assert.deepEqual(missing, [], `case ${index}: ${JSON.stringify(source)}`);
      // Imports may add their every word (an alias is found by the name it imports); nothing else is extra.
      if (!source.includes('import'))
        assert.deepEqual([...found].sort(), expected[index], `case ${index}: ${JSON.stringify(source)}`);
    } finally {
      tree.delete();
    }
  });
});
