// Code actions over stdio: the quick-fix, the noqa comment and fix-all on save,
// checked by applying their edits to the text as an editor would.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { CodeActionKind, type CodeAction } from 'vscode-languageserver-protocol';
import { actionTitled, LspTestClient } from '../support/lspClient';
import { applyCodeAction, applyContentChanges, asContentChanges, editsFor, rangeOfText } from '../support/textEdits';

const URI = 'file:///workspace/actions.py';

/** Runs a Python program and returns what it prints. */
function runPython(program: string): string {
  return execFileSync('python3', ['-c', program], { encoding: 'utf8' });
}

test('the MEM101 quick-fix turns the list comprehension into a generator expression', async (t) => {
  const client = LspTestClient.start(t);
  await client.initialize();
  const text = 'total = sum([x * x for x in xs])\n';
  const { diagnostics } = await client.didOpen(URI, text);
  const actions = await client.codeActions(URI, diagnostics[0]!.range);
  const fix = actionTitled(actions, 'Use a generator expression');
  assert.equal(fix.kind, CodeActionKind.QuickFix);
  assert.equal(fix.isPreferred, true);
  assert.deepEqual(
    fix.diagnostics?.map((d) => d.code),
    ['MEM101'],
  );
  const fixed = applyCodeAction(text, URI, fix);
  assert.equal(fixed, 'total = sum(x * x for x in xs)\n');

  // The editor applies the edit and reports it as a change: the finding is gone.
  const after = await client.didChange(URI, 2, asContentChanges(text, editsFor(fix.edit, URI)));
  assert.deepEqual(after.diagnostics, []);
});

test('"Ignore MEM101 for this line" appends a noqa comment, and the diagnostic goes once it is in the text', async (t) => {
  const client = LspTestClient.start(t);
  await client.initialize();
  const text = 'total = sum([x * x for x in xs])\nrest = 1\n';
  const { diagnostics } = await client.didOpen(URI, text);
  const ignore = actionTitled(await client.codeActions(URI, diagnostics[0]!.range), 'Ignore MEM101 for this line');
  assert.equal(ignore.kind, CodeActionKind.QuickFix);
  const changes = asContentChanges(text, editsFor(ignore.edit, URI));
  const ignored = applyContentChanges(text, changes);
  assert.equal(ignored, 'total = sum([x * x for x in xs])  # noqa: MEM101\nrest = 1\n');
  assert.equal(applyCodeAction(text, URI, ignore), ignored);
  const after = await client.didChange(URI, 2, changes);
  assert.deepEqual(after.diagnostics, []);
});

test('"Ignore MEM101 for this line" merges into an existing noqa comment', async (t) => {
  const client = LspTestClient.start(t);
  await client.initialize();
  const text = 'total = sum([x * x for x in xs])  # noqa: MEM102\n';
  const { diagnostics } = await client.didOpen(URI, text);
  assert.deepEqual(
    diagnostics.map((d) => d.code),
    ['MEM101'],
  );
  const ignore = actionTitled(await client.codeActions(URI, diagnostics[0]!.range), 'Ignore MEM101 for this line');
  assert.equal(applyCodeAction(text, URI, ignore), 'total = sum([x * x for x in xs])  # noqa: MEM102, MEM101\n');
  const after = await client.didChange(URI, 2, asContentChanges(text, editsFor(ignore.edit, URI)));
  assert.deepEqual(after.diagnostics, []);
});

test('source.fixAll.memhints applies the safe fixes only and keeps what the program computes', async (t) => {
  const client = LspTestClient.start(t);
  await client.initialize();
  const text = [
    'xs = [3, -1, 4, -1, 5]',
    'def magnitude(x):',
    '    return abs(x)',
    'total = sum([x * x for x in xs])',
    'found = any([x > 4 for x in xs])',
    'peak = max([magnitude(x) for x in xs])',
    'lowest = min([abs(x) for x in xs])',
    'print(total, found, peak, lowest)',
    '',
  ].join('\n');
  const { diagnostics } = await client.didOpen(URI, text);
  assert.equal(diagnostics.length, 4);
  const whole = { start: { line: 0, character: 0 }, end: { line: 8, character: 0 } };
  const actions = await client.codeActions(URI, whole, ['source.fixAll.memhints']);
  assert.deepEqual(
    actions.map((action) => (action as CodeAction).kind),
    ['source.fixAll.memhints'],
  );
  const fixed = applyCodeAction(text, URI, actions[0] as CodeAction);

  assert.ok(fixed.includes('total = sum(x * x for x in xs)\n'), fixed);
  // any() stops at the first true item, so a generator would evaluate fewer items: unsafe, left alone.
  assert.ok(fixed.includes('found = any([x > 4 for x in xs])\n'), fixed);
  // magnitude() is a call the analysis cannot see into, which a generator would interleave with max(): unsafe as well.
  assert.ok(fixed.includes('peak = max([magnitude(x) for x in xs])\n'), fixed);
  // abs() is a builtin that changes nothing: as safe as arithmetic.
  assert.ok(fixed.includes('lowest = min(abs(x) for x in xs)\n'), fixed);
  assert.equal(runPython(fixed), runPython(text));

  const reopened = await client.didOpen('file:///workspace/fixed.py', fixed);
  assert.deepEqual(
    reopened.diagnostics.map((d) => d.range),
    [rangeOfText(fixed, '[x > 4 for x in xs]'), rangeOfText(fixed, '[magnitude(x) for x in xs]')],
  );
});

test('a request for source.fixAll.memhints offers no quick-fixes, and a quick-fix request no fix-all', async (t) => {
  const client = LspTestClient.start(t);
  await client.initialize();
  const text = 'total = sum([x * x for x in xs])\n';
  const { diagnostics } = await client.didOpen(URI, text);
  const fixAll = await client.codeActions(URI, diagnostics[0]!.range, ['source.fixAll.memhints']);
  assert.deepEqual(
    fixAll.map((action) => (action as CodeAction).kind),
    ['source.fixAll.memhints'],
  );
  const quickFixes = await client.codeActions(URI, diagnostics[0]!.range, [CodeActionKind.QuickFix]);
  assert.ok(quickFixes.length > 0);
  assert.ok(quickFixes.every((action) => (action as CodeAction).kind === CodeActionKind.QuickFix));
});

test('the noqa comment goes before a CRLF line end, and after a comment already ending the line', async (t) => {
  const client = LspTestClient.start(t);
  await client.initialize();
  const text = 'total = sum([x * x for x in xs])\r\nlongest = max([x  # widths\r\n               for x in xs])\r\n';
  const { diagnostics } = await client.didOpen(URI, text);
  assert.deepEqual(
    diagnostics.map((d) => d.range.start.line),
    [0, 1],
  );
  let ignored = text;
  for (const diagnostic of diagnostics) {
    const ignore = actionTitled(await client.codeActions(URI, diagnostic.range), 'Ignore MEM101 for this line');
    ignored = applyCodeAction(ignored, URI, ignore);
  }
  assert.equal(
    ignored,
    'total = sum([x * x for x in xs])  # noqa: MEM101\r\nlongest = max([x  # widths  # noqa: MEM101\r\n               for x in xs])\r\n',
  );
  const reopened = await client.didOpen('file:///workspace/ignored.py', ignored);
  assert.deepEqual(reopened.diagnostics, []);
});
