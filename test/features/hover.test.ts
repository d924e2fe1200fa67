// Hover through the server's own document store: what the hover covers
// (hover-python.slow.test.ts checks its sizes against python3's sys.getsizeof).
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { DEFAULT_SETTINGS } from '../../server/src/config/config';
import type { OpenDocument } from '../../server/src/document/documents';
import { hoverAt } from '../../server/src/features/hover';
import { at, hoveredText, openSource } from './hover.cases';

let document: OpenDocument;

before(async () => {
  document = await openSource();
});

test('hovering the count or the operator shows the whole repetition', () => {
  assert.equal(hoveredText(document, hoverAt(document, at(document, '1000\nsq', 0), DEFAULT_SETTINGS)), '[0] * 1000');
  assert.equal(hoveredText(document, hoverAt(document, at(document, '* 1000'), DEFAULT_SETTINGS)), '[0] * 1000');
});

test('no hover where nothing is allocated', () => {
  assert.equal(hoverAt(document, at(document, 'print'), DEFAULT_SETTINGS), null);
  assert.equal(hoverAt(document, at(document, 'zeros ='), DEFAULT_SETTINGS), null);
});
