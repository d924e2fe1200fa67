// Hover through the server's own document store: what the hover covers
// (hover-python.slow.test.ts checks its sizes against python3's sys.getsizeof).
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Hover, Position } from 'vscode-languageserver';
import { DEFAULT_SETTINGS } from '../../server/src/config/config';
import { OpenDocuments, type OpenDocument } from '../../server/src/document/documents';
import { hoverAt } from '../../server/src/features/hover';
import { pythonParser } from '../../server/src/document/parser';

const SOURCE = [
  'n = 1000',
  'zeros = [0] * 1000',
  'squares = [x * x for x in range(n)]',
  'name = "héllo"',
  'grid = [[0] * 3 for _ in range(5)]',
  'print(zeros)',
  '',
].join('\n');

let document: OpenDocument;

before(async () => {
  document = new OpenDocuments(await pythonParser()).opened('file:///hover.py', 'python', 1, SOURCE);
});

/** The position of the first occurrence of `needle` (plus `shift` characters). */
function at(needle: string, shift = 0): Position {
  const offset = SOURCE.indexOf(needle);
  assert.ok(offset >= 0, needle);
  return document.text.positionAt(offset + shift);
}

function hoveredText(hover: Hover | null): string {
  assert.ok(hover?.range);
  return document.text.getText(hover.range);
}

test('hovering the count or the operator shows the whole repetition', () => {
  assert.equal(hoveredText(hoverAt(document, at('1000\nsq', 0), DEFAULT_SETTINGS)), '[0] * 1000');
  assert.equal(hoveredText(hoverAt(document, at('* 1000'), DEFAULT_SETTINGS)), '[0] * 1000');
});

test('no hover where nothing is allocated', () => {
  assert.equal(hoverAt(document, at('print'), DEFAULT_SETTINGS), null);
  assert.equal(hoverAt(document, at('zeros ='), DEFAULT_SETTINGS), null);
});
