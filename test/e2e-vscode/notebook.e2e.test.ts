// A Jupyter notebook in VS Code's notebook editor (its built-in .ipynb support;
// no Jupyter extension or kernel): the warning lands in the cell that holds the
// code, names imported in an earlier cell are known in later ones (and editing
// that cell updates them), the quick-fix rewrites that cell, and the hover shows
// sizes in bytes.
import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { NotebookEditor } from './notebook';
import { pythonSizeOf, withoutDigitGrouping } from './python';
import { useVsCode } from './session';
import { waitFor } from './waits';
import type { Workbench } from './workbench';

const NOTEBOOK = 'squares.ipynb';
const SQUARES_CALL = 'total = sum([x * x for x in xs])';
const SQUARES_FIXED = 'total = sum(x * x for x in xs)';
const PANDAS_IMPORT = 'import pandas as pd';
const READ_CSV = 'df = pd.read_csv("sales.csv")';
const ZEROS = '[0] * 1000';

/** Cell sources by kind, top to bottom; `pd` is imported in cell 2 and used in cell 4. */
const CELLS: readonly (readonly ['markdown' | 'code', string])[] = [
  ['markdown', '# Squares and sales'],
  // A million items: data scale, so the sum() finding is a warning (over `[1, 2, 3]` it would be left out as small).
  ['code', `${PANDAS_IMPORT}\n\nxs = range(1_000_000)`],
  ['code', `${SQUARES_CALL}\nprint(total)`],
  ['code', `${READ_CSV}\nprint(df["price"].sum())`],
  ['code', `zeros = ${ZEROS}`],
];
const cellNumberOf = (text: string) => CELLS.findIndex(([, source]) => source.includes(text)) + 1;
const SQUARES_CELL = cellNumberOf(SQUARES_CALL);
const READ_CSV_CELL = cellNumberOf(READ_CSV);

/** An nbformat 4 notebook holding `CELLS`, as Jupyter writes it. */
function notebookJson(): string {
  const cells = CELLS.map(([kind, source]) => ({
    cell_type: kind,
    metadata: {},
    source: source.split(/(?<=\n)/),
    ...(kind === 'code' ? { execution_count: null, outputs: [] } : {}),
  }));
  const metadata = {
    kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' },
    language_info: { name: 'python' },
  };
  return `${JSON.stringify({ cells, metadata, nbformat: 4, nbformat_minor: 5 }, null, 1)}\n`;
}

const isSumWarning = (entry: string) => entry.includes('MEM101') && entry.includes('`sum()`');
const notebookIn = (workbench: Workbench) => new NotebookEditor(workbench.page);

