import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findAnchorsInModule, visitsIn } from '../../server/src/engine/anchoredNodes';
import { topLevelChunks } from '../../server/src/engine/topLevelChunks';
import { ModuleParts } from '../../server/src/document/moduleParts';
import { DocumentFacts } from '../../server/src/semantics/facts';
import { parse, pythonParser } from '../../server/src/document/parser';
import { ALL_RULES } from '../../server/src/rules';
import { corpus, ruleFixtureCorpus } from '../reliability/fuzz';
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

test("a chunk's visits read from the anchors found in the whole module are those of its own search", async () => {
  const parser = await pythonParser();
  let visits = 0;
  for (const file of [...ruleFixtureCorpus(), ...corpus(['argparse.py', 'tarfile.py'])]) {
    const tree = parse(parser, file.text);
    try {
      const module = ModuleParts.from(tree);
      const searched = new DocumentFacts(module);
      const found = new DocumentFacts(module);
      findAnchorsInModule(ALL_RULES, found);
      const shown = (
        facts: DocumentFacts,
        node: Parameters<typeof visitsIn>[0],
        span?: Parameters<typeof visitsIn>[3],
      ) =>
        visitsIn(node, ALL_RULES, facts, span).map(
          ({ rule, node: visited }) => `${rule.code} ${visited.startIndex}-${visited.endIndex} ${visited.type}`,
        );
      for (const chunk of topLevelChunks(module, file.text)) {
        for (const node of chunk.nodes) {
          // A class's header holds its class statement, whose body is in chunks of its own (chunkAnalysis.ts).
          const span =
            chunk.inClass?.role === 'header' && node.endIndex > chunk.end
              ? { startIndex: chunk.start, endIndex: chunk.end }
              : undefined;
          const expected = shown(searched, node, span);
          visits += expected.length;
          assert.deepEqual(shown(found, node, span), expected, `${file.name}: ${node.text.slice(0, 60)}`);
        }
      }
      assert.deepEqual(shown(found, tree.rootNode), shown(searched, tree.rootNode), file.name);
    } finally {
      tree.delete();
    }
  }
  assert.ok(visits > 1000, `${visits} visits`);
});
