// Open documents follow the client's edits: the text and the trees stay one.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_SETTINGS } from '../../server/src/config/config';
import { OpenDocuments, type OpenDocument } from '../../server/src/document/documents';
import { pythonParser } from '../../server/src/document/parser';
import { Linter } from '../../server/src/engine/linting';
import { positionAt } from '../support/textEdits';

const URI = 'file:///open/reversed.py';
const SETTINGS = { ...DEFAULT_SETTINGS, reportSmall: true };

const findings = (document: OpenDocument) =>
  new Linter().findings(document, SETTINGS).map((finding) => `${finding.code} ${finding.start}-${finding.end}`);

const trees = (document: OpenDocument) =>
  document.module.parts.map((part) => `${part.start}-${part.end} ${part.root.toString()}`);

test('a change whose range ends before it starts edits the same span as its ordered range, text and trees alike', async () => {
  const parser = await pythonParser();
  const text = 'values = [n for n in range(10)]\ntotal = sum([v for v in values])\nrest = 1\n';
  const documents = new OpenDocuments(parser);
  documents.opened(URI, 'python', 1, text);
  const start = text.indexOf('sum(');
  // From after `sum` back to its start: the client means `sum` → `max`.
  const reversed = documents.changed(URI, 2, [
    { range: { start: positionAt(text, start + 3), end: positionAt(text, start) }, text: 'max' },
  ])!;
  const expected = `${text.slice(0, start)}max${text.slice(start + 3)}`;
  assert.equal(reversed.text.getText(), expected);
  // A later edit reuses the trees: they must still be those of the text.
  const end = expected.length;
  const later = documents.changed(URI, 3, [
    { range: { start: positionAt(expected, end), end: positionAt(expected, end) }, text: 'more = [1, 2]\n' },
  ])!;
  const fresh = new OpenDocuments(parser).opened(URI, 'python', 3, `${expected}more = [1, 2]\n`);
  assert.equal(later.text.getText(), fresh.text.getText());
  assert.deepEqual(trees(later), trees(fresh));
  assert.deepEqual(findings(later), findings(fresh));
  assert.ok(findings(fresh).length > 0, 'the text has a finding to compare');
});
