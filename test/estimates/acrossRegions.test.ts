// The editor parses a long module in regions, a tree each; what the estimates
// follow from one module-level statement to a later one (a list bound, then
// appended to in a loop) they follow across regions as in one tree.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OpenDocuments } from '../../server/src/document/documents';
import { parse, pythonParser } from '../../server/src/document/parser';
import { REGION_LINES } from '../../server/src/document/regionBoundaries';
import { analyze, type AnalysisOptions } from '../../server/src/engine/analyze';
import { ALL_RULES } from '../../server/src/rules';

const OPTIONS: AnalysisOptions = { rules: ALL_RULES, reportSmall: true };

/** Functions enough to put what follows them in another region. */
const FILLER = Array.from({ length: 3 * REGION_LINES }, (_, index) => `def f${index}():\n    pass\n\n`).join('');

test('a module-level binding is followed into a later region as within one tree', async () => {
  const parser = await pythonParser();
  const texts = [
    // The list's length, from its binding: MEM101 says what it holds in bytes.
    `xs = [1, 2]\n\n${FILLER}total = max([x * 2 for x in xs])\n`,
    // The list bound to [] and appended to in a range loop: MEM104's estimate of its size.
    `ys = []\n\n${FILLER}for i in range(10):\n    ys.append(i)\nn = len(list(ys))\n`,
  ];
  for (const text of texts) {
    const documents = new OpenDocuments(parser);
    const document = documents.opened('file:///regions.py', 'python', 1, text);
    assert.ok(document.module.parts.length > 1, 'the binding and the use are in different regions');
    const tree = parse(parser, text);
    try {
      assert.deepEqual(analyze(document.module, text, OPTIONS), analyze(tree, text, OPTIONS));
    } finally {
      tree.delete();
      documents.closed('file:///regions.py');
    }
  }
});
