// The open documents keep trees for the TREE_DOCUMENTS used last; a document
// whose trees were let go is parsed again when it is used or edited, and then
// holds the trees, and gets the findings, that it would have had all along.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ModuleParts } from '../../server/src/document/moduleParts';
import { DEFAULT_SETTINGS } from '../../server/src/config/config';
import { OpenDocuments, TREE_DOCUMENTS, type OpenDocument } from '../../server/src/document/documents';
import { Linter } from '../../server/src/engine/linting';
import { pythonParser } from '../../server/src/document/parser';
import { positionAt } from '../support/textEdits';

/** Small findings too: the fixture's few literals are what is compared. */
const SETTINGS = { ...DEFAULT_SETTINGS, reportSmall: true };

const uri = (index: number) => `file:///open/${index}.py`;

/** A small module of its own per index, with a finding (MEM101: a list built to be summed). */
const source = (index: number) =>
  `values_${index} = [n * ${index} for n in range(10)]\ntotal_${index} = sum([v for v in values_${index}])\n`;

/** Where every part and top-level node lies, and its whole structure. */
function describe(module: ModuleParts): string[] {
  return module.parts.flatMap((part) => [
    `part ${part.start}-${part.end}`,
    ...part.root.namedChildren.map((node) => `${node!.startIndex}-${node!.endIndex} ${node!.toString()}`),
  ]);
}

async function openMany(
  count: number,
): Promise<{ readonly documents: OpenDocuments; readonly opened: OpenDocument[] }> {
  const documents = new OpenDocuments(await pythonParser());
  const opened = Array.from({ length: count }, (_, index) => documents.opened(uri(index), 'python', 1, source(index)));
  return { documents, opened };
}

test(`trees are kept for the ${TREE_DOCUMENTS} documents used last, and the others parsed again when used`, async () => {
  const { documents, opened } = await openMany(TREE_DOCUMENTS + 10);
  assert.equal(documents.count, TREE_DOCUMENTS + 10);
  for (let index = 0; index < 10; index++)
    assert.equal(documents.regionsOf(uri(index)), undefined, `document ${index} still has its trees`);
  for (let index = 10; index < TREE_DOCUMENTS + 10; index++)
    assert.ok(documents.regionsOf(uri(index)), `document ${index} lost its trees`);
  assert.equal(documents.treeCount, TREE_DOCUMENTS);

  const fresh = new OpenDocuments(await pythonParser());
  const expected = describe(fresh.opened(uri(0), 'python', 1, source(0)).module);
  assert.deepEqual(describe(opened[0]!.module), expected);
  assert.ok(documents.regionsOf(uri(0)), 'a document used has its trees again');
  // Using the first document let go of the trees of the one used longest ago.
  assert.equal(documents.regionsOf(uri(10)), undefined);
  assert.equal(documents.treeCount, TREE_DOCUMENTS);
});

test('a document used is the last whose trees are let go', async () => {
  const { documents, opened } = await openMany(TREE_DOCUMENTS);
  void opened[0]!.module;
  documents.opened(uri(TREE_DOCUMENTS), 'python', 1, source(TREE_DOCUMENTS));
  assert.ok(documents.regionsOf(uri(0)), 'the document just used lost its trees');
  assert.equal(documents.regionsOf(uri(1)), undefined, 'the document used longest ago kept its trees');
});

test('an edit to a document whose trees were let go parses its new text, and its findings are those of a document kept', async () => {
  const { documents } = await openMany(TREE_DOCUMENTS + 1);
  assert.equal(documents.regionsOf(uri(0)), undefined);
  const text = source(0);
  const at = text.indexOf('sum(');
  // `sum([` becomes `max([`: MEM101 still holds, at the same place.
  const edited = documents.changed(uri(0), 2, [
    { range: { start: positionAt(text, at), end: positionAt(text, at + 3) }, text: 'max' },
  ])!;
  const newText = `${text.slice(0, at)}max${text.slice(at + 3)}`;
  assert.equal(edited.text.getText(), newText);

  const fresh = new OpenDocuments(await pythonParser());
  const kept = fresh.opened(uri(0), 'python', 2, newText);
  assert.deepEqual(describe(edited.module), describe(kept.module));
  const findings = (document: OpenDocument) =>
    new Linter().findings(document, SETTINGS).map((finding) => `${finding.code} ${finding.start}-${finding.end}`);
  assert.deepEqual(findings(edited), findings(kept));
  assert.ok(findings(kept).length > 0, 'the fixture has a finding to compare');
});

test('the findings of a document stay the same when its trees are let go and parsed again', async () => {
  const { documents, opened } = await openMany(1);
  const linter = new Linter();
  const before = linter.findings(opened[0]!, SETTINGS);
  assert.ok(before.length > 0, 'the fixture has a finding to compare');
  for (let index = 1; index <= TREE_DOCUMENTS; index++) documents.opened(uri(index), 'python', 1, source(index));
  assert.equal(documents.regionsOf(uri(0)), undefined);
  // A fresh linter, so that the findings come from the trees parsed again.
  assert.deepEqual(new Linter().findings(opened[0]!, SETTINGS), before);
});

test('closing documents lets go of their trees, and a closed document no longer holds any', async () => {
  const { documents, opened } = await openMany(3);
  documents.closed(uri(1));
  assert.equal(documents.count, 2);
  assert.equal(documents.treeCount, 2);
  // A caller still holding the closed document gets a module, parsed for it alone.
  assert.ok(describe(opened[1]!.module).length > 0);
  assert.equal(documents.treeCount, 2);
  assert.equal(documents.regionsOf(uri(1)), undefined);
});
