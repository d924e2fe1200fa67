// memhints/lineEstimates over stdio: the size model's figure for the lines a
// measurement found, the same as the hover's, and nothing for lines it cannot size.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Hover } from 'vscode-languageserver-protocol';
import { LINE_ESTIMATES_REQUEST, type LineEstimate } from '../../server/src/features/lineEstimatesProtocol';
import { totalFigure } from '../../server/src/sizes/format';
import { LspTestClient } from '../support/lspClient';
import { measureInPython } from '../support/sizes';
import { rangeOfText } from '../support/textEdits';

const SOURCE = [
  'import sys',
  'numbers = list(range(1_000_000))',
  'zeros = [0] * 1000',
  'pairs, ones = [0] * 100, [1] * 200',
  'count = int(sys.argv[1]) if len(sys.argv) > 1 else 10',
  'rows = [0] * count',
  'limit = 10',
  'print("done")',
  'table = {',
  '    "a": [1.5] * 10,',
  '}',
  '',
].join('\n');
const URI = 'file:///workspace/measured.py';

function hoverText(hover: Hover | null): string {
  const contents = hover?.contents;
  return contents && typeof contents === 'object' && 'value' in contents ? contents.value : '';
}

async function opened(t: Parameters<typeof LspTestClient.start>[0]): Promise<LspTestClient> {
  const client = LspTestClient.start(t);
  await client.initialize();
  await client.didOpen(URI, SOURCE);
  return client;
}

test('the estimate of each asked line, deep, as python3 measures the objects it makes', async (t) => {
  const client = await opened(t);
  const estimates = await client.request<LineEstimate[]>(LINE_ESTIMATES_REQUEST, {
    textDocument: { uri: URI },
    lines: [1, 2, 3, 8],
  });
  const [numbers, zeros, pair, ones, table] = measureInPython([
    { program: 'value = list(range(1_000_000))' },
    { program: 'value = [0] * 1000' },
    { program: 'value = [0] * 100' },
    { program: 'value = [1] * 200' },
    { program: 'value = {"a": [1.5] * 10}' },
  ]).results.map((measurement) => measurement.deep!);
  assert.deepEqual(
    estimates.map(({ line, bytes }) => ({ line, bytes })),
    [
      { line: 1, bytes: numbers },
      { line: 2, bytes: zeros },
      // Two lists made on one line: both count.
      { line: 3, bytes: pair! + ones! },
      // A display over several lines counts on the line where it starts.
      { line: 8, bytes: table },
    ],
  );
  assert.ok(
    estimates.every((estimate) => !estimate.approximate),
    JSON.stringify(estimates),
  );
  assert.match(estimates[0]!.what, /list of 1,000,000 items/);
  assert.equal(estimates[2]!.what, '2 objects');
});

test('no estimate for lines whose size is unknown, constants of the code, lines with no allocation, or lines past the end', async (t) => {
  const client = await opened(t);
  // count: an int from the command line; rows: [0] * count, symbolic; limit = 10: a shared small int;
  // print("done"): a constant string made at compile time; the list inside the dict of line 8 (counted there);
  // a blank line and one beyond the end.
  const estimates = await client.request<LineEstimate[]>(LINE_ESTIMATES_REQUEST, {
    textDocument: { uri: URI },
    lines: [0, 4, 5, 6, 7, 9, 11, 500],
  });
  assert.deepEqual(estimates, []);
});

test('a loop that appends a new object per pass counts every object; a comprehension it cannot size has no figure', async (t) => {
  const source = [
    'held = []',
    'for i in range(100):',
    '    held.append(bytes(100_000))',
    'names = {n: str(n) for n in range(100_000)}',
    '',
  ].join('\n');
  const uri = 'file:///workspace/appends.py';
  const client = LspTestClient.start(t);
  await client.initialize();
  await client.didOpen(uri, source);
  const estimates = await client.request<LineEstimate[]>(LINE_ESTIMATES_REQUEST, {
    textDocument: { uri },
    lines: [2, 3],
  });
  const [held] = measureInPython([
    { program: 'value = []\nfor i in range(100):\n    value.append(bytes(100_000))' },
  ]).results.map((measurement) => measurement.deep!);
  // Not the 48-byte range inside the dict comprehension: the dict's items are unknown, so is the line's total.
  assert.deepEqual(
    estimates.map(({ line, bytes, atLeast }) => ({ line, bytes, atLeast })),
    [{ line: 2, bytes: held, atLeast: false }],
  );
});

test("the figure is the hover's for the same allocation", async (t) => {
  const client = await opened(t);
  const [estimate] = await client.request<LineEstimate[]>(LINE_ESTIMATES_REQUEST, {
    textDocument: { uri: URI },
    lines: [1],
  });
  const hover = hoverText(await client.hover(URI, rangeOfText(SOURCE, 'list(range').start));
  assert.ok(estimate, 'no estimate for line 1');
  // The measure view writes the estimate as the hover's first line leads with it.
  const figure = totalFigure({
    size: { bytes: estimate.bytes, approximate: estimate.approximate },
    atLeast: estimate.atLeast,
  });
  assert.ok(hover.startsWith(`**${figure}** (${estimate.bytes} bytes) — `), `${JSON.stringify(estimate)}:\n${hover}`);
});

test('a document the server does not hold, or lines that are not line numbers, get no estimates and no error', async (t) => {
  const client = await opened(t);
  assert.deepEqual(
    await client.request(LINE_ESTIMATES_REQUEST, { textDocument: { uri: 'file:///workspace/closed.py' }, lines: [1] }),
    [],
  );
  assert.deepEqual(
    await client.request(LINE_ESTIMATES_REQUEST, { textDocument: { uri: URI }, lines: [-1, 1.5, '2', null] }),
    [],
  );
  assert.deepEqual(await client.request(LINE_ESTIMATES_REQUEST, { textDocument: { uri: URI }, lines: 'all' }), []);
  assert.deepEqual(client.loggedErrors, []);
});