describe('memhints in VS Code, in a Jupyter notebook', { timeout: 10 * 60_000 }, () => {
  const { scenario } = useVsCode({ workspaceFiles: { [NOTEBOOK]: notebookJson() } });

  scenario(
    'opening the notebook underlines the list comprehension in its cell and pd.read_csv in a later cell',
    async (workbench) => {
      const notebook = notebookIn(workbench);
      await notebook.openNotebook(NOTEBOOK);
      const sumSquiggle = await notebook.waitForSquiggledText(
        'a squiggle in the sum() cell',
        (squiggle) => squiggle.cell === SQUARES_CELL,
      );
      assert.equal(sumSquiggle.text, '[x * x for x in xs]');
      // MEM401 only knows read_csv is pandas' through the import in cell 2.
      const readSquiggle = await notebook.waitForSquiggledText(
        'a squiggle in the pd.read_csv cell',
        (squiggle) => squiggle.cell === READ_CSV_CELL,
      );
      assert.equal(readSquiggle.text, 'pd.read_csv("sales.csv")');
      const squiggled = (await notebook.squiggledTexts()).map((squiggle) => squiggle.cell).sort();
      assert.deepEqual(squiggled, [SQUARES_CELL, READ_CSV_CELL], 'squiggles in other cells');

      await notebook.waitForProblem('the MEM101 entry for sum() in the Problems panel', isSumWarning);
      await notebook.waitForProblem(
        'the MEM401 entry in the Problems panel',
        (entry) => entry.includes('MEM401') && entry.includes('`df` uses "price"'),
      );
      await notebook.screenshot('notebook-diagnostic');
      // The Problems panel names the notebook, not the cell: going to the entry shows which.
      await notebook.clickProblem(isSumWarning);
      await waitFor(`the MEM101 entry to lead to cell ${SQUARES_CELL}, the sum() cell`, async () =>
        (await notebook.focusedCell()) === SQUARES_CELL ? true : undefined,
      );
      await notebook.closePanel();
    },
  );

  scenario('the quick-fix "Use a generator expression" rewrites the sum() cell only', async (workbench) => {
    const notebook = notebookIn(workbench);
    const before = await notebook.codeCells();
    await notebook.clickInto(SQUARES_CALL);
    const titles = await notebook.quickFixMenu();
    assert.ok(
      titles.some((title) => title.includes('Use a generator expression')),
      `quick-fix menu: ${JSON.stringify(titles)}`,
    );
    await notebook.screenshot('notebook-quick-fix-menu');
    await notebook.chooseQuickFix('Use a generator expression');
    const fixed = await notebook.waitForCell('the sum() cell to hold a generator expression', (text) =>
      text.includes(SQUARES_FIXED),
    );
    assert.equal(fixed.number, SQUARES_CELL);
    const expected = before.map((cell) =>
      cell.number === SQUARES_CELL ? { ...cell, text: cell.text.replace(SQUARES_CALL, SQUARES_FIXED) } : cell,
    );
    assert.deepEqual(await notebook.codeCells(), expected);
    // Its warning goes; the pd.read_csv one stays.
    await notebook.waitForSquiggledText(
      'the pd.read_csv squiggle to stay',
      (squiggle) => squiggle.cell === READ_CSV_CELL,
    );
    await waitFor('the MEM101 entry to leave the Problems panel while the MEM401 entry stays', async () => {
      const problems = await notebook.problems();
      return problems.some((entry) => entry.includes('MEM401')) && !problems.some((entry) => entry.includes('MEM101'))
        ? true
        : undefined;
    });
    await notebook.closePanel();
    await notebook.screenshot('notebook-quick-fix');

    // "File: Revert File" clears a notebook's dirty mark but leaves edited cells as they are
    // (microsoft/vscode#180193), so the fix is undone in its cell; its warning comes back.
    await notebook.clickInto(SQUARES_FIXED);
    await notebook.undo();
    await notebook.waitForCell('the sum() cell to hold the list comprehension again', (text) =>
      text.includes(SQUARES_CALL),
    );
    await notebook.waitForSquiggledText(
      'the squiggle to come back in the sum() cell',
      (squiggle) => squiggle.cell === SQUARES_CELL && squiggle.text === '[x * x for x in xs]',
    );
  });

  scenario(
    'renaming the import in an earlier cell takes the pd.read_csv warning off the later cell, and undoing brings it back',
    async (workbench) => {
      const notebook = notebookIn(workbench);
      await notebook.waitForSquiggledText('the pd.read_csv squiggle', (squiggle) => squiggle.cell === READ_CSV_CELL);
      await notebook.clickInto(PANDAS_IMPORT);
      await notebook.typeAtLineEnd('_table');
      await notebook.waitForCell('the renamed import', (text) => text.startsWith(`${PANDAS_IMPORT}_table\n`));
      // `pd` no longer names pandas in cell 4, so nothing there is a pandas read any more.
      await waitFor('the pd.read_csv squiggle to go while the sum() one stays', async () => {
        const cells = (await notebook.squiggledTexts()).map((squiggle) => squiggle.cell);
        return cells.includes(SQUARES_CELL) && !cells.includes(READ_CSV_CELL) ? true : undefined;
      });
      await notebook.screenshot('notebook-earlier-cell-edited');
      await notebook.undo();
      await notebook.waitForCell('the import to read `import pandas as pd` again', (text) =>
        text.startsWith(`${PANDAS_IMPORT}\n`),
      );
      await notebook.waitForSquiggledText(
        'the pd.read_csv squiggle to come back',
        (squiggle) => squiggle.cell === READ_CSV_CELL && squiggle.text === 'pd.read_csv("sales.csv")',
      );
    },
  );

  scenario('hovering [0] * 1000 in a cell shows its total and its size in bytes', async (workbench) => {
    const notebook = notebookIn(workbench);
    const expected = pythonSizeOf(ZEROS);
    // The total: the list and the one int 0 all its slots point to.
    const total = expected + pythonSizeOf('0');
    const hover = await notebook.hoverOver(ZEROS, { timeoutMs: 10_000 });
    await notebook.screenshot('notebook-hover');
    await notebook.pressEscape();
    const digits = withoutDigitGrouping(hover ?? '');
    assert.ok(
      digits.includes(String(expected)),
      `the hover does not show ${expected} (sys.getsizeof): ${JSON.stringify(hover)}`,
    );
    assert.ok(
      digits.includes(`${total} bytes`),
      `the hover does not show the total, ${total} bytes: ${JSON.stringify(hover)}`,
    );
  });
});
