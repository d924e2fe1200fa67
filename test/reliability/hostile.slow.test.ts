// Hostile inputs through the language server and the CLI: each is answered in
// bounded time (the clients' timeouts), nothing crashes, and a file memhints
// declines to parse says so (one information diagnostic, a CLI notice).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { hasStackTrace, jsonFindings, memhints, project } from '../support/cli';
import { LspTestClient } from '../support/lspClient';
import { positionAt } from '../support/textEdits';
import { rangeInside } from './fuzz';
import { BINARY_FILE, hostileInputs, INVALID_UTF8 } from './hostileInputs';

const FLAGGED = 'total = sum([x * x for x in xs])\n';

test('the server answers every hostile input and still works afterwards', async (t) => {
  const client = LspTestClient.start(t);
  await client.initialize();
  const inputs = hostileInputs();
  for (const [index, input] of inputs.entries()) {
    const uri = `file:///hostile/${index}.py`;
    const { diagnostics } = await client.didOpen(uri, input.text);
    assert.ok(
      diagnostics.every((d) => rangeInside(input.text, d.range)),
      `${input.name}: a diagnostic outside the document`,
    );
    if (input.expect === 'skipped') {
      assert.equal(diagnostics.length, 1, input.name);
      assert.equal(diagnostics[0]!.severity, DiagnosticSeverity.Information, input.name);
      assert.match(String(diagnostics[0]!.message), /^memhints did not check this file: /, input.name);
    } else {
      // Findings may be information (unknown scale); the notice of a skipped file must not be among them.
      assert.ok(
        diagnostics.every((d) => !/^memhints did not check this file: /.test(String(d.message))),
        `${input.name}: ${JSON.stringify(diagnostics)}`,
      );
    }
    for (const fraction of [0, 0.5, 1])
      await client.hover(uri, positionAt(input.text, Math.floor(input.text.length * fraction)));
    const whole = { start: { line: 0, character: 0 }, end: positionAt(input.text, input.text.length) };
    await client.codeActions(uri, whole);
    // An edit at the end: incremental parsing of the same input.
    const end = positionAt(input.text, input.text.length);
    await client.didChange(uri, 2, [{ range: { start: end, end }, text: `\n${FLAGGED}` }]);
    await client.didClose(uri);
  }
  const after = await client.didOpen('file:///hostile/after.py', FLAGGED);
  assert.deepEqual(
    after.diagnostics.map((d) => d.code),
    ['MEM101'],
  );
  assert.deepEqual(client.loggedErrors, []);
  assert.ok(client.running);
});

test('a document grows past memhints.maxFileSize and back under it', async (t) => {
  const client = LspTestClient.start(t, { settings: { maxFileSize: 200 } });
  await client.initialize();
  const uri = 'file:///hostile/growing.py';
  assert.deepEqual(
    (await client.didOpen(uri, FLAGGED)).diagnostics.map((d) => d.code),
    ['MEM101'],
  );
  const end = positionAt(FLAGGED, FLAGGED.length);
  const padding = `# ${'x'.repeat(300)}\n`;
  const grown = await client.didChange(uri, 2, [{ range: { start: end, end }, text: padding }]);
  assert.equal(grown.diagnostics.length, 1);
  assert.match(
    String(grown.diagnostics[0]!.message),
    /it is 3\d\d bytes, over the size limit of 200 bytes\. Raise the memhints\.maxFileSize setting/,
  );
  const shrunk = await client.didChange(uri, 3, [
    { range: { start: end, end: { line: end.line + 1, character: 0 } }, text: '' },
  ]);
  assert.deepEqual(
    shrunk.diagnostics.map((d) => d.code),
    ['MEM101'],
  );
  // Raising the limit re-checks open documents.
  await client.didChange(uri, 4, [{ range: { start: end, end }, text: padding }]);
  const rechecked = client.waitForDiagnostics(uri);
  client.changeSettings({ maxFileSize: 10_000 });
  assert.deepEqual(
    (await rechecked).diagnostics.map((d) => d.code),
    ['MEM101'],
  );
});

test('the CLI checks or skips every hostile input with a notice, never an internal error', (t) => {
  const inputs = hostileInputs();
  const files: Record<string, string | Uint8Array> = {
    'invalid_utf8.py': INVALID_UTF8,
    'binary.py': BINARY_FILE,
    'good.py': FLAGGED,
  };
  for (const [index, input] of inputs.entries()) files[`hostile_${String(index).padStart(2, '0')}.py`] = input.text;
  const root = project(t, files);
  const run = memhints(['check', '--format', 'json', '--no-progress'], root);
  assert.equal(run.status, 2, 'files that are not UTF-8 make the exit code 2');
  assert.ok(!hasStackTrace(run.stderr), run.stderr);
  assert.doesNotMatch(run.stderr, /internal error/);
  assert.match(
    run.stderr,
    /^memhints: error: invalid_utf8\.py: cannot read: not valid UTF-8 \(first bad byte at offset 8\)$/m,
  );
  assert.match(run.stderr, /^memhints: error: binary\.py: cannot read: not valid UTF-8/m);
  for (const [index, input] of inputs.entries()) {
    const name = `hostile_${String(index).padStart(2, '0')}.py`;
    const notice = new RegExp(`^memhints: notice: ${name.replace('.', '\\.')}: not checked: `, 'm');
    if (input.expect === 'skipped') assert.match(run.stderr, notice, input.name);
    else assert.doesNotMatch(run.stderr, notice, input.name);
  }
  const findings = jsonFindings(run);
  assert.ok(findings.some((f) => f.file === 'good.py' && f.code === 'MEM101'));
  assert.ok(
    findings.some((f) => f.file.startsWith('hostile_') && f.code === 'MEM101'),
    'the NUL-byte file is still checked',
  );
});

test('--max-file-size raises the limit: a single 5 MB line is then parsed and checked', (t) => {
  const line = `x = sum([${'1, '.repeat((5 * 1024 * 1024) / 3)}])\n`;
  const root = project(t, { 'long_line.py': line });
  const skipped = memhints(['check', 'long_line.py'], root);
  assert.equal(skipped.status, 0);
  const bytes = Buffer.byteLength(line).toLocaleString('en-US');
  assert.equal(
    skipped.stderr,
    `memhints: notice: long_line.py: not checked: it is 5 MiB (${bytes} bytes), over the size limit of 2 MiB (2,097,152 bytes) (see --max-file-size)\n`,
  );
  const checked = memhints(['check', '--max-file-size', '6000000', '--format', 'json', 'long_line.py'], root);
  assert.equal(checked.stderr, '');
  assert.equal(checked.status, 0, 'a list display of constants is not flagged');
  assert.deepEqual(jsonFindings(checked), []);
  const bad = memhints(['check', '--max-file-size', '2MB', join(root, 'long_line.py')], root);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--max-file-size must be a whole number of bytes/);
});
