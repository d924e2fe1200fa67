// The loops and comprehensions of a module parsed in parts, kept part by part
// across edits: the same extents as a walk of the parts' trees finds, after
// every edit (in a part, above one, and one that adds or removes a loop).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OpenDocuments } from '../../../server/src/document/documents';
import { pythonParser } from '../../../server/src/document/parser';
import { LOOP_TYPES } from '../../../server/src/semantics/loops';
import { COMPREHENSION_TYPES } from '../../../server/src/semantics/syntax';
import { REGION_LINES } from '../../../server/src/document/regionBoundaries';
import { DocumentFacts } from '../../../server/src/semantics/facts';
import { repetitionExtents } from '../../../server/src/rules/mem301-slots-for-many-instances/repetitions';

const padding = (tag: string) =>
  Array.from({ length: REGION_LINES }, (_, index) => `${tag}_${index} = ${index}\n`).join('');

const SOURCE = [
  `for row in rows:\n    keep(row)\n${padding('a')}`,
  `def f(items):\n    while items:\n        items.pop()\n    return [x for x in items]\n${padding('b')}`,
  `class C:\n    def m(self):\n        return {k: v for k, v in self.pairs}\n${padding('c')}`,
].join('');

/** Edits as a user makes them, each a line and column, the text replaced and the new text. */
const EDITS: readonly [number, number, number, string][] = [
  // A loop typed in the second part, a key at a time.
  ...[...'for y in ys: pass\n'].map((key, at): [number, number, number, string] => [REGION_LINES + 5, at, 0, key]),
  // A line above every part's loops: the parts below move.
  [0, 0, 0, 'import x\n'],
  // The first loop made a plain statement.
  [1, 0, 3, 'if '],
];

test('the extents kept with each part are those a walk of the trees finds, edit after edit', async () => {
  const documents = new OpenDocuments(await pythonParser());
  const uri = 'file:///repetitions.py';
  let document = documents.opened(uri, 'python', 1, SOURCE);
  const types = [...LOOP_TYPES, ...COMPREHENSION_TYPES];
  const sorted = (extents: readonly { start: number; end: number }[]) =>
    extents.map(({ start, end }) => [start, end]).sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);
  try {
    let version = 1;
    const check = (label: string) => {
      const { parts } = document.module;
      assert.ok(parts.length >= 3, `${parts.length} parts`);
      const walked = parts.flatMap((part) =>
        part.root.descendantsOfType(types).map((node) => ({ start: node!.startIndex, end: node!.endIndex })),
      );
      // A line half typed can hide a loop from tree-sitter: the four of the text at first.
      if (label === 'opened') assert.equal(walked.length, 4);
      assert.deepEqual(sorted(repetitionExtents(new DocumentFacts(document.module))), sorted(walked), label);
    };
    check('opened');
    // Asked again on the same trees: the kept extents are answered.
    check('again');
    for (const [line, character, length, text] of EDITS) {
      const range = { start: { line, character }, end: { line, character: character + length } };
      document = documents.changed(uri, ++version, [{ range, text }])!;
      check(`${line}:${character} ${JSON.stringify(text)}`);
    }
  } finally {
    documents.closed(uri);
  }
});
