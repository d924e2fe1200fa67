// `memhints check` on Jupyter notebooks: findings per cell in text and JSON,
// --fix writing only the fixed code back (outputs, metadata and layout kept
// byte for byte), the fixed notebook's code running the same under python3.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { FINDING_KEYS, jsonFindings, memhints, project, python } from '../support/cli';
import { cellsOf, codeCells, fixtureNotebook, notebookJson } from '../support/notebooks';

const SALES = fixtureNotebook('sales.ipynb');

/** Where each expected finding starts: the cell number and a snippet whose first character is flagged. */
const EXPECTED = [
  { cell: 4, code: 'MEM401', snippet: 'pd.read_csv(' },
  { cell: 6, code: 'MEM101', snippet: '[p * u' },
  { cell: 6, code: 'MEM101', snippet: '[p for p' },
  { cell: 7, code: 'MEM101', snippet: '[u for u' },
];

/** 1-based line and code-point column of a snippet in a cell, computed from the fixture alone. */
function positionOf(cellNumber: number, snippet: string): { line: number; column: number } {
  const text = cellsOf(SALES).find((cell) => cell.number === cellNumber)!.text;
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes(snippet));
  assert.ok(line >= 0, `${snippet} not in cell ${cellNumber}`);
  return { line: line + 1, column: Array.from(lines[line]!.slice(0, lines[line]!.indexOf(snippet))).length + 1 };
}

/** A notebook's code as plain Python, following IPython: magics' own text and help requests do not run, %timeit's statement does. */
function notebookAsPython(json: string): string {
  return codeCells(json)
    .map((cell) =>
      cell.text
        .split('\n')
        .map((line) => (/^\s*(%%|%matplotlib|!)|\?$/.test(line) ? '' : line.replace(/^%timeit(?: -\w \d+)* /, '')))
        .join('\n'),
    )
    .join('\n');
}

test('text output names the cell, and lines and columns within it', (t) => {
  const root = project(t, { 'sales.ipynb': SALES });
  const run = memhints(['check', 'sales.ipynb'], root);
  assert.equal(run.status, 1, run.stderr);
  const lines = run.stdout.split('\n').filter((line) => line.startsWith('sales.ipynb'));
  assert.deepEqual(
    lines.map((line) => line.split(' ').slice(0, 3).join(' ')),
    EXPECTED.map(({ cell, code, snippet }) => {
      const { line, column } = positionOf(cell, snippet);
      return `sales.ipynb:cell ${cell}:${line}:${column}: ${code}`;
    }),
  );
  assert.match(run.stdout, /^Found 4 findings \(3 fixable with --fix, 1 more fixable with --fix --unsafe-fixes\)\.$/m);
});

test('json output gives notebooks a cell field (and edits too); .py findings keep the old keys', (t) => {
  const root = project(t, { 'sales.ipynb': SALES, 'plain.py': 'total = sum([x for x in range(3)])\n' });
  const findings = jsonFindings(memhints(['check', '--format', 'json', '.'], root)) as (ReturnType<
    typeof jsonFindings
  >[number] & { cell?: number })[];
  const inNotebook = findings.filter((f) => f.file === 'sales.ipynb');
  assert.deepEqual(
    inNotebook.map((f) => ({ cell: f.cell, code: f.code, line: f.line, column: f.column })),
    EXPECTED.map(({ cell, code, snippet }) => ({ cell, code, ...positionOf(cell, snippet) })),
  );
  for (const finding of inNotebook) {
    assert.deepEqual(Object.keys(finding), ['file', 'cell', ...FINDING_KEYS.slice(1)]);
    for (const edit of finding.fix?.edits ?? []) assert.equal((edit as { cell?: number }).cell, finding.cell);
  }
  const plain = findings.find((f) => f.file === 'plain.py')!;
  assert.deepEqual(Object.keys(plain), FINDING_KEYS);
});

