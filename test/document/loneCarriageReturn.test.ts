// A lone "\r" ends a line for Python and for LSP positions, but tree-sitter's
// Python grammar reads it as a blank: a file of classic Mac line ends parsed
// as one broken line, and memhints reported nothing in it. The parse reads it
// as "\n" (parser.ts, treeSitterText), and nodes still read the document's own
// text, so that what fixes copy keeps its line ends.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_SETTINGS } from '../../server/src/config/config';
import { OpenDocuments } from '../../server/src/document/documents';
import { parse, pythonParser } from '../../server/src/document/parser';
import { REGION_LINES } from '../../server/src/document/regionBoundaries';
import { Linter } from '../../server/src/engine/linting';
import { applyEdits } from '../../server/src/rules/fixes';
import { findingsIn } from '../support/analyze';

const LF = [
  'def f(xs):',
  '    total = sum([x for x in xs])  # a comment up to the line end',
  '    n = len(',
  '        [x for x in xs if x]',
  '    )',
  '    return total, n',
  '',
].join('\n');
const CR = LF.replace(/\n/g, '\r');

test('a text of lone CR line ends parses as its LF twin: no error, the same nodes on the same rows', async () => {
  const parser = await pythonParser();
  const lf = parse(parser, LF);
  const cr = parse(parser, CR);
  try {
    assert.equal(cr.rootNode.hasError, false);
    assert.equal(cr.rootNode.toString(), lf.rootNode.toString());
    const call = (tree: typeof cr) => tree.rootNode.descendantForIndex(LF.indexOf('len('));
    assert.deepEqual(call(cr)?.startPosition, call(lf)?.startPosition);
    // Nodes read the text as it is: a statement over lines keeps its "\r".
    const statement = (tree: typeof cr) => tree.rootNode.descendantForIndex(LF.indexOf('n = len('))?.parent;
    assert.equal(statement(cr)?.text, 'n = len(\r        [x for x in xs if x]\r    )');
    assert.equal(statement(cr.copy())?.text, statement(cr)?.text, 'a copy of the tree reads the text too');
  } finally {
    lf.delete();
    cr.delete();
  }
});

test('the findings and fixes of a lone-CR text are its LF twin’s, at the same offsets, and fix it alike', async () => {
  const lf = await findingsIn(LF);
  const cr = await findingsIn(CR);
  assert.ok(
    lf.some((finding) => finding.fix),
    'the text has fixes to compare',
  );
  assert.deepEqual(
    cr.map((finding) => [finding.code, finding.start, finding.end]),
    lf.map((finding) => [finding.code, finding.start, finding.end]),
  );
  for (const [index, finding] of lf.entries()) {
    if (!finding.fix) continue;
    assert.equal(applyEdits(CR, cr[index]!.fix!.edits), applyEdits(LF, finding.fix.edits).replace(/\n/g, '\r'));
  }
});

test('an open lone-CR document long enough for regions, edited, has the findings of a fresh open', async () => {
  const parser = await pythonParser();
  const text = Array.from(
    { length: Math.ceil((3 * REGION_LINES) / 4) },
    (_, index) => `def f${index}(xs):\r    ys = sum([x for x in xs])\r    return ys\r\r`,
  ).join('');
  const documents = new OpenDocuments(parser);
  const findings = (uri: string) =>
    new Linter()
      .findings(documents.get(uri)!, { ...DEFAULT_SETTINGS, reportSmall: true })
      .map((finding) => `${finding.code} ${finding.start}-${finding.end}`);
  documents.opened('file:///cr.py', 'python', 1, text);
  documents.opened('file:///lf.py', 'python', 1, text.replace(/\r/g, '\n'));
  assert.ok((documents.regionsOf('file:///cr.py')?.count ?? 0) > 1, 'the text is cut into regions');
  assert.ok(
    documents.get('file:///cr.py')!.module.parts.every((part) => !part.root.hasError),
    'no region has a syntax error',
  );
  assert.deepEqual(findings('file:///cr.py'), findings('file:///lf.py'));
  assert.equal(findings('file:///cr.py').length, Math.ceil((3 * REGION_LINES) / 4));
  const at = text.indexOf('def f3(');
  documents.changed('file:///cr.py', 2, [
    { range: { start: { line: 12, character: 0 }, end: { line: 12, character: 0 } }, text: 'z = 1\r' },
  ]);
  const edited = `${text.slice(0, at)}z = 1\r${text.slice(at)}`;
  assert.equal(documents.get('file:///cr.py')!.text.getText(), edited);
  documents.opened('file:///fresh.py', 'python', 1, edited);
  assert.deepEqual(findings('file:///cr.py'), findings('file:///fresh.py'));
});
