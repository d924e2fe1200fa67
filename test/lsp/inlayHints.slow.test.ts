// Inlay hints show the estimated size after allocations above the threshold,
// on unless the user turns them off; the figures are python3's own, and the
// tooltip is the hover's first line, word for word.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import type { Hover, InlayHint, MarkupContent } from 'vscode-languageserver-protocol';
import { shortBytes } from '../../server/src/sizes/format';
import { LspTestClient } from '../support/lspClient';
import { rangeOfText } from '../support/textEdits';

const URI = 'file:///workspace/hints.py';
const TEXT = 'big = list(range(10**6))\nsmall = [0] * 100\nlabels = {i: None for i in range(50000)}\n';
const WHOLE = { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } };

/** The deep size (each object once, through list, tuple, set and dict items) python3 measures for an expression. */
function pythonDeepSize(expression: string): number {
  const program = [
    'import sys',
    `root = ${expression}`,
    'seen, total, stack = set(), 0, [root]',
    'while stack:',
    '    obj = stack.pop()',
    '    if id(obj) in seen: continue',
    '    seen.add(id(obj)); total += sys.getsizeof(obj)',
    '    if isinstance(obj, (list, tuple, set, frozenset)): stack.extend(obj)',
    '    elif isinstance(obj, dict): stack.extend(obj.keys()); stack.extend(obj.values())',
    'print(total)',
  ].join('\n');
  return Number(execFileSync('python3', ['-c', program], { encoding: 'utf8' }).trim());
}

function labels(hints: readonly InlayHint[] | null): string[] {
  return (hints ?? []).map((hint) =>
    typeof hint.label === 'string' ? hint.label : hint.label.map((part) => part.value).join(''),
  );
}

function firstLine(markup: Hover['contents'] | InlayHint['tooltip']): string {
  assert.ok(markup && typeof markup === 'object' && 'value' in markup, JSON.stringify(markup));
  return (markup as MarkupContent).value.split('\n')[0]!;
}

test('no size hints when memhints.inlayHints.sizes is turned off', async (t) => {
  const client = LspTestClient.start(t, { settings: { inlayHints: { sizes: false } } });
  const initialized = await client.initialize();
  assert.ok(initialized.capabilities.inlayHintProvider);
  await client.didOpen(URI, TEXT);
  assert.deepEqual(await client.inlayHints(URI, WHOLE), []);
});

test('by default, allocations over the default 1 MiB threshold get their size after them', async (t) => {
  const client = LspTestClient.start(t);
  await client.initialize();
  await client.didOpen(URI, TEXT);
  const hints = (await client.inlayHints(URI, WHOLE)) ?? [];
  assert.deepEqual(
    hints.map((hint) => hint.position),
    [rangeOfText(TEXT, 'list(range(10**6))').end, rangeOfText(TEXT, '{i: None for i in range(50000)}').end],
  );
  assert.deepEqual(labels(hints), [
    shortBytes(pythonDeepSize('list(range(10**6))')),
    shortBytes(pythonDeepSize('{i: None for i in range(50000)}')),
  ]);
});

test("the tooltip is the hover's first line over the same code, in the same words", async (t) => {
  const client = LspTestClient.start(t);
  await client.initialize();
  await client.didOpen(URI, TEXT);
  const [hint] = (await client.inlayHints(URI, WHOLE)) ?? [];
  assert.ok(hint);
  const hover = await client.hover(URI, rangeOfText(TEXT, 'list(').start);
  assert.ok(hover);
  assert.equal(firstLine(hint.tooltip), firstLine(hover.contents));
  assert.ok(firstLine(hover.contents).startsWith(`**${labels([hint])[0]}**`), firstLine(hover.contents));
});

test("memhints.sizeThreshold lowers the bar, and a range only covering one line gets that line's hint", async (t) => {
  const client = LspTestClient.start(t, { settings: { sizeThreshold: 500 } });
  await client.initialize();
  await client.didOpen(URI, TEXT);
  const secondLine = { start: { line: 1, character: 0 }, end: { line: 1, character: 17 } };
  const hints = await client.inlayHints(URI, secondLine);
  assert.deepEqual(labels(hints), [shortBytes(pythonDeepSize('[0] * 100'))]);
});

test('a bad threshold is reported and the default kept', async (t) => {
  const client = LspTestClient.start(t, { settings: { sizeThreshold: 'big' } });
  await client.initialize();
  await client.didOpen(URI, TEXT);
  assert.equal(labels(await client.inlayHints(URI, WHOLE)).length, 2);
  assert.ok(
    client.messages.some((message) => message.message.includes('sizeThreshold')),
    JSON.stringify(client.messages),
  );
});
