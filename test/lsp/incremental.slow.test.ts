// Incremental sync: after each didChange the server edits its old tree and
// reparses. Its findings must always equal those of a fresh didOpen of the
// same text, and must move, appear and disappear with the edits.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Diagnostic, Range, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { LspTestClient } from '../support/lspClient';
import { applyContentChanges, positionAt, rangeOfText } from '../support/textEdits';

type Change = (text: string) => TextDocumentContentChangeEvent;

const replace =
  (needle: string, replacement: string): Change =>
  (text) => ({ range: rangeOfText(text, needle), text: replacement });
const insertBefore =
  (needle: string, inserted: string): Change =>
  (text) => {
    const { start } = rangeOfText(text, needle);
    return { range: { start, end: start }, text: inserted };
  };
const replaceAll =
  (replacement: string): Change =>
  () => ({ text: replacement });

interface Step {
  readonly name: string;
  /** Sent in one didChange, each change relative to the text after the one before. */
  readonly changes: readonly Change[];
  /** The comprehensions that should be flagged afterwards, in document order. */
  readonly flagged: readonly string[];
}

const START = [
  'import statistics',
  '',
  'def summarise(xs):',
  '    total = sum([x * x for x in xs])',
  '    return total',
  '',
].join('\n');

const STEPS: readonly Step[] = [
  {
    name: 'insert a line before the finding',
    changes: [insertBefore('    total', '    count = len(xs)\n')],
    flagged: ['[x * x for x in xs]'],
  },
  {
    name: 'insert an emoji and CJK comment line above',
    changes: [insertBefore('def summarise', '# 😀 合計 ✓ 🧠\n')],
    flagged: ['[x * x for x in xs]'],
  },
  {
    name: 'emoji and CJK before the finding on its own line',
    changes: [insertBefore('total =', 's = "😀合"; ')],
    flagged: ['[x * x for x in xs]'],
  },
  { name: 'delete the brackets (two edits, last first)', changes: [replace(']', ''), replace('[x', 'x')], flagged: [] },
  {
    name: 'multi-line replace that adds two findings',
    changes: [
      replace(
        '    count = len(xs)\n    s = "😀合"; total = sum(x * x for x in xs)\n    return total',
        '    peak = max([abs(x) for x in xs])\n    mean = statistics.mean([x for x in xs])\n    return peak, mean',
      ),
    ],
    flagged: ['[abs(x) for x in xs]', '[x for x in xs]'],
  },
  {
    name: 'break the syntax with an open bracket',
    changes: [insertBefore('    return', '    broken = (\n')],
    flagged: ['[abs(x) for x in xs]', '[x for x in xs]'],
  },
  {
    name: 'close it again',
    changes: [replace('    broken = (\n', '')],
    flagged: ['[abs(x) for x in xs]', '[x for x in xs]'],
  },
  {
    name: 'delete a whole line with its finding',
    changes: [replace('    peak = max([abs(x) for x in xs])\n', '')],
    flagged: ['[x for x in xs]'],
  },
  {
    name: 'replace the whole document, then edit it',
    changes: [
      replaceAll('a = sorted([y for y in ys])\nb = 1\n'),
      insertBefore('b = 1', 'c = tuple([z for z in ys])\n'),
    ],
    flagged: ['[y for y in ys]', '[z for z in ys]'],
  },
];

/** What makes two diagnostics the same finding; the order is the document order. */
function summary(diagnostics: readonly Diagnostic[]): unknown[] {
  return diagnostics.map(({ range, code, message, severity, source }) => ({ range, code, message, severity, source }));
}

