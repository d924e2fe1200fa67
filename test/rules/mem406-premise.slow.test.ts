// MEM406's premise, measured: its documented example over orders.csv (10^5
// rows, 10 numeric and 2 text columns, half of them late), read untraced, then
// the count run under tracemalloc as the example writes it and as its fix does,
// on every CPython the suite has with pandas. The message says the count copies
// every column of the matching rows: the fix must lower the peak by that copy,
// 8 bytes per column, index label and row position of each matching row, and
// give the same int. Every mask shape the rule follows, NaN and a nullable
// boolean mask's NA included, must count the same rows after the fix.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyEdits, combinedEdits, SAFE_AND_UNSAFE } from '../../server/src/rules/fixes';
import { mem406 } from '../../server/src/rules/mem406-count-of-filtered-frame';
import { dataFolder } from '../support/dataFiles';
import { assertClaim } from '../support/premise/claims';
import { assignedNames, findingsOf } from '../support/premise/documented';
import { describeRuns, measureFix } from '../support/premise/fixRuns';
import { forEachPython } from '../support/premise/interpreters';
import { afterTheRead, writeOrdersCsv } from '../support/premise/ordersCsv';
import { DATA_SCALE, tracedRun } from '../support/premise/tracedRun';

const ORDERS = writeOrdersCsv(dataFolder('mem406-premise'));
const MASK = 'orders["days_late"] > 0';

test('the fix turns the documented example into its replacement, and calls it safe', async () => {
  const [finding, ...others] = await findingsOf(mem406, mem406.docs.example);
  assert.equal(others.length, 0);
  assert.equal(finding?.fix?.safety, 'safe');
  assert.equal(applyEdits(mem406.docs.example, finding.fix.edits), mem406.docs.useInstead);
  assert.match(finding.message, /^Copies every column of the matching rows to count them/);
});

forEachPython(
  `MEM406: counting the rows a mask keeps copies every column of them (${DATA_SCALE.toLocaleString('en-US')} rows)`,
  async ({ python }, context) => {
    const before = afterTheRead(ORDERS, mem406.docs.example);
    const after = afterTheRead(ORDERS, mem406.docs.useInstead);
    const runs = measureFix(python, {
      setup: before.setup,
      before: before.code,
      after: after.code,
      results: assignedNames(before.code),
      figures: {
        matching: `int((${MASK}).sum())`,
        columns: 'orders.shape[1]',
        copy: `int(orders[${MASK}].memory_usage(index=True).sum())`,
        type: 'int(type(late) is int)',
      },
    });
    const { matching, columns, copy, type } = runs.before.figures as Record<string, number>;
    // "every column of the matching rows": 8 B per column, per index label and per row position.
    const claimed = matching! * 8 * (columns! + 2);
    context.diagnostic(runs.before.interpreter);
    context.diagnostic(`${matching} of ${DATA_SCALE} rows match; the copy's memory_usage: ${copy} B`);
    context.diagnostic(describeRuns('example', runs, claimed));
    assert.equal(columns, 12);
    assert.equal(type, 1, 'len() gives an int, and so must the fix');
    assert.ok(matching! > 0.4 * DATA_SCALE && matching! < 0.6 * DATA_SCALE, `${matching} late orders`);
    // pandas 1.x also makes an int64 array of the RangeIndex for the first selection, and keeps it (8 B per row of the frame).
    assertClaim('bytes the count keeps, less with the fix', runs.heldSaved, 0, {
      below: Infinity,
      above: 0,
      slack: 8 * DATA_SCALE + 16_384,
      why: "pandas 1.x caches the frame's index as int64 the first time rows are selected; pandas 2.2 keeps nothing",
    });
    // What the copy held for as long as the count took: the peak saved, less what stays cached.
    assertClaim(
      'peak saved by counting the mask, less what the count keeps',
      runs.peakSaved - runs.heldSaved,
      claimed,
      {
        below: 0.02,
        above: 0.01,
        slack: 80_000,
        why: "the copy is the frame's columns and index over the matching rows plus an int64 array of their positions; sum() of the mask takes up to about 70 KB of its own work, which the fix adds",
      },
    );
    assert.ok(runs.before.peak >= copy!, 'the copy itself is among what the count holds at its peak');
  },
  ['pandas'],
);

