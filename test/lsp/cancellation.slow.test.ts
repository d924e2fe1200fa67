// Requests the client cancels while they wait in the server's queue (VS Code
// cancels hovers, code actions and inlay hints as soon as the document
// changes) are answered with RequestCancelled, without the work; the same
// requests not cancelled get their answer. Each request is written together
// with its cancellation (sendTogether), so that both are queued before the
// server handles the request.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LSPErrorCodes } from 'vscode-languageserver-protocol';
import { LspTestClient, type TogetherMessage } from '../support/lspClient';
import { positionAt, rangeOfText } from '../support/textEdits';

const TEXT = 'zeros = [0] * 1000\ntotal = sum([x * x for x in zeros])\n';
const URI = 'file:///workspace/cancelled.py';

const REQUESTS: readonly { readonly name: string; readonly method: string; readonly params: unknown }[] = [
  {
    name: 'hover',
    method: 'textDocument/hover',
    params: { textDocument: { uri: URI }, position: positionAt(TEXT, TEXT.indexOf('] * 1000') + 2) },
  },
  {
    name: 'code actions',
    method: 'textDocument/codeAction',
    params: {
      textDocument: { uri: URI },
      range: rangeOfText(TEXT, '[x * x for x in zeros]'),
      context: { diagnostics: [] },
    },
  },
  {
    name: 'inlay hints',
    method: 'textDocument/inlayHint',
    params: {
      textDocument: { uri: URI },
      range: { start: { line: 0, character: 0 }, end: positionAt(TEXT, TEXT.length) },
    },
  },
];

for (const { name, method, params } of REQUESTS) {
  test(`${name} cancelled while queued are answered RequestCancelled; not cancelled, they are answered`, async (t) => {
    const client = LspTestClient.start(t, { settings: { sizeThreshold: 0 } });
    await client.initialize();
    await client.didOpen(URI, TEXT);
    const request = (id: string): TogetherMessage => ({ id, method, params });
    const cancel = (id: string): TogetherMessage => ({ method: '$/cancelRequest', params: { id } });

    const answered = (await client.sendTogether([request('kept')])).get('kept');
    assert.equal(answered?.error, undefined, JSON.stringify(answered?.error));
    const result = answered?.result;
    assert.ok(result !== null && !(Array.isArray(result) && result.length === 0), `${name}: something to answer`);

    const cancelled = (await client.sendTogether([request('dropped'), cancel('dropped')])).get('dropped');
    assert.equal(cancelled?.error?.code, LSPErrorCodes.RequestCancelled, JSON.stringify(cancelled));
    assert.equal(cancelled?.result, undefined);
  });
}
