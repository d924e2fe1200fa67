// Notebooks over stdio (LSP 3.17 notebook sync): the code cells of
// test/fixtures/notebooks/sales.ipynb sent as a notebook, diagnostics landing
// in the right cells, quick-fixes and hovers in cell positions.
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { actionTitled, LspTestClient, type NotebookCellText } from '../support/lspClient';
import { shortBytes } from '../../server/src/sizes/format';
import { cellsOf, fixtureNotebook } from '../support/notebooks';
import { measureInPython } from '../support/sizes';
import { applyCodeAction, asContentChanges, editsFor, rangeOfText } from '../support/textEdits';

const NOTEBOOK = 'file:///workspace/sales.ipynb';

/** The fixture's cells as VS Code sends them: one URI per cell, Markdown cells included. */
function fixtureCells(): (NotebookCellText & { number: number })[] {
  return cellsOf(fixtureNotebook('sales.ipynb'))
    .filter((cell) => cell.kind !== 'raw')
    .map((cell) => ({
      uri: `vscode-notebook-cell:/workspace/sales.ipynb#C${cell.number}`,
      text: cell.text,
      kind: cell.kind === 'code' ? 'code' : 'markdown',
      number: cell.number,
    }));
}

async function openFixture(t: TestContext): Promise<{
  client: LspTestClient;
  cells: ReturnType<typeof fixtureCells>;
  published: Map<string, PublishDiagnosticsParams>;
}> {
  const client = LspTestClient.start(t);
  const result = await client.initialize();
  assert.ok(result.capabilities.notebookDocumentSync, 'the server announces notebook sync');
  const cells = fixtureCells();
  const published = await client.didOpenNotebook(NOTEBOOK, cells);
  return { client, cells, published: new Map(published.map((params) => [params.uri, params])) };
}

function cellNumbered(cells: ReturnType<typeof fixtureCells>, number: number) {
  const cell = cells.find((c) => c.number === number);
  if (!cell) throw new Error(`no cell ${number}`);
  return cell;
}

test('diagnostics land in the cell and on the line of the code, with names from earlier cells known', async (t) => {
  const { cells, published } = await openFixture(t);
  const found = cells.flatMap((cell) =>
    (published.get(cell.uri)?.diagnostics ?? []).map((d) => ({
      cell: cell.number,
      code: d.code,
      line: d.range.start.line,
      text: textIn(cell.text, d.range),
    })),
  );
  assert.deepEqual(found, [
    { cell: 4, code: 'MEM401', line: 0, text: 'pd.read_csv("sales.csv")' },
    { cell: 6, code: 'MEM101', line: 0, text: '[p * u for p, u in zip(df["price"], df["units"])]' },
    { cell: 6, code: 'MEM101', line: 1, text: '[p for p in df["price"]]' },
    { cell: 7, code: 'MEM101', line: 1, text: '[u for u in df["units"]]' },
  ]);
  // Every code cell gets its (possibly empty) diagnostics; Markdown cells none.
  assert.deepEqual(
    [...published.keys()].sort(),
    cells
      .filter((c) => c.kind === 'code')
      .map((c) => c.uri)
      .sort(),
  );
});

test('the quick-fix edits the cell the diagnostic is in, at the right place', async (t) => {
  const { client, cells, published } = await openFixture(t);
  const cell = cellNumbered(cells, 7);
  const diagnostic = published.get(cell.uri)!.diagnostics[0]!;
  const fix = actionTitled(await client.codeActions(cell.uri, diagnostic.range), 'Use a generator expression');
  assert.deepEqual(Object.keys(fix.edit?.changes ?? {}), [cell.uri]);
  assert.deepEqual(
    fix.diagnostics?.map((d) => d.range),
    [diagnostic.range],
  );
  const fixed = applyCodeAction(cell.text, cell.uri, fix);
  assert.equal(fixed, '%timeit -n 3 sum([v for v in df["units"]])\nunits = sum(u for u in df["units"])');

  // The editor applies it as a change to that cell: its diagnostic goes, the others stay.
  const after = client.waitForDiagnostics(cell.uri, 2);
  const sixth = client.waitForDiagnostics(cellNumbered(cells, 6).uri, 1);
  client.didChangeNotebook(NOTEBOOK, 2, {
    cells: {
      textContent: [
        { document: { uri: cell.uri, version: 2 }, changes: asContentChanges(cell.text, editsFor(fix.edit, cell.uri)) },
      ],
    },
  });
  assert.deepEqual((await after).diagnostics, []);
  assert.equal((await sixth).diagnostics.length, 2);
});

