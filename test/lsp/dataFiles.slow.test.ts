// A read of a data file the workspace holds: the hover says what it will hold
// once loaded, findings over it take the file's scale, and MEM404 compares it
// with the memory budget.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, test } from 'node:test';
import { DiagnosticSeverity, type Hover, type MarkedString } from 'vscode-languageserver-protocol';
import { estimateCsv } from '../../server/src/data/csv';
import { CPYTHON, DEFAULT_PYTHON_VERSION } from '../../server/src/sizes/cpython';
import { shortBytes } from '../../server/src/sizes/format';
import { LspTestClient } from '../support/lspClient';
import { rangeOfText } from '../support/textEdits';

const workspace = mkdtempSync(join(tmpdir(), 'memhints-lsp-data-'));
after(() => rmSync(workspace, { recursive: true, force: true }));
mkdirSync(join(workspace, 'data'));
const rows = (count: number) =>
  `id,city,price\n${Array.from({ length: count }, (_, i) => `${i},city${i % 7},${i * 1.5}\n`).join('')}`;
writeFileSync(join(workspace, 'data', 'small.csv'), rows(40));
writeFileSync(join(workspace, 'data', 'big.csv'), rows(50_000));

const SOURCE = [
  'import pandas as pd',
  'small = pd.read_csv("data/small.csv")',
  'for _, row in small.iterrows():',
  '    print(row["price"])',
  'big = pd.read_csv("data/big.csv")',
  'for _, row in big.iterrows():',
  '    print(row["price"])',
  '',
].join('\n');

/** The hover's first line for big.csv, from the estimator the server uses. */
function bigFirstLine(): string {
  const expected = estimateCsv(
    join(workspace, 'data', 'big.csv'),
    {},
    undefined,
    CPYTHON[DEFAULT_PYTHON_VERSION],
  ).estimate;
  assert.ok(expected);
  return `**≈ ${shortBytes(expected.bytes)} as loaded** — 3 columns × 50,000 rows`;
}

function hoverText(hover: Hover): string {
  const part = (content: MarkedString | { value: string }): string =>
    typeof content === 'string' ? content : content.value;
  return Array.isArray(hover.contents) ? hover.contents.map(part).join('\n') : part(hover.contents);
}

function startClient(t: Parameters<typeof LspTestClient.start>[0], settings?: Record<string, unknown>): LspTestClient {
  return LspTestClient.start(t, {
    workspaceFolders: [pathToFileURL(workspace).href],
    ...(settings ? { settings } : {}),
  });
}

test('hover over a read_csv of a workspace CSV, and over its name, gives what it holds as loaded first', async (t) => {
  const client = startClient(t);
  await client.initialize();
  const uri = pathToFileURL(join(workspace, 'analysis.py')).href;
  await client.didOpen(uri, SOURCE);
  for (const at of ['read_csv("data/big.csv")', 'big = ']) {
    const hover = await client.hover(uri, rangeOfText(SOURCE, at).start);
    assert.ok(hover, `a hover at ${at}`);
    const [first] = hoverText(hover).split('\n');
    assert.equal(first, bigFirstLine(), at);
  }
});

test('the hover over a read whose frame the code uses through a few columns says what reading only those holds', async (t) => {
  const client = startClient(t);
  await client.initialize();
  const uri = pathToFileURL(join(workspace, 'columns.py')).href;
  const source = 'import pandas as pd\nbig = pd.read_csv("data/big.csv")\nprint(big["price"].sum())\n';
  await client.didOpen(uri, source);
  const hover = await client.hover(uri, rangeOfText(source, 'read_csv').start);
  assert.ok(hover);
  const read = estimateCsv(join(workspace, 'data', 'big.csv'), { usecols: ['price'] }, undefined, CPYTHON['3.11']);
  const price = read.estimate?.columns?.find((column) => column.name === 'price');
  assert.ok(price);
  assert.match(
    hoverText(hover),
    new RegExp(`^- \`usecols\` for the 1 column used: ≈ ${shortBytes(price.bytes)}$`, 'm'),
  );
  // Iterated row by row, the frame is used whole: no such line.
  const whole = pathToFileURL(join(workspace, 'whole.py')).href;
  await client.didOpen(whole, SOURCE);
  const iterated = await client.hover(whole, rangeOfText(SOURCE, 'read_csv("data/big.csv")').start);
  assert.ok(iterated);
  assert.doesNotMatch(hoverText(iterated), /usecols/);
});

