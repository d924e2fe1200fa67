// Hover over an allocation shows its estimated size, as CPython reports it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import type { Hover, MarkedString } from 'vscode-languageserver-protocol';
import { LspTestClient } from '../support/lspClient';
import { rangeOfText } from '../support/textEdits';

function hoverText(hover: Hover): string {
  const part = (content: MarkedString | { value: string }): string => (typeof content === 'string' ? content : content.value);
  return Array.isArray(hover.contents) ? hover.contents.map(part).join('\n') : part(hover.contents);
}

/** sys.getsizeof of a Python expression, from the real interpreter. */
function pythonSizeOf(expression: string): number {
  return Number(execFileSync('python3', ['-c', `import sys; print(sys.getsizeof(${expression}))`], { encoding: 'utf8' }).trim());
}

// On 64-bit CPython the list is 8056 bytes: 56 of header and 8 per pointer.
test('hover on [0] * 1000 shows the size CPython gives the list', async (t) => {
  const client = LspTestClient.start(t);
  await client.initialize();
  const text = 'zeros = [0] * 1000\n';
  const uri = 'file:///workspace/hover.py';
  await client.didOpen(uri, text);
  // On the operator, so that the whole expression is meant and not the one-item list.
  const hover = await client.hover(uri, rangeOfText(text, '*').start);
  assert.ok(hover, 'a hover is returned');
  const expected = pythonSizeOf('[0] * 1000');
  assert.ok(hoverText(hover).includes(`${expected} bytes`), hoverText(hover));
  assert.deepEqual(hover.range, rangeOfText(text, '[0] * 1000'));
});