test('the noqa action comments the line in its cell', async (t) => {
  const { client, cells, published } = await openFixture(t);
  const cell = cellNumbered(cells, 6);
  const diagnostic = published.get(cell.uri)!.diagnostics[1]!;
  const ignore = actionTitled(await client.codeActions(cell.uri, diagnostic.range), 'Ignore MEM101 for this line');
  assert.equal(
    applyCodeAction(cell.text, cell.uri, ignore).split('\n')[1],
    'label = "😀 total"; peak = max([p for p in df["price"]])  # noqa: MEM101',
  );
});

test('fix-all on save fixes the requested cell only', async (t) => {
  const { client, cells } = await openFixture(t);
  const cell = cellNumbered(cells, 6);
  const actions = await client.codeActions(cell.uri, rangeOfText(cell.text, 'revenue'), ['source.fixAll.memhints']);
  const fixAll = actionTitled(actions, 'memhints: fix all safe memory hints');
  assert.deepEqual(Object.keys(fixAll.edit?.changes ?? {}), [cell.uri]);
  assert.equal(
    applyCodeAction(cell.text, cell.uri, fixAll),
    'revenue = sum(p * u for p, u in zip(df["price"], df["units"]))\nlabel = "😀 total"; peak = max(p for p in df["price"])\nprint(label, revenue, peak)',
  );
});

test('code timed by %timeit or %%time gets no diagnostic and no action, fix-all on save included', async (t) => {
  const { client, cells, published } = await openFixture(t);
  const timeit = cellNumbered(cells, 7);
  const timeitLine = timeit.text.split('\n')[0]!;
  assert.deepEqual(
    published.get(timeit.uri)!.diagnostics.map((d) => d.range.start.line),
    [1],
    'only the line after %timeit',
  );
  const overTimeit = await client.codeActions(timeit.uri, rangeOfText(timeit.text, timeitLine));
  assert.deepEqual(
    overTimeit.filter((action) => 'kind' in action && action.kind === 'quickfix'),
    [],
  );
  // Fix-all is offered for the line after it, and leaves the timed line alone.
  const edited = overTimeit.flatMap((action) => ('edit' in action ? editsFor(action.edit, timeit.uri) : []));
  assert.ok(edited.length > 0 && edited.every((edit) => edit.range.start.line === 1), JSON.stringify(edited));

  const timedCell = cellNumbered(cells, 8);
  assert.ok(timedCell.text.startsWith('%%time\n'));
  assert.deepEqual(published.get(timedCell.uri)!.diagnostics, []);
  const overBody = await client.codeActions(
    timedCell.uri,
    rangeOfText(timedCell.text, timedCell.text.slice('%%time\n'.length)),
  );
  assert.deepEqual(
    overBody.filter((action) => 'kind' in action && action.kind === 'quickfix'),
    [],
  );
  assert.deepEqual(
    overBody.flatMap((action) => ('edit' in action ? editsFor(action.edit, timedCell.uri) : [])),
    [],
  );
  const onSave = actionTitled(
    await client.codeActions(timedCell.uri, rangeOfText(timedCell.text, 'best'), ['source.fixAll.memhints']),
    'memhints: fix all safe memory hints',
  );
  assert.equal(applyCodeAction(timedCell.text, timedCell.uri, onSave), timedCell.text);
});

test('a list only %timeit reads gets no diagnostic, through cells inserted before the read and until the magic goes', async (t) => {
  const client = LspTestClient.start(t);
  await client.initialize();
  const uri = 'file:///w/timed.ipynb';
  const bound = { uri: 'vscode-notebook-cell:/w/timed.ipynb#1', text: 'my_list = list(range(1_000_000))' };
  const timed = { uri: 'vscode-notebook-cell:/w/timed.ipynb#2', text: '%timeit sum(my_list)' };
  const opened = await client.didOpenNotebook(uri, [bound, timed]);
  assert.deepEqual(
    opened.map((p) => p.diagnostics),
    [[], []],
  );

  // A cell inserted between moves the read: what was its offset is now untimed code of the new cell.
  const inserted = {
    uri: 'vscode-notebook-cell:/w/timed.ipynb#3',
    text: 'import os\nimport sys\nprint(os.sep, sys.path)',
  };
  const afterInsert = client.waitForDiagnostics(bound.uri, 1);
  client.didChangeNotebook(uri, 2, {
    cells: {
      structure: {
        array: { start: 1, deleteCount: 0, cells: [{ kind: 2, document: inserted.uri }] },
        didOpen: [{ uri: inserted.uri, languageId: 'python', version: 1, text: inserted.text }],
      },
    },
  });
  assert.deepEqual((await afterInsert).diagnostics, []);

  const untimed = client.waitForDiagnostics(bound.uri, 1);
  client.didChangeNotebook(uri, 3, {
    cells: { textContent: [{ document: { uri: timed.uri, version: 2 }, changes: [{ text: 'sum(my_list)' }] }] },
  });
  assert.deepEqual(
    (await untimed).diagnostics.map((d) => d.code),
    ['MEM103'],
  );
});

