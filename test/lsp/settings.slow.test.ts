// Settings reach the server through workspace/configuration (pulled after
// didChangeConfiguration) or inside didChangeConfiguration (pushed).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DiagnosticSeverity, MessageType, type ClientCapabilities } from 'vscode-languageserver-protocol';
import { CLIENT_CAPABILITIES, LspTestClient } from '../support/lspClient';

const URI = 'file:///workspace/settings.py';
const TEXT = 'total = sum([x * x for x in xs])\nlongest = max([len(s) for s in names])\n';

test('ignore: ["MEM101"] from workspace/configuration republishes the diagnostics without MEM101, and removing it brings them back', async (t) => {
  const client = LspTestClient.start(t);
  await client.initialize();
  const opened = await client.didOpen(URI, TEXT);
  assert.deepEqual(
    opened.diagnostics.map((d) => d.code),
    ['MEM101', 'MEM101'],
  );

  const asked = client.configurationRequests.length;
  let republished = client.waitForDiagnostics(URI, 1);
  client.changeSettings({ ignore: ['MEM101'] });
  assert.deepEqual((await republished).diagnostics, []);
  assert.deepEqual(client.configurationRequests.slice(asked), ['memhints']);

  republished = client.waitForDiagnostics(URI, 1);
  client.changeSettings({});
  assert.deepEqual((await republished).diagnostics, opened.diagnostics);
});

test('settings answered at startup apply to the very first diagnostics', async (t) => {
  const client = LspTestClient.start(t, { settings: { severity: { MEM101: 'hint' } } });
  await client.initialize();
  const { diagnostics } = await client.didOpen(URI, TEXT);
  assert.equal(diagnostics.length, 2);
  assert.ok(diagnostics.every((d) => d.severity === DiagnosticSeverity.Hint));
  assert.ok(client.configurationRequests.includes('memhints'));
  assert.ok(client.registrations.some((r) => r.method === 'workspace/didChangeConfiguration'));
});

test('a client without workspace/configuration pushes settings in didChangeConfiguration', async (t) => {
  const workspace = {
    ...CLIENT_CAPABILITIES.workspace,
    configuration: false,
    didChangeConfiguration: { dynamicRegistration: false },
  };
  const capabilities: ClientCapabilities = { ...CLIENT_CAPABILITIES, workspace };
  const client = LspTestClient.start(t, { capabilities });
  await client.initialize();
  const opened = await client.didOpen(URI, TEXT);
  assert.equal(opened.diagnostics.length, 2);
  const republished = client.waitForDiagnostics(URI, 1);
  client.pushSettings({ ignore: ['MEM1'] });
  assert.deepEqual((await republished).diagnostics, []);
  assert.deepEqual(client.configurationRequests, []);
  assert.deepEqual(client.registrations, []);
});

test('invalid settings are reported to the user and the defaults stay in force', async (t) => {
  // A client that answers no window/showMessageRequest: the report must still arrive and the server live on.
  const client = LspTestClient.start(t, { answersMessageRequests: false });
  await client.initialize();
  const opened = await client.didOpen(URI, TEXT);
  const republished = client.waitForDiagnostics(URI, 1);
  client.changeSettings({ ignore: 'MEM101' });
  assert.deepEqual((await republished).diagnostics, opened.diagnostics);
  const warnings = client.messages.filter((m) => m.type === MessageType.Warning).map((m) => m.message);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, /memhints\.ignore/);
  const edited = await client.didChange(URI, 2, [
    { range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: 'x = 1\n' },
  ]);
  assert.deepEqual(edited.diagnostics, opened.diagnostics);
});

test('pythonVersion reaches the rules: a module-level str grown in a loop is copied from 3.11 on, resized in place before', async (t) => {
  const client = LspTestClient.start(t);
  await client.initialize();
  const uri = 'file:///workspace/grown.py';
  const opened = await client.didOpen(uri, 'import sys\ntext = ""\nfor arg in sys.argv:\n    text += arg\n');
  assert.deepEqual(
    opened.diagnostics.map((d) => d.code),
    ['MEM201'],
  );
  let republished = client.waitForDiagnostics(uri, 1);
  client.changeSettings({ pythonVersion: '3.10' });
  assert.deepEqual((await republished).diagnostics, []);
  republished = client.waitForDiagnostics(uri, 1);
  client.changeSettings({ pythonVersion: '3.12' });
  assert.deepEqual(
    (await republished).diagnostics.map((d) => d.code),
    ['MEM201'],
  );
});
