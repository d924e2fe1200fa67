// The limits memhints checks before parsing and analysing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  MAX_BRACKET_DEPTH,
  MAX_INDENT_LEVELS,
  MAX_TREE_DEPTH,
  treeDepthOver,
  whyNotAnalysed,
  whyNotParsed,
} from '../../server/src/document/limits';
import { textNesting } from '../../server/src/document/textNesting';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Edit, parse, pythonParser, type Node } from '../../server/src/document/parser';
import { FIXTURES } from '../support/paths';

const RULE_FIXTURES = join(FIXTURES, 'rules');

const ifBlocks = (depth: number, unit: string) =>
  Array.from({ length: depth }, (_, i) => `${unit.repeat(i)}if x:\n`).join('');
const indented = (levels: number, unit = ' ') => `${ifBlocks(levels + 1, unit)}${unit.repeat(levels + 1)}pass\n`;

test('indentation levels are counted as Python counts them', () => {
  assert.equal(textNesting(indented(3)).indentLevels, 4);
  assert.equal(textNesting(indented(3, '\t')).indentLevels, 4);
  // Lines inside brackets, strings, after a backslash, blank or comment lines do not count.
  const text =
    'x = (\n        1,\n    2)\ns = """\n            a\n"""\ny = 1 + \\\n        2\n\n            # c\nz = 3\n';
  assert.deepEqual(textNesting(text), { indentLevels: 0, bracketDepth: 1, endsOpen: false });
});

test('brackets in strings and comments are not counted', () => {
  assert.equal(textNesting('s = "((((" + \'[[[\' + """{{{\n((("""  # ((((\nt = ((1))\n').bracketDepth, 2);
  assert.equal(textNesting('s = "\\"(((("\n').bracketDepth, 0);
  // In `"""a\"""((b\\"""`, the first quote after `a` is escaped, and so is the backslash before the last three.
  assert.equal(textNesting('s = """a\\"""((b\\\\"""\n[[[\n').bracketDepth, 3, 'escapes in a triple-quoted string');
});

test("Python's own limits decide what is parsed", () => {
  assert.equal(whyNotParsed(indented(MAX_INDENT_LEVELS - 1), 1e9), undefined);
  assert.match(
    whyNotParsed(indented(MAX_INDENT_LEVELS), 1e9)?.reason ?? '',
    /indented 101 levels deep, where Python allows 100/,
  );
  const brackets = (n: number) => `x = ${'('.repeat(n)}1${')'.repeat(n)}\n`;
  assert.equal(whyNotParsed(brackets(MAX_BRACKET_DEPTH), 1e9), undefined);
  assert.match(whyNotParsed(brackets(MAX_BRACKET_DEPTH + 1), 1e9)?.reason ?? '', /nests brackets 201 deep/);
  // The file CPython itself rejects, to keep these limits honest.
  assert.equal(whyNotParsed('x = 1\n', 5)?.overSizeLimit, true);
  assert.equal(whyNotParsed('x = 1\n', 6), undefined);
  assert.equal(whyNotParsed('é\n', 2)?.overSizeLimit, true, 'the size counts UTF-8 bytes');
});

test('tree depth is measured without recursion and stops at the limit', async () => {
  const parser = await pythonParser();
  const chain = (n: number) => `x = 1${' + 1'.repeat(n)}\n`;
  const shallow = parse(parser, chain(100));
  const deep = parse(parser, chain(MAX_TREE_DEPTH + 10));
  try {
    assert.equal(treeDepthOver(shallow, 100), true);
    assert.equal(treeDepthOver(shallow, 110), false);
    assert.equal(whyNotAnalysed(shallow), undefined);
    assert.match(whyNotAnalysed(deep)?.reason ?? '', /more than 1000 levels deep/);
  } finally {
    shallow.delete();
    deep.delete();
  }
});

/** The depth of the deepest node below the root, by a plain walk over every node. */
function deepestLevel(root: Node): number {
  let deepest = 0;
  const pending: [Node, number][] = [[root, 0]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [node, depth] = next;
    deepest = Math.max(deepest, depth);
    for (const child of node.children) if (child) pending.push([child, depth + 1]);
  }
  return deepest;
}

test('the depth search (samples, then the subtrees too large to rule out) agrees with a walk over every node, at every limit', async () => {
  const parser = await pythonParser();
  const texts = [
    ...readdirSync(RULE_FIXTURES)
      .filter((name) => name.endsWith('.py'))
      .map((name) => readFileSync(join(RULE_FIXTURES, name), 'utf8')),
    `x = ${'('.repeat(60)}1${')'.repeat(60)}\n`,
    `def f():\n    return a${'.b'.repeat(80)}\n`,
    // Chains where each node has a single child: the subtree sizes bound the depth exactly.
    'x\n',
    '-x\n',
  ];
  for (const text of texts) {
    const tree = parse(parser, text);
    try {
      const deepest = deepestLevel(tree.rootNode);
      // From about twice the depth the samples alone clear the tree; nearer the depth the exact search answers.
      for (let limit = 0; limit <= 2 * deepest + 2; limit++) {
        assert.equal(
          treeDepthOver(tree, limit),
          deepest > limit,
          `limit ${limit}, deepest node ${deepest} levels down`,
        );
      }
    } finally {
      tree.delete();
    }
  }
});

