// [tool.memhints] in pyproject.toml through the server: it applies to the files
// below it (within the workspace folder), a broken one is reported once as a
// warning and as diagnostics on the file, and edits to it take effect when the
// editor reports the file changed.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  DiagnosticSeverity,
  FileChangeType,
  MessageType,
  type ClientCapabilities,
} from 'vscode-languageserver-protocol';
import { CLIENT_CAPABILITIES, LspTestClient } from '../support/lspClient';

const TEXT = 'total = sum([x * x for x in xs])\nfor x in list(xs):\n    print(x)\n';
const WATCHING: ClientCapabilities = {
  ...CLIENT_CAPABILITIES,
  workspace: { ...CLIENT_CAPABILITIES.workspace, didChangeWatchedFiles: { dynamicRegistration: true } },
};

function folder(t: TestContext, files: Readonly<Record<string, string>>): string {
  const root = mkdtempSync(join(tmpdir(), 'memhints-lsp-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

const uri = (path: string) => pathToFileURL(path).href;
const codes = (diagnostics: readonly { code?: string | number }[]) => diagnostics.map((d) => d.code).sort();

test('ignore = ["MEM101"] in a pyproject.toml silences MEM101 in the files below it, not elsewhere', async (t) => {
  const root = folder(t, {
    'project/pyproject.toml': '[tool.memhints]\nignore = ["MEM101"]\n',
    'project/pkg/mod.py': TEXT,
    'loose/mod.py': TEXT,
  });
  const client = LspTestClient.start(t, { capabilities: WATCHING });
  await client.initialize();
  const inProject = await client.didOpen(uri(join(root, 'project', 'pkg', 'mod.py')), TEXT);
  assert.deepEqual(codes(inProject.diagnostics), ['MEM102']);
  const loose = await client.didOpen(uri(join(root, 'loose', 'mod.py')), TEXT);
  assert.deepEqual(codes(loose.diagnostics), ['MEM101', 'MEM102']);
  assert.ok(
    client.registrations.some((r) => r.method === 'workspace/didChangeWatchedFiles'),
    'the server watches pyproject.toml files',
  );
  assert.deepEqual(client.messages, []);
});

test('the pyproject.toml wins over the editor settings, key by key', async (t) => {
  const root = folder(t, { 'pyproject.toml': '[tool.memhints]\nignore = ["MEM102"]\n' });
  const client = LspTestClient.start(t, { settings: { ignore: ['MEM101'], severity: { MEM101: 'hint' } } });
  await client.initialize();
  const { diagnostics } = await client.didOpen(uri(join(root, 'mod.py')), TEXT);
  assert.deepEqual(codes(diagnostics), ['MEM101']);
  assert.equal(diagnostics[0]!.severity, DiagnosticSeverity.Hint);
});

test('the search for pyproject.toml stops at the workspace folder', async (t) => {
  const root = folder(t, { 'pyproject.toml': '[tool.memhints]\nignore = ["MEM101"]\n', 'ws/mod.py': TEXT });
  const client = LspTestClient.start(t, { workspaceFolders: [uri(join(root, 'ws'))] });
  await client.initialize();
  const { diagnostics } = await client.didOpen(uri(join(root, 'ws', 'mod.py')), TEXT);
  assert.deepEqual(codes(diagnostics), ['MEM101', 'MEM102']);
});

test('an invalid pyproject.toml: one warning naming the file and key, diagnostics at the keys, defaults for them; fixing it clears them', async (t) => {
  const broken = '[tool.memhints]\nselect = ["MEM1"]\nselec = ["MEM101"]\nignore = "MEM102"\n';
  const root = folder(t, { 'pyproject.toml': broken });
  const pyproject = join(root, 'pyproject.toml');
  const document = uri(join(root, 'mod.py'));
  const client = LspTestClient.start(t, { capabilities: WATCHING });
  await client.initialize();
  const reported = client.waitForDiagnostics(uri(pyproject));
  const opened = await client.didOpen(document, TEXT);
  // select = ["MEM1"] is valid and applies; the bad ignore falls back to none.
  assert.deepEqual(codes(opened.diagnostics), ['MEM101', 'MEM102']);
  const { diagnostics } = await reported;
  assert.deepEqual(
    diagnostics.map((d) => [d.range.start.line, String(d.message).split(':')[0]]),
    [
      [2, 'tool.memhints.selec'],
      [3, 'tool.memhints.ignore'],
    ],
  );
  assert.match(String(diagnostics[0]!.message), /did you mean `select`\?/);
  const warnings = client.messages.filter((m) => m.type === MessageType.Warning);
  assert.equal(warnings.length, 1, JSON.stringify(client.messages));
  assert.ok(warnings[0]!.message.includes(pyproject), warnings[0]!.message);
  assert.match(warnings[0]!.message, /tool\.memhints\.selec/);

  // Another document under the same file brings no second warning.
  await client.didOpen(uri(join(root, 'other.py')), TEXT);
  assert.equal(client.messages.length, 1);

  writeFileSync(pyproject, '[tool.memhints]\nignore = ["MEM101"]\n');
  const cleared = client.waitForDiagnostics(uri(pyproject));
  const relinted = client.waitForDiagnostics(document);
  client.didChangeWatchedFiles([{ uri: uri(pyproject), type: FileChangeType.Changed }]);
  assert.deepEqual(codes((await relinted).diagnostics), ['MEM102']);
  assert.deepEqual((await cleared).diagnostics, []);
  assert.equal(client.messages.length, 1);
});

test('unparsable TOML: all defaults, and a diagnostic where the syntax breaks; the warning names the file within the workspace folder', async (t) => {
  const root = folder(t, { 'pkg/pyproject.toml': '[tool.memhints]\nignore = ["MEM101"\n\n[project]\n' });
  const pyproject = uri(join(root, 'pkg', 'pyproject.toml'));
  const client = LspTestClient.start(t, { workspaceFolders: [uri(root)] });
  await client.initialize();
  const reported = client.waitForDiagnostics(pyproject);
  const opened = await client.didOpen(uri(join(root, 'pkg', 'mod.py')), TEXT);
  assert.deepEqual(codes(opened.diagnostics), ['MEM101', 'MEM102']);
  const { diagnostics } = await reported;
  assert.equal(diagnostics.length, 1);
  assert.match(String(diagnostics[0]!.message), /^invalid TOML: /);
  assert.ok(diagnostics[0]!.range.start.line >= 1, JSON.stringify(diagnostics[0]!.range));
  assert.ok(
    client.messages[0]!.message.startsWith(`memhints: ${join('pkg', 'pyproject.toml')}: line `),
    client.messages[0]!.message,
  );
  assert.match(
    client.messages[0]!.message,
    /pyproject\.toml: line \d+, column \d+: invalid TOML: .*; the default settings are used\.$/,
  );
});

test('a pyproject.toml created after the document was opened takes effect when reported', async (t) => {
  const root = folder(t, {});
  const document = uri(join(root, 'mod.py'));
  const client = LspTestClient.start(t, { capabilities: WATCHING });
  await client.initialize();
  assert.deepEqual(codes((await client.didOpen(document, TEXT)).diagnostics), ['MEM101', 'MEM102']);
  writeFileSync(join(root, 'pyproject.toml'), '[tool.memhints]\nselect = ["MEM101"]\n');
  const relinted = client.waitForDiagnostics(document);
  client.didChangeWatchedFiles([{ uri: uri(join(root, 'pyproject.toml')), type: FileChangeType.Created }]);
  assert.deepEqual(codes((await relinted).diagnostics), ['MEM101']);
});