test('--fix --unsafe-fixes changes only code in the cells: outputs, metadata and layout stay byte for byte, and the code runs the same', (t) => {
  const root = project(t, { 'sales.ipynb': SALES, 'before.py': notebookAsPython(SALES) });
  const before = python('before.py', root);
  assert.equal(before.status, 0, before.stderr);

  const run = memhints(['check', '--fix', '--unsafe-fixes', 'sales.ipynb'], root);
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /^Fixed 4 findings in 1 file\.$/m);
  const fixed = readFileSync(join(root, 'sales.ipynb'), 'utf8');
  assert.notEqual(fixed, SALES);

  // Everything but `source` is identical, key order included; source keeps its form (list or string).
  const original = notebookJson(SALES);
  const after = notebookJson(fixed);
  assert.equal(JSON.stringify(after.metadata), JSON.stringify(original.metadata));
  assert.equal(after.cells.length, original.cells.length);
  for (const [i, cell] of original.cells.entries()) {
    const { source: oldSource, ...oldRest } = cell;
    const { source: newSource, ...newRest } = after.cells[i]!;
    assert.equal(JSON.stringify(newRest), JSON.stringify(oldRest), `cell ${i + 1}`);
    assert.equal(Array.isArray(newSource), Array.isArray(oldSource), `cell ${i + 1} source form`);
  }
  // The layout too: the same lines, and those that differ are lines of code cells' sources.
  const oldLines = SALES.split('\n');
  const newLines = fixed.split('\n');
  assert.equal(newLines.length, oldLines.length);
  assert.ok(fixed.endsWith('}\n'));
  const changed = oldLines.flatMap((line, i) => (line !== newLines[i] ? [i] : []));
  assert.equal(changed.length, 4);
  for (const i of changed) assert.match(oldLines[i]!, /^ {4}"|^ {3}"source": "/, `line ${i + 1} is not a source line`);

  writeAndRun(root, 'after.py', notebookAsPython(fixed), before.stdout);
  assert.equal(memhints(['check', 'sales.ipynb'], root).status, 0);
});

function writeAndRun(root: string, name: string, text: string, expected: string): void {
  const path = join(root, name);
  writeFileSync(path, text);
  const run = python(name, root);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout, expected);
}

/** The fixture with each code cell's source passed through `edit` (sources kept in their list form). */
function withCellsEdited(json: string, edit: (source: string) => string): string {
  const notebook = notebookJson(json);
  const cells = notebook.cells.map((cell) =>
    cell.cell_type === 'code'
      ? { ...cell, source: edit(typeof cell.source === 'string' ? cell.source : cell.source.join('')) }
      : cell,
  );
  return JSON.stringify({ ...notebook, cells }, null, 1);
}

/** The cell numbers and code snippets of a run's findings. */
function flagged(run: ReturnType<typeof memhints>, json: string): string[] {
  const cells = cellsOf(json);
  return (jsonFindings(run) as (ReturnType<typeof jsonFindings>[number] & { cell: number })[]).map((finding) => {
    const line = cells.find((cell) => cell.number === finding.cell)!.text.split('\n')[finding.line - 1]!;
    return `cell ${finding.cell}: ${Array.from(line)
      .slice(finding.column - 1, finding.endColumn - 1)
      .join('')}`;
  });
}

test('code timed by %timeit or %%time is measured as written: not reported, not fixed; under other magics it is', (t) => {
  const timed = ['cell 7: [v for v in df["units"]]', 'cell 8: [p * u for p, u in zip(df["price"], df["units"])]'];
  const variants = {
    'timed.ipynb': SALES,
    'bare.ipynb': withCellsEdited(SALES, (source) => source.replace('%timeit -n 3 ', '').replace('%%time\n', '')),
    'other.ipynb': withCellsEdited(SALES, (source) =>
      source.replace('%timeit -n 3 ', '%prun -l 3 ').replace('%%time\n', '%%capture out\n'),
    ),
  };
  const root = project(t, variants);
  const found = Object.fromEntries(
    Object.entries(variants).map(([name, json]) => [
      name,
      flagged(memhints(['check', '--format', 'json', name], root), json),
    ]),
  );
  // The same code, without the magics or under magics that do not time it, is flagged.
  for (const name of ['bare.ipynb', 'other.ipynb'])
    for (const snippet of timed) assert.ok(found[name]!.includes(snippet), `${name}: ${snippet}`);
  assert.deepEqual(
    found['timed.ipynb'],
    found['bare.ipynb']!.filter((snippet) => !timed.includes(snippet)),
  );

  const fixed = memhints(['check', '--fix', '--unsafe-fixes', 'timed.ipynb'], root);
  assert.equal(fixed.status, 0, fixed.stdout + fixed.stderr);
  const cells = codeCells(readFileSync(join(root, 'timed.ipynb'), 'utf8'));
  assert.equal(
    cells.find((cell) => cell.number === 7)!.text.split('\n')[0],
    '%timeit -n 3 sum([v for v in df["units"]])',
  );
  assert.equal(cells.find((cell) => cell.number === 8)!.text, codeCells(SALES).find((cell) => cell.number === 8)!.text);
});

