// A frame made by a reduction holds a row per group or a few rows: its size is
// not the data's, unless the groups are entities (a row per user) or the
// reduction keeps a share of the rows (`sample(frac=…)`).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { holdsReduction } from '../../server/src/scale/reducedFrames';
import { withSource } from '../support/tree';

const READ = 'import pandas as pd\ndf = pd.read_csv("a.csv")\n';

/** Whether the argument of the last `use(…)` holds a reduction. */
async function reduced(source: string): Promise<boolean> {
  return withSource(READ + source, ({ facts, tree }) => {
    const uses = tree.rootNode
      .descendantsOfType('call')
      .filter((call) => call?.childForFieldName('function')?.text === 'use');
    return holdsReduction(uses[uses.length - 1]!.childForFieldName('arguments')!.namedChild(0), facts);
  });
}

const CASES: readonly (readonly [string, boolean, string])[] = [
  ['use(df.groupby("sex").size())\n', true, 'a count per category'],
  ['agg = df.groupby(["sex", "class"]).mean().reset_index()\nuse(agg)\n', true, 'through methods and a name'],
  [
    'agg = df.groupby("k").sum()\nagg = agg.reset_index()\nuse(agg[agg.n > 3])\n',
    true,
    'rebound to itself, then masked',
  ],
  ['use(df.head(500))\n', true, 'the first rows'],
  ['use(df.sample(100))\n', true, 'a sample of a count'],
  ['use(df.sample(frac=0.2))\n', false, 'a share of the rows'],
  ['use(df.describe())\n', true, 'a summary'],
  ['use(df.groupby("user_id").sum())\n', false, 'a row per user'],
  ['use(df.groupby(["datetime", "CellID"]).sum())\n', false, 'a row per cell and time'],
  ['use(df["ParcelId"].value_counts())\n', false, 'a count per parcel'],
  ['use(df)\n', false, 'the frame itself'],
  ['use(df[df.a > 3])\n', false, 'a mask of the frame'],
  ['agg = df.groupby("k").sum()\nuse(agg.merge(df, on="k"))\n', false, 'joined with the whole frame'],
  ['agg = df.groupby("k").sum()\nother = df.groupby("j").sum()\nuse(agg.join(other))\n', true, 'two reductions joined'],
  ['import pandas as pd\nuse(pd.merge(df.groupby("k").sum(), df))\n', false, "a module's function"],
  ['agg = df.groupby("k").sum()\nif big:\n    agg = df\nuse(agg)\n', false, 'one binding is the whole frame'],
  ['def f(agg):\n    agg = agg.reset_index()\n    use(agg)\n', false, 'a parameter rebound to itself'],
  ['a = b.reset_index()\nb = a.rename()\nuse(a)\n', false, 'names bound to each other alone'],
];

for (const [source, expected, what] of CASES) {
  test(`${what}: ${expected ? 'a reduction' : 'not a reduction'}`, async () => {
    assert.equal(await reduced(source), expected, source);
  });
}