test('hover gives the size of an allocation at a cell position, and nothing over IPython syntax', async (t) => {
  const client = LspTestClient.start(t);
  await client.initialize();
  const cells: NotebookCellText[] = [
    { uri: 'vscode-notebook-cell:/w/h.ipynb#A', text: 'n = 10' },
    { uri: 'vscode-notebook-cell:/w/h.ipynb#B', text: '# Sizes', kind: 'markdown' },
    { uri: 'vscode-notebook-cell:/w/h.ipynb#C', text: '%time zeros = [0] * 1000' },
  ];
  await client.didOpenNotebook('file:///w/h.ipynb', cells);
  const third = cells[2]!;
  const hover = await client.hover(third.uri, rangeOfText(third.text, '1000').start);
  assert.ok(hover && typeof hover.contents === 'object' && 'value' in hover.contents);
  assert.match(hover.contents.value, /a list of 1,000 items/);
  assert.deepEqual(hover.range, rangeOfText(third.text, '[0] * 1000'));
  assert.equal(await client.hover(third.uri, { line: 0, character: 2 }), null);
});

test('inlay hints in a cell: the size after a big allocation, at its cell position, from names of earlier cells', async (t) => {
  const client = LspTestClient.start(t);
  await client.initialize();
  const cells: NotebookCellText[] = [
    { uri: 'vscode-notebook-cell:/w/i.ipynb#A', text: 'n = 10**6\nfirst = list(range(n))' },
    { uri: 'vscode-notebook-cell:/w/i.ipynb#B', text: '# Sizes', kind: 'markdown' },
    { uri: 'vscode-notebook-cell:/w/i.ipynb#C', text: 'small = [0] * 10\n%time big = list(range(n))' },
  ];
  await client.didOpenNotebook('file:///w/i.ipynb', cells);
  const third = cells[2]!;
  const whole = { start: { line: 0, character: 0 }, end: { line: 2, character: 0 } };
  const hints = (await client.inlayHints(third.uri, whole)) ?? [];
  const [deep] = measureInPython([{ program: 'value = list(range(10**6))' }]).results.map((result) => result.deep!);
  assert.deepEqual(
    hints.map((hint) => [hint.position, hint.label]),
    [[rangeOfText(third.text, 'list(range(n))').end, shortBytes(deep!)]],
  );
  // The first cell's list is its own cell's hint, not the third's.
  const first = await client.inlayHints(cells[0]!.uri, whole);
  assert.deepEqual(
    first?.map((hint) => hint.position),
    [rangeOfText(cells[0]!.text, 'list(range(n))').end],
  );
});

test('cells added, removed and closed: diagnostics follow, and are cleared', async (t) => {
  const client = LspTestClient.start(t);
  await client.initialize();
  const uri = 'file:///w/grow.ipynb';
  const first = { uri: 'vscode-notebook-cell:/w/grow.ipynb#1', text: 'xs = [1, 2, 3]' };
  await client.didOpenNotebook(uri, [first]);
  const added = { uri: 'vscode-notebook-cell:/w/grow.ipynb#2', text: 'total = sum([x for x in xs])' };
  const addedDiagnostics = client.waitForDiagnostics(added.uri, 1);
  client.didChangeNotebook(uri, 2, {
    cells: {
      structure: {
        array: { start: 1, deleteCount: 0, cells: [{ kind: 2, document: added.uri }] },
        didOpen: [{ uri: added.uri, languageId: 'python', version: 1, text: added.text }],
      },
    },
  });
  assert.deepEqual(
    (await addedDiagnostics).diagnostics.map((d) => [d.code, d.range.start]),
    [['MEM101', { line: 0, character: 12 }]],
  );

  const cleared = client.waitForDiagnostics(added.uri);
  client.didChangeNotebook(uri, 3, {
    cells: { structure: { array: { start: 1, deleteCount: 1 }, didClose: [{ uri: added.uri }] } },
  });
  assert.deepEqual((await cleared).diagnostics, []);

  const closed = await client.didCloseNotebook(uri, [first.uri]);
  assert.deepEqual(
    closed.map((p) => p.diagnostics),
    [[]],
  );
});

function textIn(
  text: string,
  range: { start: { line: number; character: number }; end: { line: number; character: number } },
): string {
  const lines = text.split('\n');
  if (range.start.line !== range.end.line) throw new Error('multi-line range');
  return lines[range.start.line]!.slice(range.start.character, range.end.character);
}
