// The server's life over stdio: what it announces, closing documents, shutdown and exit.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  CodeActionKind,
  TextDocumentSyncKind,
  type CodeActionOptions,
  type TextDocumentSyncOptions,
} from 'vscode-languageserver-protocol';
import { LspTestClient } from '../support/lspClient';

test('initialize announces incremental sync, hover and code actions including source.fixAll.memhints', async (t) => {
  const client = LspTestClient.start(t);
  const { capabilities, serverInfo } = await client.initialize();
  assert.equal(serverInfo?.name, 'memhints');
  const sync = capabilities.textDocumentSync as TextDocumentSyncOptions;
  assert.equal(sync.openClose, true);
  assert.equal(sync.change, TextDocumentSyncKind.Incremental);
  assert.equal(capabilities.hoverProvider, true);
  const codeActions = capabilities.codeActionProvider as CodeActionOptions;
  assert.ok(codeActions.codeActionKinds?.includes(CodeActionKind.QuickFix));
  assert.ok(codeActions.codeActionKinds?.includes('source.fixAll.memhints'));
});

test("didClose clears the document's diagnostics and forgets it", async (t) => {
  const client = LspTestClient.start(t);
  await client.initialize();
  const uri = 'file:///workspace/closing.py';
  const opened = await client.didOpen(uri, 'total = sum([x * x for x in xs])\n');
  assert.equal(opened.diagnostics.length, 1);
  const closed = await client.didClose(uri);
  assert.deepEqual(closed.diagnostics, []);
  const range = opened.diagnostics[0]!.range;
  assert.deepEqual(await client.codeActions(uri, range), []);
});

test('shutdown then exit ends the server with code 0', async (t) => {
  const client = LspTestClient.start(t);
  await client.initialize();
  await client.didOpen('file:///workspace/open.py', 'x = 1\n');
  assert.equal(await client.shutdown(), 0);
});

test('requests and changes for a document that is not open are answered, not fatal', async (t) => {
  const client = LspTestClient.start(t);
  await client.initialize();
  const unknown = 'file:///workspace/never-opened.py';
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } };
  void client.didChange(unknown, 2, [{ range, text: 'x' }]);
  assert.deepEqual(await client.codeActions(unknown, range), []);
  assert.equal(await client.hover(unknown, range.start), null);
  const { diagnostics } = await client.didOpen('file:///workspace/after.py', 'total = sum([x for x in xs])\n');
  assert.equal(diagnostics.length, 1);
  assert.equal(client.serverLog, '');
});
