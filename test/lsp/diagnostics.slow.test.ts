// Diagnostics as an editor receives them: ranges in UTF-16, code, source, and
// the look-alikes that must stay quiet.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { LspTestClient } from '../support/lspClient';
import { rangeOfText } from '../support/textEdits';

test('a list comprehension summed is one MEM101 diagnostic over the comprehension', async (t) => {
  const client = LspTestClient.start(t);
  await client.initialize();
  const text = 'total = sum([x * x for x in xs])\n';
  const { diagnostics, version } = await client.didOpen('file:///workspace/total.py', text);
  assert.equal(version, 1);
  assert.equal(diagnostics.length, 1);
  const [diagnostic] = diagnostics;
  assert.equal(diagnostic!.code, 'MEM101');
  assert.equal(diagnostic!.source, 'memhints');
  assert.deepEqual(diagnostic!.codeDescription, {
    href: 'https://github.com/memhints/memhints/blob/main/docs/rules/MEM101.md',
  });
  // A warning for the items it builds, capped at information: MEM101 tells no scale of its data.
  assert.equal(diagnostic!.severity, DiagnosticSeverity.Information);
  assert.deepEqual(diagnostic!.range, rangeOfText(text, '[x * x for x in xs]'));
  assert.match(String(diagnostic!.message), /sum\(\)/);
});

test('ranges count UTF-16 code units: an emoji before the finding counts two, a CJK character one', async (t) => {
  const client = LspTestClient.start(t);
  await client.initialize();
  const text = 'label = "😀 合計"; total = sum([x for x in xs])\n';
  const { diagnostics } = await client.didOpen('file:///workspace/unicode.py', text);
  assert.deepEqual(
    diagnostics.map((d) => d.range),
    [rangeOfText(text, '[x for x in xs]')],
  );
  // "label = " 8, the quote 1, emoji 2, space 1, two CJK 2, quote and "; total = sum(" 15.
  assert.equal(diagnostics[0]!.range.start.character, 29);
});

test('str.join and a local name `sum` are not flagged, while a real sum next to them is', async (t) => {
  const client = LspTestClient.start(t);
  await client.initialize();
  const text = [
    'labels = ", ".join([str(x) for x in xs])',
    'def f(sum, xs): return sum([x for x in xs])',
    'total = sum([x for x in xs])',
    '',
  ].join('\n');
  const { diagnostics } = await client.didOpen('file:///workspace/lookalikes.py', text);
  assert.deepEqual(
    diagnostics.map((d) => ({ code: d.code, line: d.range.start.line })),
    [{ code: 'MEM101', line: 2 }],
  );
});

test("every diagnostic links its code to that rule's page under docs/rules", async (t) => {
  const client = LspTestClient.start(t);
  await client.initialize();
  const text = [
    'n = len([x for x in xs])',
    'for i in list(range(10**6)):',
    '    print(i)',
    'total = sum([x for x in xs])',
    '',
  ].join('\n');
  const { diagnostics } = await client.didOpen('file:///workspace/links.py', text);
  assert.ok(new Set(diagnostics.map((d) => d.code)).size >= 3, JSON.stringify(diagnostics.map((d) => d.code)));
  for (const diagnostic of diagnostics) {
    assert.equal(
      diagnostic.codeDescription?.href,
      `https://github.com/memhints/memhints/blob/main/docs/rules/${String(diagnostic.code)}.md`,
    );
  }
});

test('a value grown on several lines of one loop is one MEM201 diagnostic, its other lines related information', async (t) => {
  const client = LspTestClient.start(t);
  await client.initialize();
  const uri = 'file:///workspace/page.py';
  const text = [
    'rows = open("rows.txt")',
    'page = ""',
    'for row in rows:',
    '    page += "<tr>"',
    '    page += row',
    '    page += "</tr>"',
    '',
  ].join('\n');
  const { diagnostics } = await client.didOpen(uri, text);
  const mem201 = diagnostics.filter((d) => d.code === 'MEM201');
  assert.equal(mem201.length, 1, JSON.stringify(diagnostics));
  assert.deepEqual(mem201[0]!.range, rangeOfText(text, 'page += "<tr>"'));
  assert.deepEqual(mem201[0]!.relatedInformation, [
    { location: { uri, range: rangeOfText(text, 'page += row') }, message: '`page` also grows here' },
    { location: { uri, range: rangeOfText(text, 'page += "</tr>"') }, message: '`page` also grows here' },
  ]);
});

test('a diagnostic without related places carries no relatedInformation', async (t) => {
  const client = LspTestClient.start(t);
  await client.initialize();
  const { diagnostics } = await client.didOpen('file:///workspace/single.py', 'total = sum([x for x in xs])\n');
  assert.equal(diagnostics.length, 1);
  assert.equal('relatedInformation' in diagnostics[0]!, false);
});

test('with the default settings a small finding is left out and one over a file is a warning; reportSmall shows the small one as a hint', async (t) => {
  const text = [
    'squares = sum([x * x for x in range(10)])',
    'with open("log.txt") as log:',
    '    for line in log.readlines():',
    '        print(line)',
    '',
  ].join('\n');
  const shipped = LspTestClient.start(t, { settings: { reportSmall: false } });
  await shipped.initialize();
  const { diagnostics } = await shipped.didOpen('file:///workspace/defaults.py', text);
  assert.deepEqual(
    diagnostics.map((d) => [d.code, d.severity]),
    [['MEM106', DiagnosticSeverity.Warning]],
  );
  const reporting = LspTestClient.start(t, { settings: { reportSmall: true } });
  await reporting.initialize();
  const all = (await reporting.didOpen('file:///workspace/defaults.py', text)).diagnostics;
  assert.deepEqual(all.find((d) => d.code === 'MEM101')?.severity, DiagnosticSeverity.Hint);
});
