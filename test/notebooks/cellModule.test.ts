// A notebook's code cells as one module: positions both ways, names from
// earlier cells known in later ones, findings and fixes in cell terms.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NotebookModule } from '../../server/src/notebooks/cellModule';
import { findingsIn } from '../support/analyze';
import { codeCells, fixtureNotebook } from '../support/notebooks';

const CELLS = [
  'import pandas as pd',
  '%matplotlib inline\ndf = pd.read_csv("sales.csv")\n',
  'print(df["price"].sum())',
];

test('the module is the cells in order, each starting on a line of its own', () => {
  const module = new NotebookModule(CELLS);
  assert.deepEqual(module.source.split('\n'), [
    'import pandas as pd',
    ' '.repeat(18),
    'df = pd.read_csv("sales.csv")',
    '',
    'print(df["price"].sum())',
  ]);
  for (const [index, cell] of CELLS.entries()) {
    const start = module.moduleOffset(index, 0);
    assert.equal(
      module.source.slice(start, start + cell.length).replace(/^ +/, ''),
      cell.replace('%matplotlib inline', ''),
    );
  }
});

test('every offset of every cell maps to the module and back', () => {
  const cells = ['x = "😀"\r\ny = 1', '', '%time z = [0] * 9\n', 'w = 2\n'];
  const module = new NotebookModule(cells);
  for (const [index, cell] of cells.entries()) {
    for (let offset = 0; offset <= cell.length; offset++) {
      const inModule = module.moduleOffset(index, offset);
      const back = module.cellAt(inModule);
      assert.equal(back?.index, index, `cell ${index} offset ${offset}`);
      assert.equal(inModule - back.start, offset);
    }
  }
});

test('names imported in one cell are known in later cells: MEM401 fires across cells, in the cell of the read', async () => {
  const module = new NotebookModule(CELLS);
  const found = module.cellFindings(await findingsIn(module.source));
  assert.deepEqual(
    found.map(({ cell, finding }) => [cell.index, finding.code]),
    [[1, 'MEM401']],
  );
  const { cell, finding } = found[0]!;
  assert.equal(CELLS[cell.index]!.slice(finding.start, finding.end), 'pd.read_csv("sales.csv")');
  // The fix, moved into the cell, applies to the cell's own text.
  const edit = finding.fix!.edits[0]!;
  const fixed = CELLS[cell.index]!.slice(0, edit.start) + edit.text + CELLS[cell.index]!.slice(edit.end);
  assert.match(fixed, /^%matplotlib inline\ndf = pd\.read_csv\("sales\.csv", usecols=\["price"\]\)\n$/);
});

test('a use hidden by blanked IPython syntax is the only thing lost: a frame shown by %time is still a whole-frame use', async () => {
  const module = new NotebookModule([...CELLS, '%time df.describe()']);
  assert.deepEqual(module.cellFindings(await findingsIn(module.source)), []);
});

test('positions in blanked syntax are known as such', () => {
  const module = new NotebookModule(['x = 1', '%time y = [0] * 9']);
  const cell = module.cells[1]!;
  assert.equal(module.isBlanked(cell.start), true);
  assert.equal(module.isBlanked(cell.start + 4), true);
  assert.equal(module.isBlanked(cell.start + '%time '.length), false);
  assert.equal(module.isBlanked(0), false);
});

test('an edit that spans two cells or touches blanked syntax cannot be made in a cell', () => {
  const module = new NotebookModule(['a = 1', '%prun b = 2']);
  const second = module.cells[1]!;
  assert.equal(module.cellEdit({ start: 2, end: second.start + 1, text: '' }), undefined);
  assert.equal(module.cellEdit({ start: second.start, end: second.start, text: 'x' }), undefined);
  assert.equal(module.cellEdit({ start: second.start + 2, end: second.start + 8, text: '' }), undefined);
  assert.deepEqual(module.cellEdit({ start: second.start + 6, end: second.start + 7, text: 'c' }), {
    cell: second,
    edit: { start: 6, end: 7, text: 'c' },
  });
  const finding = {
    code: 'MEM999',
    message: '',
    severity: 'warning' as const,
    start: second.start + 6,
    end: second.start + 7,
  };
  const crossing = {
    ...finding,
    fix: { title: 't', safety: 'safe' as const, edits: [{ start: 0, end: second.start + 7, text: '' }] },
  };
  assert.equal(module.reportable([crossing])[0]!.fix, undefined);
  assert.equal(module.cellFindings([crossing])[0]!.finding.fix, undefined);
});

