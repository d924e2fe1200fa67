import assert from 'node:assert/strict';
import { test } from 'node:test';
import { visitsIn } from '../../server/src/engine/anchoredNodes';
import { DocumentFacts } from '../../server/src/semantics/facts';
import { parse, pythonParser } from '../../server/src/document/parser';
import { calleeAnchors, keywordAnchor, parentOfType } from '../../server/src/rules/anchors';
import type { HitFilter, Rule } from '../../server/src/rules/types';

/** A rule that reports nothing: only what it is handed matters here. */
function probe(code: string, anchors: Rule['anchors']): Rule {
  return {
    code,
    name: code.toLowerCase(),
    defaultSeverity: 'hint',
    fixAvailability: 'none',
    summary: '',
    docs: { whatItDoes: '', whyBadForMemory: '', example: '', useInstead: '', fixSafety: '' },
    anchors,
    check: () => undefined,
  };
}

async function visitedTexts(source: string, rules: readonly Rule[]): Promise<string[]> {
  const tree = parse(await pythonParser(), source);
  try {
    return visitsIn(tree.rootNode, rules, new DocumentFacts(tree.rootNode)).map(
      ({ rule, node }) => `${rule.code} ${node.text}`,
    );
  } finally {
    tree.delete();
  }
}

test('a keyword in a string, a comment or a longer word is no anchor', async () => {
  const loops = probe('LOOP', [keywordAnchor('for', parentOfType('for_statement'))]);
  const source = '# for x in y\ns = "for"\nformat = 1\nfor a in b:\n    pass\n';
  assert.deepEqual(await visitedTexts(source, [loops]), ['LOOP for a in b:\n    pass']);
});

test('a name is found under the alias an import gives it, and each node is handed over once, outer before inner', async () => {
  const lengths = probe('LEN', calleeAnchors(['len']));
  const source = 'from builtins import len as size\nlen(size(x))\nbuiltins.len(y)\n';
  assert.deepEqual(await visitedTexts(source, [lengths]), ['LEN len(size(x))', 'LEN size(x)', 'LEN builtins.len(y)']);
});

test('rules handed the same node keep their order', async () => {
  const first = probe('A', calleeAnchors(['f']));
  const second = probe('B', calleeAnchors(['f']));
  assert.deepEqual(await visitedTexts('f(1)\n', [first, second]), ['A f(1)', 'B f(1)']);
});

test("a rule's hit filter keeps the hits it rules out from the tree, and only from that rule", async () => {
  // Only a `+` right after `x ` is worth a question.
  const afterX: HitFilter = { key: 'after x', mayBeWanted: (text, offset) => text.slice(offset - 2, offset) === 'x ' };
  const filtered = probe('X', [keywordAnchor('+', parentOfType('binary_operator'), afterX)]);
  const every = probe('ALL', [keywordAnchor('+', parentOfType('binary_operator'))]);
  const source = 'a = x + 1\nb = y + 2\n';
  assert.deepEqual(await visitedTexts(source, [filtered]), ['X x + 1']);
  assert.deepEqual(await visitedTexts(source, [filtered, every]), ['X x + 1', 'ALL x + 1', 'ALL y + 2']);
});