test('--diff shows the fixes per cell and writes nothing', (t) => {
  const root = project(t, { 'sales.ipynb': SALES });
  const run = memhints(['check', '--diff', 'sales.ipynb'], root);
  assert.equal(run.status, 1);
  assert.deepEqual(
    run.stdout.split('\n').filter((line) => line.startsWith('--- ')),
    ['--- sales.ipynb:cell 6', '--- sales.ipynb:cell 7'],
  );
  assert.ok(run.stdout.includes('+revenue = sum(p * u for p, u in zip(df["price"], df["units"]))\n'));
  assert.equal(readFileSync(join(root, 'sales.ipynb'), 'utf8'), SALES);
});

test('directories are searched for notebooks too, but not Jupyter checkpoints', (t) => {
  const root = project(t, { 'nb/sales.ipynb': SALES, 'nb/.ipynb_checkpoints/sales-checkpoint.ipynb': SALES });
  const findings = jsonFindings(memhints(['check', '--format', 'json', '.'], root));
  assert.deepEqual([...new Set(findings.map((f) => f.file))], [join('nb', 'sales.ipynb')]);
});

test('a notebook of another language is skipped; a broken one is an error naming the file', (t) => {
  const r = notebookJson(SALES);
  const rNotebook = JSON.stringify(
    { ...r, metadata: { kernelspec: { language: 'R', name: 'ir' }, language_info: { name: 'R' } } },
    null,
    1,
  );
  const root = project(t, { 'r.ipynb': rNotebook, 'broken.ipynb': '{"cells": [' });
  const skipped = memhints(['check', 'r.ipynb'], root);
  assert.equal(skipped.status, 0, skipped.stdout);
  const broken = memhints(['check', 'broken.ipynb'], root);
  assert.equal(broken.status, 2);
  assert.match(broken.stderr, /^memhints: error: broken\.ipynb: not a notebook/m);
});

test('a code cell whose source is null is read as an empty cell, not refused', (t) => {
  const notebook = notebookJson(SALES);
  const empty = { cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source: null };
  const json = JSON.stringify({ ...notebook, cells: [notebook.cells[0], empty, ...notebook.cells.slice(1)] }, null, 1);
  const root = project(t, { 'sales.ipynb': json });
  const run = memhints(['check', '--format', 'json', 'sales.ipynb'], root);
  assert.equal(run.status, 1, run.stderr);
  assert.equal(run.stderr.includes('error'), false, run.stderr);
  // Every finding of the notebook is still reported, one cell further on.
  const cells = (jsonFindings(run) as (ReturnType<typeof jsonFindings>[number] & { cell: number })[]).map(
    (f) => `${f.code} in cell ${f.cell}`,
  );
  assert.deepEqual(
    cells,
    EXPECTED.map(({ cell, code }) => `${code} in cell ${cell + 1}`),
  );
});

