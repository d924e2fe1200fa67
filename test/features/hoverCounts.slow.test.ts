// A formula's free count, when the code binds it once, is named with what it
// stands for: "56 + 8·n B, n = `len(rows)`" rather than leaving n to be found.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { before, test } from 'node:test';
import type { MarkupContent } from 'vscode-languageserver';
import { DEFAULT_SETTINGS } from '../../server/src/config/config';
import { OpenDocuments, type OpenDocument } from '../../server/src/document/documents';
import { hoverAt } from '../../server/src/features/hover';
import { pythonParser } from '../../server/src/document/parser';

const SOURCE = ['rows = load()', 'n = len(rows)', 'counts = [0] * n', 'spans = [0] * len(rows)', ''].join('\n');

let document: OpenDocument;
/** sys.getsizeof of an empty list, and what each slot adds. */
let header: number;
let slot: number;

before(async () => {
  document = new OpenDocuments(await pythonParser()).opened('file:///counts.py', 'python', 1, SOURCE);
  const result = spawnSync(
    'python3',
    ['-c', 'import sys; print(sys.getsizeof([]), sys.getsizeof([0] * 1) - sys.getsizeof([]))'],
    { encoding: 'utf8' },
  );
  assert.equal(result.status, 0, result.stderr);
  [header, slot] = result.stdout.trim().split(' ').map(Number) as [number, number];
});

function shallowLine(needle: string): string {
  const hover = hoverAt(document, document.text.positionAt(SOURCE.indexOf(needle)), DEFAULT_SETTINGS);
  assert.ok(hover, `no hover over ${needle}`);
  const line = (hover.contents as MarkupContent).value.split('\n').find((text) => text.startsWith('- **Shallow**'));
  assert.ok(line, 'no shallow line');
  return line;
}

test('the count of a formula is followed to the expression its name is bound to', () => {
  assert.ok(shallowLine('[0] * n').includes(`${header} + ${slot}·n B, n = \`len(rows)\`:`), shallowLine('[0] * n'));
});

test('a count written out in full names nothing more', () => {
  const line = shallowLine('[0] * len(rows)');
  assert.ok(line.includes(`${header} + ${slot}·len(rows) B:`), line);
  assert.ok(!line.includes('rows = '), line);
});
