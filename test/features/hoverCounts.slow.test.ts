// A formula's free count, when the code binds it once, is named with what it
// stands for: "84 + 8·n B, n = `len(rows)`" rather than leaving n to be found.
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
/** sys.getsizeof of an empty list, what each slot adds, and the int 0 every slot points to. */
let header: number;
let slot: number;
let zero: number;

before(async () => {
  document = new OpenDocuments(await pythonParser()).opened('file:///counts.py', 'python', 1, SOURCE);
  const result = spawnSync(
    'python3',
    ['-c', 'import sys; print(sys.getsizeof([]), sys.getsizeof([0] * 1) - sys.getsizeof([]), sys.getsizeof(0))'],
    { encoding: 'utf8' },
  );
  assert.equal(result.status, 0, result.stderr);
  [header, slot, zero] = result.stdout.trim().split(' ').map(Number) as [number, number, number];
});

function firstLine(needle: string): string {
  const hover = hoverAt(document, document.text.positionAt(SOURCE.indexOf(needle)), DEFAULT_SETTINGS);
  assert.ok(hover, `no hover over ${needle}`);
  return (hover.contents as MarkupContent).value.split('\n')[0]!;
}

test('the count of a formula is followed to the expression its name is bound to', () => {
  assert.equal(firstLine('[0] * n'), `**${header + zero} + ${slot}·n B**, n = \`len(rows)\` — a list of n items`);
});

test('a count written out in full is called n, and names nothing more', () => {
  const line = firstLine('[0] * len(rows)');
  assert.equal(line, `**${header + zero} + ${slot}·n B**, n = \`len(rows)\` — a list of n items`);
  assert.ok(!line.includes('rows = '), line);
});