test('a list only %timeit or %%time reads is what the notebook measures: not reported, until some read is untimed', (t) => {
  const notebook = (...sources: string[]) =>
    JSON.stringify(
      {
        cells: sources.map((source) => ({
          cell_type: 'code',
          execution_count: null,
          metadata: {},
          outputs: [],
          source,
        })),
        metadata: {},
        nbformat: 4,
        nbformat_minor: 5,
      },
      null,
      1,
    );
  const bound = 'my_list = list(range(1_000_000))';
  const root = project(t, {
    'timed.ipynb': notebook(bound, '%timeit sum(my_list)', '%%time\nfor x in my_list:\n    pass'),
    'read.ipynb': notebook(bound, '%timeit sum(my_list)', 'print(len(my_list))'),
  });
  const timed = memhints(['check', 'timed.ipynb'], root);
  assert.equal(timed.status, 0, timed.stdout + timed.stderr);
  const read = memhints(['check', '--format', 'json', 'read.ipynb'], root);
  assert.deepEqual(
    (jsonFindings(read) as (ReturnType<typeof jsonFindings>[number] & { cell: number })[]).map(
      (f) => `${f.code} in cell ${f.cell}`,
    ),
    ['MEM103 in cell 1'],
  );
});

const SALES_V3 = fixtureNotebook('sales-v3.ipynb');

interface V3Notebook {
  readonly nbformat: number;
  readonly worksheets: { cells: { cell_type: string; input?: string | string[] }[] }[];
}

test('an nbformat 3 notebook is read: findings by cell number, headings counted, code timed by %timeit left alone', (t) => {
  const root = project(t, { 'old.ipynb': SALES_V3 });
  const run = memhints(['check', '--format', 'json', 'old.ipynb'], root);
  assert.equal(run.status, 1, run.stderr);
  const cells = cellsOf(SALES_V3);
  const expected = [
    { cell: 3, snippet: '[p * u for p, u in zip(prices, units)]' },
    { cell: 4, snippet: '[p for p in prices]' },
  ];
  assert.deepEqual(
    flagged(run, SALES_V3),
    expected.map(({ cell, snippet }) => `cell ${cell}: ${snippet}`),
  );
  assert.ok(
    cells.find((cell) => cell.number === 6)!.text.startsWith('%timeit sum(['),
    'the fixture times a flaggable call',
  );
});

test('--fix on an nbformat 3 notebook fixes `input` and keeps the format, every other field and the layout', (t) => {
  const root = project(t, { 'old.ipynb': SALES_V3, 'before.py': notebookAsPython(SALES_V3) });
  const before = python('before.py', root);
  assert.equal(before.status, 0, before.stderr);

  const run = memhints(['check', '--fix', 'old.ipynb'], root);
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /^Fixed 2 findings in 1 file\.$/m);
  const fixed = readFileSync(join(root, 'old.ipynb'), 'utf8');

  const original = JSON.parse(SALES_V3) as V3Notebook;
  const after = JSON.parse(fixed) as V3Notebook;
  assert.equal(after.nbformat, 3);
  assert.ok(!('cells' in after), 'no nbformat 4 "cells" list is added');
  // Without the code cells' input, the notebooks are the same, key order included.
  const withoutInput = (notebook: V3Notebook) =>
    JSON.stringify({
      ...notebook,
      worksheets: notebook.worksheets.map((worksheet) => ({
        ...worksheet,
        cells: worksheet.cells.map(({ input: _code, ...cell }) => cell),
      })),
    });
  assert.equal(withoutInput(after), withoutInput(original));
  const inputs = (notebook: V3Notebook) =>
    notebook.worksheets.flatMap((worksheet) =>
      worksheet.cells.filter((cell) => cell.cell_type === 'code').map((cell) => cell.input),
    );
  assert.deepEqual(
    inputs(after).map(Array.isArray),
    inputs(original).map(Array.isArray),
    'each input keeps its form (list or string)',
  );
  assert.notDeepEqual(inputs(after), inputs(original));
  // The lines that changed are lines of code; non-ASCII stays escaped as the file had it.
  const oldLines = SALES_V3.split('\n');
  const newLines = fixed.split('\n');
  assert.equal(newLines.length, oldLines.length);
  const changed = oldLines.flatMap((line, i) => (line !== newLines[i] ? [i] : []));
  assert.equal(changed.length, 2);
  for (const i of changed) assert.match(oldLines[i]!, /^ {6}"|^ {5}"input": "/, `line ${i + 1} is not an input line`);
  assert.ok(fixed.includes('caf\\u00e9'));

  writeAndRun(root, 'after.py', notebookAsPython(fixed), before.stdout);
  assert.equal(memhints(['check', 'old.ipynb'], root).status, 0);
});
