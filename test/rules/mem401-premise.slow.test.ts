// MEM401's premise, measured: its documented example reading a CSV of 10^5
// rows and 20 columns (the docs' file: the 3 the code uses and 17 numeric
// others), without and with the `usecols=` it advises, under tracemalloc on
// every CPython the suite has with pandas. The message says the other columns
// are kept out of memory: the frame holds less by what pandas counts for them.
import assert from 'node:assert/strict';
import { mem401 } from '../../server/src/rules/mem401-read-csv-usecols';
import { assertClaim } from '../support/premise/claims';
import { assignedNames, findingsOf } from '../support/premise/documented';
import { describeRuns, measureFix } from '../support/premise/fixRuns';
import { forEachPython } from '../support/premise/interpreters';
import { DATA_SCALE } from '../support/premise/tracedRun';

const CLAIM = /^Every column held, `(\w+)` uses ((?:"\w+"(?:, )?)+): `usecols=/;
const OTHER_COLUMNS = 17;

/** sales.csv: random prices, quantities and regions, and the other columns the code never reads. */
function setup(used: readonly string[]): string {
  return String.raw`
import random
import pandas as pd
rng = random.Random(1)
others = ["other%d" % k for k in range(${OTHER_COLUMNS})]
with open("sales.csv", "w") as out:
    out.write(",".join(${JSON.stringify(used)} + others) + "\n")
    for i in range(${DATA_SCALE}):
        used = ["%.2f" % (rng.random() * 100), str(rng.randrange(1, 20)), rng.choice(["north", "south", "east", "west"])]
        out.write(",".join(used + ["%.3f" % rng.random() for _ in others]) + "\n")
`;
}

forEachPython(
  'MEM401: usecols= keeps the unused columns of the documented example out of memory',
  async ({ python }, context) => {
    const [finding] = await findingsOf(mem401, mem401.docs.example);
    const claim = CLAIM.exec(finding?.message ?? '');
    assert.ok(claim, `the finding names the columns used: ${finding?.message}`);
    const frame = claim[1]!;
    const used = [...claim[2]!.matchAll(/"(\w+)"/g)].map((match) => match[1]!);
    // The setup writes these three with their own kinds of values.
    assert.deepEqual([...used].sort(), ['price', 'quantity', 'region']);
    const runs = measureFix(python, {
      setup: setup(['price', 'quantity', 'region']),
      before: mem401.docs.example,
      after: mem401.docs.useInstead,
      results: assignedNames(mem401.docs.example).filter((name) => name !== frame),
      figures: {
        others: `int(${frame}.drop(columns=${JSON.stringify(used)}).memory_usage(index=False, deep=True).sum())`,
      },
    });
    const claimed = runs.before.figures.others!;
    context.diagnostic(describeRuns('MEM401 example', runs, claimed));
    assertClaim('memory held by the frame saved', runs.heldSaved, claimed, {
      below: 0.01,
      above: 0.02,
      why: 'the frame without those columns also has fewer blocks and column labels, a few KB',
    });
    assertClaim('peak saved', runs.peakSaved, claimed, {
      below: 0.01,
      above: 5,
      why: "pandas converts each column it reads through temporary arrays that usecols= also skips: the peak drops by 2 (pandas 1.1) to 4 (pandas 1.5, 2.2) times the columns' final size",
    });
  },
  ['pandas'],
);
