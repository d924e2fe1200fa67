// Positions on lines holding emoji, CJK, combining characters, a zero-width
// joiner and tabs, in a CRLF file with a BOM: diagnostics, hovers and fix edits
// land on the right characters (UTF-16 code units over LSP, code points in the
// CLI's JSON), and fixes keep CRLF line ends. Expected columns are computed
// here from the lines themselves, not with the server's position code.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { CodeAction } from 'vscode-languageserver-protocol';
import { jsonFindings, memhints, project } from '../support/cli';
import { LspTestClient } from '../support/lspClient';
import { applyCodeAction } from '../support/textEdits';

const LINES = [
  '# 😀 合計 é e\u0301 🧑\u200d💻',
  'def f(xs):',
  '\t"😀合e\u0301"; total = sum([x for x in xs])  # 合計 🧑\u200d💻',
  '\t\tk = 1; ys = [0] * 1000',
  '\treturn total, ys',
  '',
];
const CRLF_TEXT = LINES.join('\r\n');
const BOM = '\ufeff';

/** Line (0-based) and UTF-16 column of the first occurrence of needle. */
function utf16At(needle: string): { line: number; character: number } {
  const line = LINES.findIndex((text) => text.includes(needle));
  return { line, character: LINES[line]!.indexOf(needle) };
}

function utf16Range(needle: string) {
  const start = utf16At(needle);
  return { start, end: { line: start.line, character: start.character + needle.length } };
}

/** 1-based line and code-point column, as the CLI reports them. */
function codePointAt(needle: string, offsetInNeedle = 0): { line: number; column: number } {
  const { line, character } = utf16At(needle);
  return { line: line + 1, column: [...LINES[line]!.slice(0, character + offsetInNeedle)].length + 1 };
}

for (const [label, text] of [
  ['CRLF', CRLF_TEXT],
  ['CRLF after a BOM character', BOM + CRLF_TEXT],
] as const) {
  test(`LSP: diagnostics, hover and the fix land on the right UTF-16 characters (${label})`, async (t) => {
    const client = LspTestClient.start(t);
    await client.initialize();
    const uri = 'file:///workspace/wide.py';
    const { diagnostics } = await client.didOpen(uri, text);
    // A BOM the editor leaves in the text is a character of line 0 only: later lines are as without it.
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.range]),
      [['MEM101', utf16Range('[x for x in xs]')]],
    );

    const hover = await client.hover(uri, { line: utf16At('1000').line, character: utf16At('1000').character + 2 });
    assert.deepEqual(hover?.range, utf16Range('[0] * 1000'));

    const actions = await client.codeActions(uri, diagnostics[0]!.range);
    const fix = actions.find((action): action is CodeAction => action.title === 'Use a generator expression');
    assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
    const fixed = applyCodeAction(text, uri, fix);
    assert.equal(fixed, text.replace('sum([x for x in xs])', 'sum(x for x in xs)'));
    assert.doesNotMatch(fixed.replace(/\r\n/g, ''), /[\r\n]/, 'every line still ends in CRLF');

    const noqa = actionTitled(actions, 'Ignore MEM101 for this line');
    const ignored = applyCodeAction(text, uri, noqa);
    assert.equal(ignored, text.replace('# 合計 🧑\u200d💻\r\n', '# 合計 🧑\u200d💻  # noqa: MEM101\r\n'));
  });
}

function actionTitled(actions: readonly unknown[], title: string): CodeAction {
  const found = (actions as CodeAction[]).find((action) => action.title === title);
  assert.ok(found, `no "${title}"`);
  return found;
}

test('CLI: JSON columns count code points, and --fix keeps the BOM and CRLF', (t) => {
  const root = project(t, {
    'wide.py': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CRLF_TEXT, 'utf8')]),
  });
  const [finding, ...others] = jsonFindings(memhints(['check', '--format', 'json', 'wide.py'], root));
  assert.deepEqual(others, []);
  const start = codePointAt('[x for x in xs]');
  const end = codePointAt('[x for x in xs]', '[x for x in xs]'.length);
  assert.deepEqual(
    [finding!.line, finding!.column, finding!.endLine, finding!.endColumn],
    [start.line, start.column, end.line, end.column],
  );
  assert.deepEqual(
    finding!.fix?.edits.map((edit) => [edit.line, edit.column, edit.text]),
    [
      [start.line, start.column, ''],
      [end.line, end.column - 1, ''],
    ],
  );

  const text = memhints(['check', 'wide.py'], root);
  assert.match(text.stdout, new RegExp(`^wide\\.py:${start.line}:${start.column}: MEM101 `, 'm'));

  const fixed = memhints(['check', '--fix', 'wide.py'], root);
  assert.equal(fixed.status, 0, fixed.stdout + fixed.stderr);
  const bytes = readFileSync(join(root, 'wide.py'));
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  assert.equal(bytes.subarray(3).toString('utf8'), CRLF_TEXT.replace('sum([x for x in xs])', 'sum(x for x in xs)'));
});