test('in a large file the samples clear code of ordinary depth, and a chain past the limit in the middle of it is caught', async () => {
  const parser = await pythonParser();
  const functions = (count: number) =>
    Array.from({ length: count }, (_, i) => `def f${i}(xs):\n    return [x + ${i} for x in xs if x]\n\n`).join('');
  const chain = (n: number) => `y = 1${' + 1'.repeat(n)}\n\n`;
  const texts = [
    functions(300),
    functions(150) + chain(MAX_TREE_DEPTH + 10) + functions(150),
    functions(299) + chain(MAX_TREE_DEPTH - 10) + functions(1),
  ];
  for (const text of texts) {
    const tree = parse(parser, text);
    try {
      const deepest = deepestLevel(tree.rootNode);
      assert.ok(tree.rootNode.descendantCount > 4 * MAX_TREE_DEPTH, 'large enough for many samples');
      for (const limit of [deepest - 1, deepest, MAX_TREE_DEPTH]) {
        assert.equal(
          treeDepthOver(tree, limit),
          deepest > limit,
          `limit ${limit}, deepest node ${deepest} levels down`,
        );
      }
    } finally {
      tree.delete();
    }
  }
});

test('after an edit only the changed ranges are checked, and a chain grown past the limit is still caught', async () => {
  const parser = await pythonParser();
  const before = 'def f():\n    return 1\n\ny = 2\n';
  const shallowAppend = 'z = 1 + 1\n';
  const deepAppend = `z = 1${' + 1'.repeat(MAX_TREE_DEPTH + 10)}\n`;
  for (const [appended, deep] of [
    [shallowAppend, false],
    [deepAppend, true],
  ] as const) {
    const old = parse(parser, before);
    old.edit(
      new Edit({
        startIndex: before.length,
        oldEndIndex: before.length,
        newEndIndex: before.length + appended.length,
        startPosition: { row: 4, column: 0 },
        oldEndPosition: { row: 4, column: 0 },
        newEndPosition: { row: 5, column: 0 },
      }),
    );
    const updated = parse(parser, before + appended, old);
    try {
      // The incremental answer agrees with a walk over the whole new tree.
      assert.equal(treeDepthOver(updated, MAX_TREE_DEPTH), deep);
      assert.equal(whyNotAnalysed(updated, old) !== undefined, deep);
    } finally {
      old.delete();
      updated.delete();
    }
  }
});

test('Python 2 print and exec statements: not analysed, whole or after an edit; print calls are', async () => {
  const parser = await pythonParser();
  const cases: readonly (readonly [string, string | undefined])[] = [
    ['print x\n', 'print x'],
    ['def f():\n    print >>sys.stderr, "late"\n', 'print >>sys.stderr, "late"'],
    ['exec code in namespace\n', 'exec code in namespace'],
    ['print(x)\nprint (x)\nprint\nexec(code)\nprint = log\nprint(xs := [x])\n', undefined],
    // A call half typed (its `(` deleted) reads as a print statement inside a syntax error: not Python 2 code.
    ['x = 1\nprint f([1]))\n', undefined],
  ];
  for (const [source, statement] of cases) {
    const tree = parse(parser, source);
    try {
      const reason = whyNotAnalysed(tree)?.reason;
      if (statement === undefined) assert.equal(reason, undefined, source);
      else assert.ok(reason?.startsWith(`it is Python 2 code (\`${statement}\`)`), `${source}: ${reason}`);
    } finally {
      tree.delete();
    }
  }
  // An edit that makes a line a print statement is caught in the changed range alone.
  const before = 'x = 1\nprint(x)\n';
  const after = 'x = 1\nprint x \n';
  const old = parse(parser, before);
  old.edit(
    new Edit({
      startIndex: 11,
      oldEndIndex: 14,
      newEndIndex: 14,
      startPosition: { row: 1, column: 5 },
      oldEndPosition: { row: 1, column: 8 },
      newEndPosition: { row: 1, column: 8 },
    }),
  );
  const updated = parse(parser, after, old);
  try {
    assert.match(whyNotAnalysed(updated, old)?.reason ?? '', /Python 2 code \(`print x`\)/);
  } finally {
    old.delete();
    updated.delete();
  }
});
