// MEM401 in notebooks: the cells are one module, so a frame read in one cell
// and used in the next ones is followed through all of them, and flagged once,
// in the cell of the read, with the columns every cell uses.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NotebookModule } from '../../server/src/notebooks/cellModule';
import { applyEdits } from '../../server/src/rules/fixes';
import { mem401 } from '../../server/src/rules/mem401-read-csv-usecols';
import { findingsIn } from '../support/analyze';

const READ = 'df = pd.read_csv("train.csv")';

/** Cells 3 to 9 of a notebook: each uses columns of `df` by name, literally or through the constants of cells 0 and 1. */
const USES = [
  'df["a"].describe()',
  'df[FEATURES].corr()',
  'df.b.hist()',
  'df[TARGET].value_counts()',
  '%matplotlib inline\ndf[["a", "c"]].plot()',
  'doubled = df["d"] * 2\ndoubled.sum()',
  'df["e"].mean()',
];

function notebook(uses: readonly string[], read = READ): string[] {
  return ['import pandas as pd\nTARGET = "y"', 'FEATURES = ["a", "b"]', read, ...uses];
}

async function cellFindings(cells: readonly string[]) {
  const module = new NotebookModule(cells);
  return module.cellFindings(await findingsIn(module.source, { rules: [mem401] }));
}

test('a frame read in cell 2 and used in cells 3 to 9 by name is flagged once, in cell 2, with the columns of every cell', async () => {
  const cells = notebook(USES);
  const found = await cellFindings(cells);
  assert.deepEqual(
    found.map(({ cell }) => cell.index),
    [2],
  );
  const { finding } = found[0]!;
  assert.match(finding.message, /`df` uses "a", "b", "c", "d", "e", "y":/);
  assert.equal(
    applyEdits(cells[2]!, finding.fix!.edits),
    'df = pd.read_csv("train.csv", usecols=["a", "b", "c", "d", "e", "y"])',
  );
});

test('one other use of the frame in any later cell, and it is not flagged', async () => {
  for (const other of ['df.head()', 'df', 'df.shape', 'print(df)', 'df["f"] = 0', 'df[df.a > 0]']) {
    const uses = [...USES.slice(0, 3), other, ...USES.slice(3)];
    assert.deepEqual(await cellFindings(notebook(uses)), [], other);
  }
});

test('a later cell that reads the file again, or names columns it computes, leaves the read unflagged', async () => {
  assert.deepEqual(await cellFindings(notebook([...USES, READ, 'df["a"].sum()'])), []);
  assert.deepEqual(await cellFindings(notebook([...USES, 'for name in FEATURES:\n    df[name].plot()'])), []);
});

test('a frame cut to a few columns in the next cell: flagged in the cell of the read, the fix kept there', async () => {
  const cells = notebook(['df = df[["b", "a"]]', 'df.head()', 'df.describe()']);
  const found = await cellFindings(cells);
  assert.deepEqual(
    found.map(({ cell }) => cell.index),
    [2],
  );
  assert.match(found[0]!.finding.message, /the next statement keeps only "a", "b" of `df`/);
  assert.equal(
    applyEdits(cells[2]!, found[0]!.finding.fix!.edits),
    'df = pd.read_csv("train.csv", usecols=["b", "a"])',
  );
});