/** Columns with NaN and NA added to the frame, untraced: masks over them must count the same rows after the fix. */
const MISSING_VALUES = `
import numpy as np
orders["rating"] = pd.array([None if i % 7 == 0 else i % 5 for i in range(len(orders))], dtype="Int64")
orders["weight"] = orders["weight"].where(orders.index % 3 != 0, np.nan)
orders["paid"] = pd.array([None if i % 11 == 0 else i % 2 == 0 for i in range(len(orders))], dtype="boolean")
`;

/** Every mask shape the rule follows, each count bound to a name the fixed code must reproduce. */
const SHAPES = `late = len(orders[orders["days_late"] > 0])
late_loc = len(orders.loc[orders["days_late"] > 0])
late_shape = orders[orders.days_late >= 1].shape[0]
heavy = len(orders[orders["weight"] > 15])
no_weight = len(orders[orders["weight"].isna()])
weighed = len(orders[orders.weight.notnull()])
rated = len(orders[orders["rating"] > 2])
unrated = len(orders.loc[orders["rating"].isnull()])
paid = len(orders[orders["paid"] == True])
unpaid_oslo = len(orders[(orders["city"] == "Oslo") & ~orders["paid"].fillna(False)])
known = len(orders[orders["city"].isin(["Oslo", "Lima"])])
middle = orders[orders["amount"].between(100, 200)].shape[0]
either = len(orders[(orders["price"] > orders["tax"]) | orders["status"].eq("open")])
odd = len(orders[(orders["quantity"] > 3) ^ (orders["days_late"] < 0)])
late_mask = orders["days_late"] > 0
named = len(orders[late_mask])
unweighed_or_unrated = orders["weight"].isna() | orders["rating"].isna()
named_loc = orders.loc[unweighed_or_unrated].shape[0]
`;

/** Names in SHAPES that hold masks, not counts. */
const MASK_NAMES = 2;

forEachPython(
  'MEM406: the fixes count the same rows for every mask shape, NaN and NA included',
  async ({ python }, context) => {
    const source = `import pandas as pd\n\norders = pd.read_csv("orders.csv")\n${SHAPES}`;
    const findings = await findingsOf(mem406, source);
    const names = assignedNames(SHAPES);
    // `fillna(False)` is a method the rule does not read as a mask: that line is the one left alone.
    assert.equal(findings.length, names.length - 1 - MASK_NAMES);
    // Nothing changes the frame between a named mask and its count.
    assert.ok(findings.every((finding) => finding.fix?.safety === 'safe'));
    const fixed = applyEdits(source, combinedEdits(findings, SAFE_AND_UNSAFE));
    const { setup } = afterTheRead(ORDERS, source);
    const runs = measureFix(python, {
      setup: `${setup}\n${MISSING_VALUES}`,
      before: SHAPES,
      after: fixed.slice(fixed.indexOf('late = ')),
      results: names,
      figures: { nan: 'int(orders["weight"].isna().sum())', na: 'int(orders["paid"].isna().sum())' },
    });
    assert.ok(runs.before.figures.nan! > 0 && runs.before.figures.na! > 0, 'the frame holds NaN and NA');
    context.diagnostic(describeRuns('shapes', runs, 0));
  },
  ['pandas'],
);

/** A named mask, and the frame losing rows before the count: the count aligns the mask to the rows left. */
const DROPPED_SINCE = `late_mask = orders["days_late"] > 0
orders.drop(index=range(0, 1000), inplace=True)
late = len(orders[late_mask])
`;

forEachPython(
  'MEM406: after the frame lost rows, a named mask counts otherwise: that fix is unsafe',
  async ({ python }) => {
    const source = `import pandas as pd\n\norders = pd.read_csv("orders.csv")\n${DROPPED_SINCE}`;
    const [finding, ...others] = await findingsOf(mem406, source);
    assert.equal(others.length, 0);
    assert.equal(finding?.fix?.safety, 'unsafe');
    const fixed = applyEdits(source, finding.fix.edits);
    const { setup } = afterTheRead(ORDERS, source);
    const run = (code: string) => tracedRun(python, { setup, code, results: ['late'] }).results[0]?.fingerprint;
    const [counted, summed] = [run(DROPPED_SINCE), run(fixed.slice(fixed.indexOf('late_mask = ')))];
    assert.ok(counted !== undefined && summed !== undefined);
    assert.notEqual(summed, counted, 'the mask counts the rows dropped since, len() does not');
  },
  ['pandas'],
);
