// Which values are rows a mask keeps, or parts of them: MEM110 reads one item
// of such a selection as a lookup whose size the code does not show.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { keepsMaskedRows } from '../../server/src/scale/maskSelections';
import { withSource } from '../support/tree';

const READ = 'import pandas as pd\ndf = pd.read_csv("a.csv")\n';

/** Whether the argument of the last `use(…)` keeps masked rows. */
async function keeps(source: string): Promise<boolean> {
  return withSource(`${READ}${source}`, ({ facts, find }) => {
    const calls = find('call', undefined, 0)
      .tree.rootNode.descendantsOfType('call')
      .filter((call) => call?.childForFieldName('function')?.text === 'use');
    return keepsMaskedRows(calls[calls.length - 1]!.childForFieldName('arguments')!.namedChild(0)!, facts);
  });
}

const CASES: readonly (readonly [string, boolean, string])[] = [
  ['use(df[df["a"] > 3])\n', true, 'a comparison'],
  ['use(df.loc[df.k == 5, "name"])\n', true, 'a column of the rows, through .loc'],
  ['use(df[df.a.isna() | (df["b"] != 0)]["c"].values)\n', true, 'masks combined, a column, its values'],
  ['use(df[~df["a"].between(1, 9)])\n', true, 'a negated mask method'],
  ['keep = df["a"].str.contains("x")\nrecent = keep & (df.b > 0)\nuse(df[recent])\n', true, 'named masks'],
  ['late = df[df["days"] > 0]\nuse(late["amount"])\n', true, 'a column of a name bound to a selection'],
  ['use(df[1 < df["a"]][["b", "c"]])\n', true, 'columns of the rows'],
  ['use(df["a"])\n', false, 'a column'],
  ['use(df[["a", "b"]])\n', false, 'columns'],
  ['use(df.loc[labels, "a"])\n', false, 'rows chosen by labels'],
  ['use(df[5:])\n', false, 'a slice of rows'],
  ['use(df[x in y])\n', false, '`in` is no mask of rows'],
  ['keep = df["a"] > 3\nkeep = df["a"]\nuse(df[keep])\n', false, 'a name bound twice'],
  ['use(df[df["a"] > 3].head())\n', false, 'a method of the selection (a reduction: DataScales says unknown)'],
];

for (const [source, expected, why] of CASES) {
  test(`${why}: ${expected ? 'masked rows' : 'not masked rows'}`, async () => {
    assert.equal(await keeps(source), expected);
  });
}
