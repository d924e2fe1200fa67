// The server's life over stdio: what it announces, closing documents, shutdown and exit.
// And over node IPC, as VS Code starts it.
import assert from 'node:assert/strict';
import { fork, spawn } from 'node:child_process';
import { test } from 'node:test';
import {
  CodeActionKind,
  createProtocolConnection,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  IPCMessageReader,
  IPCMessageWriter,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  TextDocumentSyncKind,
  type CodeActionOptions,
  type PublishDiagnosticsParams,
  type TextDocumentSyncOptions,
} from 'vscode-languageserver-protocol/node';
import { EXIT_BAD_MESSAGE } from '../../server/src/serverConnection';
import { LspTestClient } from '../support/lspClient';
import { SERVER_BUNDLE } from '../support/paths';

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

test('over node IPC, as VS Code starts it, the server answers, publishes and exits', async (t) => {
  const child = fork(SERVER_BUNDLE, ['--node-ipc', `--clientProcessId=${process.pid}`], {
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  t.after(() => {
    if (child.exitCode === null) child.kill();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
  const published = new Promise<PublishDiagnosticsParams>((resolve) =>
    connection.onNotification(PublishDiagnosticsNotification.type, resolve),
  );
  connection.listen();
  const { serverInfo } = await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: null,
    capabilities: {},
  });
  assert.equal(serverInfo?.name, 'memhints');
  await connection.sendNotification(InitializedNotification.type, {});
  await connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: {
      uri: 'file:///workspace/ipc.py',
      languageId: 'python',
      version: 1,
      text: 'total = sum([x * x for x in range(10**6)])\n',
    },
  });
  const { uri, diagnostics } = await published;
  assert.equal(uri, 'file:///workspace/ipc.py');
  assert.deepEqual(
    diagnostics.map((diagnostic) => diagnostic.code),
    ['MEM101'],
  );
  await connection.sendRequest(ShutdownRequest.type);
  await connection.sendNotification(ExitNotification.type);
  assert.equal(await exited, 0);
  connection.dispose();
});

test('a client that goes away ends the server, even with the analysis thread at work', async (t) => {
  const client = LspTestClient.start(t, { settings: { analysisBudget: 1 } });
  await client.initialize();
  const text = Array.from({ length: 300 }, (_, index) => `def f${index}(xs):\n    return sum([x for x in xs])\n`).join(
    '\n',
  );
  const first = await client.didOpen('file:///workspace/slow.py', text);
  assert.ok(
    first.diagnostics.some((diagnostic) => /partially analysed/.test(String(diagnostic.message))),
    'handed to the analysis thread',
  );
  await client.closeInput();
  assert.equal(client.running, false);
});

/** The server's exit status and stderr after `input`, with stdin left open as an editor leaves it. */
function afterWriting(input: string): Promise<{ status: number | null; stderr: string }> {
  const child = spawn(process.execPath, [SERVER_BUNDLE, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdout.resume();
  const killer = setTimeout(() => child.kill(), 20_000);
  child.stdin.write(input);
  return new Promise((resolve) =>
    child.on('exit', (status) => {
      clearTimeout(killer);
      resolve({ status, stderr });
    }),
  );
}

test('over stdio, a message that cannot be read ends the server with an error the client can restart it on', async () => {
  const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'shutdown' });
  const cases = {
    'no Content-Length': `Content-Type: application/json\r\n\r\n${body}`,
    'a Content-Length that is no number': `Content-Length: many\r\n\r\n${body}`,
    'a negative Content-Length': `Content-Length: -5\r\n\r\n${body}`,
    'a Content-Length short of the body': `Content-Length: 10\r\n\r\n${body}`,
  };
  for (const [name, input] of Object.entries(cases)) {
    const { status, stderr } = await afterWriting(input);
    assert.equal(status, EXIT_BAD_MESSAGE, `${name}: ${stderr}`);
    assert.match(stderr, /^memhints: cannot read a message from the client \(.+\); exiting/, name);
  }
});