test('findings after incremental edits equal a full reparse, and follow the edits', async (t) => {
  const client = LspTestClient.start(t);
  await client.initialize();
  const uri = 'file:///workspace/edited.py';
  let text = START;
  let version = 1;
  const opened = await client.didOpen(uri, text, version);
  assert.deepEqual(
    opened.diagnostics.map((d) => d.range),
    [rangeOfText(text, '[x * x for x in xs]')],
  );

  for (const [index, step] of STEPS.entries()) {
    const changes: TextDocumentContentChangeEvent[] = [];
    for (const change of step.changes) {
      const event = change(text);
      changes.push(event);
      text = applyContentChanges(text, [event]);
    }
    version++;
    const incremental = await client.didChange(uri, version, changes);
    const fresh = await client.didOpen(`file:///workspace/fresh-${index}.py`, text);
    assert.deepEqual(
      summary(incremental.diagnostics),
      summary(fresh.diagnostics),
      `${step.name}: incremental and full parse differ on\n${text}`,
    );
    const expected: Range[] = step.flagged.map((needle) => rangeOfText(text, needle));
    assert.deepEqual(
      incremental.diagnostics.map((d) => d.range),
      expected,
      `${step.name}:\n${text}`,
    );
    assert.ok(
      incremental.diagnostics.every((d) => d.code === 'MEM101'),
      step.name,
    );
  }
});

test('keystrokes sent one didChange each end in the same findings as a full parse', async (t) => {
  const client = LspTestClient.start(t);
  await client.initialize();
  const uri = 'file:///workspace/typed.py';
  let text = 'xs = [1, 2]\n\nprint(xs)\n';
  let version = 1;
  await client.didOpen(uri, text, version);
  const typed = '日本 = max([x * 2 for x in xs])  # 😀\n';
  let last: Promise<unknown> = Promise.resolve();
  let at = positionAt(text, text.indexOf('\nprint') + 1);
  for (const character of typed) {
    const change = { range: { start: at, end: at }, text: character };
    text = applyContentChanges(text, [change]);
    at =
      character === '\n'
        ? { line: at.line + 1, character: 0 }
        : { line: at.line, character: at.character + character.length };
    version++;
    last = client.didChange(uri, version, [change]);
  }
  const incremental = (await last) as { diagnostics: Diagnostic[] };
  assert.equal(text, 'xs = [1, 2]\n\n日本 = max([x * 2 for x in xs])  # 😀\nprint(xs)\n');
  const fresh = await client.didOpen('file:///workspace/typed-fresh.py', text);
  assert.deepEqual(summary(incremental.diagnostics), summary(fresh.diagnostics));
  assert.deepEqual(
    incremental.diagnostics.map((d) => d.range),
    [rangeOfText(text, '[x * 2 for x in xs]')],
  );
});

test('edits in a CRLF document, including one that splits a CRLF pair, match a full parse', async (t) => {
  const client = LspTestClient.start(t);
  await client.initialize();
  const uri = 'file:///workspace/crlf.py';
  let text = 'def f(xs):\r\n\treturn sum([x for x in xs])\r\n';
  await client.didOpen(uri, text, 1);
  const steps: Change[][] = [
    [insertBefore('\treturn', '\tys = sorted([y for y in xs])\r\n')],
    // Insert between \r and \n: for a moment the document has a lone \r line end.
    [
      (current) => {
        const at = current.indexOf('\r\n') + 1;
        const position = positionAt(current, at);
        return { range: { start: position, end: position }, text: '\tpass' };
      },
    ],
    [replace('\tpass', '')],
  ];
  for (const [index, step] of steps.entries()) {
    const changes = step.map((change) => {
      const event = change(text);
      text = applyContentChanges(text, [event]);
      return event;
    });
    const incremental = await client.didChange(uri, index + 2, changes);
    const fresh = await client.didOpen(`file:///workspace/crlf-fresh-${index}.py`, text);
    assert.deepEqual(summary(incremental.diagnostics), summary(fresh.diagnostics), JSON.stringify(text));
    assert.deepEqual(
      incremental.diagnostics.map((d) => d.range),
      [rangeOfText(text, '[y for y in xs]'), rangeOfText(text, '[x for x in xs]')],
    );
  }
});
