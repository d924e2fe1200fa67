// Hover over iterators and dict views: a few words each, whatever the length of
// what they walk; checked against python3's sys.getsizeof.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { MarkupContent } from 'vscode-languageserver';
import { DEFAULT_SETTINGS } from '../../server/src/config/config';
import { OpenDocuments, type OpenDocument } from '../../server/src/document/documents';
import { hoverAt } from '../../server/src/features/hover';
import { pythonParser } from '../../server/src/document/parser';
import { runPythonJson } from '../support/python';

const SOURCE = [
  'xs = list(range(1000))',
  'd = {1: 2, 3: 4}',
  'pairs = zip(xs, xs)',
  'numbered = enumerate(xs)',
  'view = d.items()',
  '',
].join('\n');

const NAMES = ['pairs', 'numbered', 'view'] as const;

let document: OpenDocument;
let truth: Record<(typeof NAMES)[number], number>;

before(async () => {
  document = new OpenDocuments(await pythonParser()).opened('file:///iterators.py', 'python', 1, SOURCE);
  truth = runPythonJson(
    String.raw`
import json, sys
namespace = {}
exec(json.load(sys.stdin), namespace)
print(json.dumps({name: sys.getsizeof(namespace[name]) for name in ${JSON.stringify(NAMES)}}))
`,
    SOURCE,
  );
});

function hoverText(needle: string): string {
  const offset = SOURCE.indexOf(needle);
  assert.ok(offset >= 0, needle);
  const hover = hoverAt(document, document.text.positionAt(offset), DEFAULT_SETTINGS);
  assert.ok(hover, `no hover over ${needle}`);
  return (hover.contents as MarkupContent).value;
}

test('zip and enumerate of a 1000-item list are a few words each and copy no item', () => {
  const zipText = hoverText('zip(');
  assert.equal(zipText.split('\n')[0], `**${truth.pairs} B** — a zip object`);
  assert.match(zipText, /No copy of the items/);
  const enumerateText = hoverText('enumerate(');
  assert.equal(enumerateText.split('\n')[0], `**${truth.numbered} B** — an enumerate object`);
});

test('a dict view reports the view object and says it copies nothing', () => {
  const text = hoverText('d.items()');
  assert.equal(text.split('\n')[0], `**${truth.view} B** — a dict_items view`);
  assert.match(text, /copies nothing/);
});