test('a read of a workspace CSV over the threshold gets an inlay hint in the words of its hover; a small one none', async (t) => {
  const client = LspTestClient.start(t, {
    workspaceFolders: [pathToFileURL(workspace).href],
    settings: { sizeThreshold: 64 * 1024 },
  });
  await client.initialize();
  const uri = pathToFileURL(join(workspace, 'hints.py')).href;
  await client.didOpen(uri, SOURCE);
  const lines = SOURCE.split('\n').length;
  const hints =
    (await client.inlayHints(uri, { start: { line: 0, character: 0 }, end: { line: lines, character: 0 } })) ?? [];
  assert.deepEqual(
    hints.map((hint) => hint.position),
    [rangeOfText(SOURCE, 'pd.read_csv("data/big.csv")').end],
  );
  const [hint] = hints;
  assert.equal(hint!.label, bigFirstLine().replace(/^\*\*(.*)\*\*.*$/, '$1'));
  const tooltip = hint!.tooltip;
  assert.ok(tooltip && typeof tooltip === 'object');
  assert.equal(tooltip.value.split('\n')[0], bigFirstLine());
});

test('a loop over a small workspace CSV is small (a hint); over a large one, a warning', async (t) => {
  const client = startClient(t);
  await client.initialize();
  const uri = pathToFileURL(join(workspace, 'loops.py')).href;
  const published = await client.didOpen(uri, SOURCE);
  const iterrows = published.diagnostics.filter((d) => d.code === 'MEM402');
  // The test client asks for small findings (reportSmall), which come as hints.
  assert.deepEqual(
    iterrows.map((d) => [d.range.start.line, d.severity]),
    [
      [2, DiagnosticSeverity.Hint],
      [5, DiagnosticSeverity.Warning],
    ],
  );
});

test('in a notebook cell, the hover over a read of a workspace CSV gives the same estimate', async (t) => {
  const client = startClient(t);
  await client.initialize();
  const notebook = pathToFileURL(join(workspace, 'explore.ipynb'));
  const cells = [
    { uri: `vscode-notebook-cell:${notebook.pathname}#A`, text: 'import pandas as pd' },
    { uri: `vscode-notebook-cell:${notebook.pathname}#B`, text: 'big = pd.read_csv("data/big.csv")\nbig.head()' },
  ];
  await client.didOpenNotebook(notebook.href, cells);
  const second = cells[1]!;
  const hover = await client.hover(second.uri, rangeOfText(second.text, 'read_csv').start);
  assert.ok(hover);
  assert.equal(hoverText(hover).split('\n')[0], bigFirstLine());
  assert.deepEqual(hover.range, rangeOfText(second.text, 'pd.read_csv("data/big.csv")'));
});

test('memoryBudget: a read of more than half of it is a MEM404 warning; the small file and no budget are silent', async (t) => {
  const uri = pathToFileURL(join(workspace, 'budget.py')).href;
  const budgeted = startClient(t, { memoryBudget: '1 MiB' });
  await budgeted.initialize();
  const findings = (await budgeted.didOpen(uri, SOURCE)).diagnostics.filter((d) => d.code === 'MEM404');
  assert.deepEqual(
    findings.map((d) => [d.range.start.line, d.severity]),
    [[4, DiagnosticSeverity.Warning]],
  );
  assert.match(String(findings[0]!.message), /^≈ [\d.]+ MiB once loaded, more than the 1 MiB memory budget: /);
  // This machine has more than twice what big.csv holds.
  const unbudgeted = startClient(t);
  await unbudgeted.initialize();
  const none = (await unbudgeted.didOpen(uri, SOURCE)).diagnostics.filter((d) => d.code === 'MEM404');
  assert.deepEqual(none, []);
});

test('dataSampleSize bounds what the hover reads: with 4 KiB, the rows of big.csv are extrapolated', async (t) => {
  const client = startClient(t, { dataSampleSize: '4 KiB' });
  await client.initialize();
  const uri = pathToFileURL(join(workspace, 'sampled.py')).href;
  await client.didOpen(uri, SOURCE);
  const hover = await client.hover(uri, rangeOfText(SOURCE, 'read_csv("data/big.csv")').start);
  assert.ok(hover);
  const text = hoverText(hover);
  assert.match(text.split('\n')[0]!, /^\*\*≈ .* as loaded\*\* — 3 columns × ~[\d,.]+ (M )?rows$/);
  assert.match(text, /rows extrapolated from a sample/);
});

test('a Feather file in the workspace: the hover says it is not estimated yet', async (t) => {
  writeFileSync(join(workspace, 'data', 'frame.feather'), 'ARROW1\0\0');
  const client = startClient(t);
  await client.initialize();
  const uri = pathToFileURL(join(workspace, 'feather.py')).href;
  const text = 'import pandas as pd\nframe = pd.read_feather("data/frame.feather")\n';
  await client.didOpen(uri, text);
  const hover = await client.hover(uri, rangeOfText(text, 'read_feather').start);
  assert.ok(hover);
  assert.equal(hoverText(hover), '**data/frame.feather**: not estimated: Feather files are not read yet');
});
