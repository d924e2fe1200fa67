// Changes that pile up while the server is busy: each edits the text and the
// trees, but only the last is analysed and published, and what is published
// is what a fresh open of the same text gives. The changes are written to the
// server in one write (sendTogether), so that it reads them all before it
// handles the first, as when an editor's keystrokes wait behind a slow one.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Diagnostic, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { LspTestClient } from '../support/lspClient';
import { applyContentChanges, positionAt, rangeOfText } from '../support/textEdits';

const START = [
  'import statistics',
  '',
  'def summarise(xs):',
  '    total = sum([x * x for x in xs])',
  '    return total',
  '',
  'def spread(xs):',
  '    return statistics.stdev(xs)',
  '',
  'zeros = [0] * 1000',
  '',
].join('\n');

/** What makes two diagnostics the same finding; the order is the document order. */
function summary(diagnostics: readonly Diagnostic[]): unknown[] {
  return diagnostics.map(({ range, code, message, severity, source }) => ({ range, code, message, severity, source }));
}

/** Typing `typed` one character per change at `offset`, each change relative to the text before it. */
function typing(text: string, offset: number, typed: string): TextDocumentContentChangeEvent[] {
  const changes: TextDocumentContentChangeEvent[] = [];
  let at = positionAt(text, offset);
  for (const character of typed) {
    changes.push({ range: { start: at, end: at }, text: character });
    at = character === '\n' ? { line: at.line + 1, character: 0 } : { line: at.line, character: at.character + 1 };
  }
  return changes;
}

const didChange = (uri: string, version: number, change: TextDocumentContentChangeEvent) => ({
  method: 'textDocument/didChange',
  params: { textDocument: { uri, version }, contentChanges: [change] },
});

test('quick changes are published once, for the last version, as a fresh open of its text', async (t) => {
  const client = LspTestClient.start(t);
  await client.initialize();
  const uri = 'file:///workspace/typed-fast.py';
  await client.didOpen(uri, START);
  const typed = '    peak = max([abs(x) for x in xs])\n';
  const changes = typing(START, START.indexOf('    return statistics'), typed);
  const text = applyContentChanges(START, changes);
  const last = changes.length + 1;
  const before = client.publications.length;
  const published = client.waitForDiagnostics(uri, last);
  await client.sendTogether(changes.map((change, index) => didChange(uri, index + 2, change)));
  const final = await published;

  assert.deepEqual(
    client.publications.slice(before).map((params) => params.version),
    [last],
    'one publication, for the last change',
  );
  const fresh = await client.didOpen('file:///workspace/typed-fresh.py', text);
  assert.deepEqual(summary(final.diagnostics), summary(fresh.diagnostics));
  assert.deepEqual(
    final.diagnostics.map((diagnostic) => diagnostic.range),
    [rangeOfText(text, '[x * x for x in xs]'), rangeOfText(text, '[abs(x) for x in xs]')],
  );
});

test('a request between queued changes is answered on the text of its place in the queue', async (t) => {
  const client = LspTestClient.start(t);
  await client.initialize();
  const uri = 'file:///workspace/between.py';
  await client.didOpen(uri, START);
  // The hover asks about the list after the first change moved it one line down; the changes after it move it again.
  const first = typing(START, 0, '\n');
  const afterFirst = applyContentChanges(START, first);
  const second = typing(afterFirst, 0, '# note\n');
  const hoverAt = positionAt(afterFirst, afterFirst.indexOf('[0] * 1000') + '[0] '.length);
  const last = 2 + second.length;
  const published = client.waitForDiagnostics(uri, last);
  const responses = await client.sendTogether([
    didChange(uri, 2, first[0]!),
    {
      id: 'hover-between',
      method: 'textDocument/hover',
      params: { textDocument: { uri }, position: hoverAt },
    },
    ...second.map((change, index) => ({
      method: 'textDocument/didChange',
      params: { textDocument: { uri, version: 3 + index }, contentChanges: [change] },
    })),
  ]);
  const hover = responses.get('hover-between');
  assert.equal(hover?.error, undefined, JSON.stringify(hover?.error));
  assert.deepEqual(
    (hover?.result as { range?: unknown } | null)?.range,
    rangeOfText(afterFirst, '[0] * 1000'),
    'the hover is about the list where the first change left it',
  );
  const final = await published;
  const text = applyContentChanges(afterFirst, second);
  const fresh = await client.didOpen('file:///workspace/between-fresh.py', text);
  assert.deepEqual(summary(final.diagnostics), summary(fresh.diagnostics));
});

test('changes followed by the close publish nothing but the cleared diagnostics', async (t) => {
  const client = LspTestClient.start(t);
  await client.initialize();
  const uri = 'file:///workspace/closed-fast.py';
  await client.didOpen(uri, START);
  const changes = typing(START, START.indexOf('    return total'), '    again = sorted([y for y in xs])\n');
  const before = client.publications.length;
  const cleared = client.waitForDiagnostics(uri);
  await client.sendTogether([
    ...changes.map((change, index) => didChange(uri, index + 2, change)),
    { method: 'textDocument/didClose', params: { textDocument: { uri } } },
  ]);
  assert.deepEqual((await cleared).diagnostics, []);
  assert.deepEqual(
    client.publications.slice(before).map((params) => params.diagnostics.length),
    [0],
  );
});