test("related places come back in their cell's terms: MEM201 on a notebook string grown on two lines of a loop", async () => {
  const module = new NotebookModule([
    'import sys',
    'log = ""\nfor line in sys.stdin:\n    log += line\n    log += "\\n"\n',
  ]);
  const found = module.cellFindings(await findingsIn(module.source));
  assert.deepEqual(
    found.map(({ cell, finding }) => [cell.index, finding.code]),
    [[1, 'MEM201']],
  );
  const { cell, finding } = found[0]!;
  const text = module.source.slice(module.cells[cell.index]!.start);
  assert.equal(text.slice(finding.start, finding.end), 'log += line');
  assert.deepEqual(
    finding.related?.map((place) => text.slice(place.start, place.end)),
    ['log += "\\n"'],
  );
});

test("a related place in another cell than its finding's is left out", () => {
  const module = new NotebookModule(['a = 1', 'b = 2']);
  const second = module.cells[1]!;
  const finding = {
    code: 'MEM999',
    message: '',
    severity: 'warning' as const,
    start: 0,
    end: 5,
    related: [{ start: second.start, end: second.start + 5, message: 'elsewhere' }],
  };
  assert.equal(module.cellFindings([finding])[0]!.finding.related, undefined);
});

test('the fixture notebook: findings in the cells a reader sees them in', async () => {
  const cells = codeCells(fixtureNotebook('sales.ipynb'));
  const module = new NotebookModule(cells.map((cell) => cell.text));
  const found = module.cellFindings(await findingsIn(module.source));
  const where = found.map(({ cell, finding }) => {
    const text = cells[cell.index]!.text;
    return { number: cells[cell.index]!.number, code: finding.code, text: text.slice(finding.start, finding.end) };
  });
  assert.deepEqual(where, [
    { number: 4, code: 'MEM401', text: 'pd.read_csv("sales.csv")' },
    { number: 6, code: 'MEM101', text: '[p * u for p, u in zip(df["price"], df["units"])]' },
    { number: 6, code: 'MEM101', text: '[p for p in df["price"]]' },
    { number: 7, code: 'MEM101', text: '[u for u in df["units"]]' },
  ]);
});

test('findings inside code that %timeit, %time, %%timeit or %%time times are not reported; under other magics they are', async () => {
  const flagged = 'sum([x for x in xs])';
  const cells = [
    'xs = [1, 2]',
    `%timeit ${flagged}`,
    `%time y = ${flagged}`,
    `%%time\n${flagged}`,
    `%%timeit -n 3\n${flagged}`,
    `%prun ${flagged}`,
    `%%capture out\n${flagged}`,
    flagged,
  ];
  const module = new NotebookModule(cells);
  const findings = await findingsIn(module.source);
  // Every copy is found by the analysis; only those outside timed code are reported.
  assert.deepEqual(
    findings.map((finding) => module.cellAt(finding.start)!.index),
    [1, 2, 3, 4, 5, 6, 7],
  );
  assert.deepEqual(
    module.reportable(findings).map((finding) => module.cellAt(finding.start)!.index),
    [5, 6, 7],
  );
  assert.deepEqual(
    module.cellFindings(findings).map(({ cell, finding }) => [cell.index, finding.code, finding.fix?.safety]),
    [
      [5, 'MEM101', 'safe'],
      [6, 'MEM101', 'safe'],
      [7, 'MEM101', 'safe'],
    ],
  );
});

test('a list only timed code reads is what the notebook measures: MEM103 is left out unless some read is untimed', async () => {
  const bound = 'my_list = list(range(1_000_000))';
  const timedReads = [
    '%timeit sum(my_list)',
    '%time total = max(my_list)',
    '%%timeit\nfor x in my_list:\n    pass',
    '%%time\nlen(my_list)',
  ];
  const reported = async (cells: string[]) => {
    const module = new NotebookModule(cells);
    const findings = (await findingsIn(module.source)).filter((finding) => finding.code === 'MEM103');
    // The analysis finds the list whatever the magics; the notebook decides what to report.
    assert.equal(findings.length, 1, cells.join(' | '));
    return module.reportable(findings).length;
  };
  for (const read of timedReads) assert.equal(await reported([bound, read]), 0, read);
  assert.equal(await reported([bound, ...timedReads]), 0, 'all four');
  assert.equal(await reported([bound, timedReads[0]!, 'print(len(my_list))']), 1, 'one read outside the magic');
  assert.equal(await reported([bound, '%prun sum(my_list)']), 1, '%prun profiles, it does not time');
  assert.equal(await reported([`%%timeit\n${bound}\nsum(my_list)`]), 0, 'bound and read in the timed cell');
});
