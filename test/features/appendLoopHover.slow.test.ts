// Hover over the append of a list filled by a loop over a range: the list as the
// loop leaves it, checked against python3's sys.getsizeof after the same loop.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MarkupContent } from 'vscode-languageserver';
import { DEFAULT_SETTINGS } from '../../server/src/config/config';
import { OpenDocuments } from '../../server/src/document/documents';
import { hoverAt } from '../../server/src/features/hover';
import { pythonParser } from '../../server/src/document/parser';
import { runPythonJson } from '../support/python';

const SOURCE = ['squares = []', 'for i in range(1000):', '    squares.append(i)', 'print(len(squares))', ''].join('\n');

test('hovering xs.append(...) in a for loop over range(1000) gives the over-allocated list after the loop', async () => {
  const document = new OpenDocuments(await pythonParser()).opened('file:///append.py', 'python', 1, SOURCE);
  const truth = runPythonJson<number>(
    'import json, sys\nnamespace = {}\nexec(json.load(sys.stdin).replace("print(len(squares))", ""), namespace)\nprint(sys.getsizeof(namespace["squares"]))',
    SOURCE,
  );
  for (const needle of ['squares.append', 'append(i)', '(i)']) {
    const hover = hoverAt(document, document.text.positionAt(SOURCE.indexOf(needle) + 1), DEFAULT_SETTINGS);
    assert.ok(hover?.range, needle);
    assert.equal(document.text.getText(hover.range), 'squares.append(i)');
    const text = (hover.contents as MarkupContent).value;
    assert.ok(text.includes(`(${truth} bytes)`), text);
    assert.match(text, /`squares` after the loop, a list of 1,000 items/);
    assert.match(text, /slots for 1,000 items/);
  }
});
