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

test('changes left unparsed edit the trees, and the one parse when the document is used gives what parsing each would', async () => {
  const parser = await pythonParser();
  const text = 'def f(xs):\n    return sum([x for x in xs])\n\nrest = 1\n';
  const documents = new OpenDocuments(parser);
  documents.opened(URI, 'python', 1, text, false);
  let current = text;
  let document: OpenDocument | undefined;
  const typed = 'total = max([v for v in rest])\n';
  for (const [index, character] of [...typed].entries()) {
    const at = current.length;
    document = documents.changed(
      URI,
      index + 2,
      [{ range: { start: positionAt(current, at), end: positionAt(current, at) }, text: character }],
      false,
    );
    current += character;
  }
  assert.equal(documents.regionsOf(URI), undefined, 'not parsed while changes came');
  const fresh = new OpenDocuments(parser).opened(URI, 'python', 99, current);
  assert.deepEqual(trees(document!), trees(fresh));
  assert.ok(documents.regionsOf(URI), 'parsed once used');
  assert.deepEqual(findings(document!), findings(fresh));
  assert.equal(findings(fresh).length, 2);
});

test('a parse past its deadline leaves the document over budget, unparsed from then on, and the parser fit for others', async () => {
  const parser = await pythonParser();
  const documents = new OpenDocuments(parser);
  const slow = 'file:///open/slow.py';
  const text = 'def f(xs):\n    return sum([x for x in xs])\n'.repeat(200);
  documents.opened(slow, 'python', 1, text, false);
  // The parse happens when the document is first used: here, under a deadline already passed.
  const over = documents.get(slow)!;
  assert.equal(
    documents.withDeadline({ passed: () => true }, () => over.overBudget),
    true,
  );
  assert.equal(
    over.module.parts.every((part) => part.root.childCount === 0),
    true,
    'an empty module',
  );
  assert.equal(over.skipped, undefined);
  // With all the time in the world now, it stays over budget: its text still follows the changes.
  const changed = documents.changed(slow, 2, [
    { range: { start: positionAt(text, 0), end: positionAt(text, 0) }, text: '#\n' },
  ])!;
  assert.equal(changed.overBudget, true);
  assert.equal(changed.text.getText(), `#\n${text}`);
  // The parser was stopped part way: the next parse, of another text, must not go on with that one.
  const other = documents.opened(
    URI,
    'python',
    1,
    'values = [n for n in range(10)]\ntotal = sum([v for v in values])\n',
  );
  const fresh = new OpenDocuments(await pythonParser()).opened(URI, 'python', 1, other.text.getText());
  assert.deepEqual(trees(other), trees(fresh));
  // Opened again, it gets another chance.
  assert.equal(documents.opened(slow, 'python', 3, text).overBudget, false);
});

test('a Python 2 print statement typed in skips the document, and making it a call brings the findings back', async () => {
  const parser = await pythonParser();
  const text = 'def f(xs):\n    return sum([x for x in xs])\n\nprint(f([1]))\n';
  const documents = new OpenDocuments(parser);
  const opened = documents.opened(URI, 'python', 1, text);
  assert.equal(opened.skipped, undefined);
  assert.ok(findings(opened).length > 0);
  // `print(f([1]))` → `print f([1])`, as a Python 2 file would have it.
  const call = text.indexOf('(f([1]))');
  const python2 = documents.changed(URI, 2, [
    { range: { start: positionAt(text, call), end: positionAt(text, call + 8) }, text: ' f([1])' },
  ])!;
  assert.match(python2.skipped?.reason ?? '', /^it is Python 2 code \(`print f\(\[1\]\)`\)/);
  assert.deepEqual(findings(python2), []);
  const written = python2.text.getText();
  const back = documents.changed(URI, 3, [
    { range: { start: positionAt(written, call), end: positionAt(written, call + 7) }, text: '(f([1]))' },
  ])!;
  assert.equal(back.skipped, undefined);
  assert.deepEqual(findings(back), findings(opened));
});
