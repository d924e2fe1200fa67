// The document both tiers of the hover tests hover over (hover.test.ts, and
// hover-python.slow.test.ts which checks the sizes against python3), and how
// they point into it.
import assert from 'node:assert/strict';
import type { Hover, Position } from 'vscode-languageserver';
import { OpenDocuments, type OpenDocument } from '../../server/src/document/documents';
import { pythonParser } from '../../server/src/document/parser';

export const SOURCE = [
  'n = 1000',
  'zeros = [0] * 1000',
  'squares = [x * x for x in range(n)]',
  'name = "héllo"',
  'grid = [[0] * 3 for _ in range(5)]',
  'print(zeros)',
  '',
].join('\n');

/** SOURCE opened in the server's own document store. */
export async function openSource(): Promise<OpenDocument> {
  return new OpenDocuments(await pythonParser()).opened('file:///hover.py', 'python', 1, SOURCE);
}

/** The position of the first occurrence of `needle` in SOURCE (plus `shift` characters). */
export function at(document: OpenDocument, needle: string, shift = 0): Position {
  const offset = SOURCE.indexOf(needle);
  assert.ok(offset >= 0, needle);
  return document.text.positionAt(offset + shift);
}

/** The text the hover covers. */
export function hoveredText(document: OpenDocument, hover: Hover | null): string {
  assert.ok(hover?.range);
  return document.text.getText(hover.range);
}
