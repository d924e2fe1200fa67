// The work budget per document (memhints.analysisBudget): a document that
// needs more than its budget gets what is known at once, with an information
// diagnostic saying it is partial, and is checked to the end on the analysis
// thread, which publishes the same diagnostics a server without a budget
// gives. A file with more findings than the editor is sent shows the most
// severe of them and says how many there are.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { MAX_FINDINGS_SHOWN } from '../../server/src/features/partialAnalysis';
import { LspTestClient } from '../support/lspClient';
import { positionAt } from '../support/textEdits';

/** `count` functions, each with one finding (MEM101: a list built to be summed). */
function functions(count: number): string {
  return Array.from(
    { length: count },
    (_, index) => `def f${index}(xs):\n    return sum([x * ${index} for x in xs])\n`,
  ).join('\n');
}

const messageOf = (diagnostic: Diagnostic) =>
  typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
const isPartial = (diagnostic: Diagnostic) =>
  diagnostic.code === undefined && /partially analysed/.test(messageOf(diagnostic));
const partial = (params: PublishDiagnosticsParams) => params.diagnostics.some(isPartial);

function summary(diagnostics: readonly Diagnostic[]): unknown[] {
  return diagnostics.map(({ range, code, message, severity }) => ({ range, code, message, severity }));
}

/** The diagnostics a server with no budget publishes for `text`. */
async function unbudgeted(t: test.TestContext, text: string): Promise<Diagnostic[]> {
  const client = LspTestClient.start(t, { settings: { analysisBudget: 0 } });
  await client.initialize();
  return (await client.didOpen('file:///workspace/unbudgeted.py', text)).diagnostics;
}

test('past its budget a document is published as partial, then checked to the end as a server without a budget checks it', async (t) => {
  const text = functions(300);
  const expected = await unbudgeted(t, text);
  assert.equal(expected.length, 300);

  const client = LspTestClient.start(t, { settings: { analysisBudget: 1 } });
  await client.initialize();
  const uri = 'file:///workspace/budgeted.py';
  const first = await client.didOpen(uri, text);
  assert.ok(partial(first), 'the first diagnostics say they are partial');
  assert.ok(first.diagnostics.filter((d) => d.code !== undefined).length < 300, 'and hold only what was found so far');
  const final = await client.waitForDiagnosticsWhere(
    uri,
    (params) => params.version === 1 && !partial(params),
    'the whole check',
    true,
  );
  assert.deepEqual(summary(final.diagnostics), summary(expected));
  assert.ok(
    client.publications.some(
      (params) => params.uri === uri && params.diagnostics.some((d) => /statements are left/.test(messageOf(d))),
    ),
    'the analysis thread published its progress on the way',
  );

  // Edited, it is checked on the analysis thread again, to the end.
  const edited = `def extra(ys):\n    return max([y for y in ys])\n\n${text}`;
  const afterEdit = client.waitForDiagnosticsWhere(
    uri,
    (params) => params.version === 2 && !partial(params),
    'the edited version',
  );
  void client
    .didChange(uri, 2, [
      {
        range: { start: positionAt(text, 0), end: positionAt(text, 0) },
        text: 'def extra(ys):\n    return max([y for y in ys])\n\n',
      },
    ])
    .catch(() => undefined);
  assert.deepEqual(summary((await afterEdit).diagnostics), summary(await unbudgeted(t, edited)));

  // Meanwhile a small document opened beside it is checked at once, in full.
  const small = await client.didOpen('file:///workspace/small.py', 'total = sum([v for v in range(10)])\n');
  assert.equal(small.diagnostics.length, 1);
  assert.equal(partial(small), false);
});

test(`a file with more findings than ${MAX_FINDINGS_SHOWN} shows the most severe and says how many there are`, async (t) => {
  const lines = Array.from({ length: MAX_FINDINGS_SHOWN + 100 }, (_, index) => `t${index} = sum([x for x in y])`);
  // Last in the file, the warnings (a list of ten million items) are shown before the information findings above them.
  for (let index = 0; index < 3; index++) lines.push(`big${index} = sum([x * 2 for x in range(10**7)])`);
  const text = `${lines.join('\n')}\n`;
  const client = LspTestClient.start(t, { settings: { analysisBudget: 0 } });
  await client.initialize();
  const { diagnostics } = await client.didOpen('file:///workspace/many.py', text);
  const findings = diagnostics.filter((d) => d.code !== undefined);
  assert.equal(findings.length, MAX_FINDINGS_SHOWN);
  const notes = diagnostics.filter((d) => d.code === undefined).map(messageOf);
  assert.deepEqual(notes, [
    `memhints shows 1,000 of the ${(MAX_FINDINGS_SHOWN + 103).toLocaleString('en-US')} findings in this file, the most severe first.`,
  ]);
  const lastLines = findings.slice(-3).map((d) => d.range.start.line);
  assert.deepEqual(
    lastLines,
    [lines.length - 3, lines.length - 2, lines.length - 1],
    'the warnings at the end are shown',
  );
  assert.ok(
    findings.slice(-3).every((d) => (d.severity ?? 0) < (findings[0]!.severity ?? 0)),
    'more severe than the rest',
  );
});
