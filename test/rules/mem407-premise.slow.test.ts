// MEM407's premise, measured: its documented example over orders.csv (10^5
// rows, 10 numeric and 2 text columns, half of them late), read untraced, then
// the selection run under tracemalloc as the example writes it and as its fix
// does, on every CPython the suite has with pandas. The message says the
// chained selection copies every column of the matching rows to keep one: the
// fix must lower the peak by the other columns' copy, 8 bytes per column but
// one of each matching row, and give the same Series. The docs say a Series
// kept from the chained form holds its dtype's whole block of the copy.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyEdits, combinedEdits, SAFE_AND_UNSAFE } from '../../server/src/rules/fixes';
import { mem407 } from '../../server/src/rules/mem407-column-of-filtered-frame';
import { dataFolder } from '../support/dataFiles';
import { assertClaim } from '../support/premise/claims';
import { assignedNames, findingsOf } from '../support/premise/documented';
import { describeRuns, measureFix } from '../support/premise/fixRuns';
import { forEachPython } from '../support/premise/interpreters';
import { afterTheRead, writeOrdersCsv } from '../support/premise/ordersCsv';
import { DATA_SCALE } from '../support/premise/tracedRun';

const ORDERS = writeOrdersCsv(dataFolder('mem407-premise'));
const MASK = 'orders["days_late"] > 0';
/** orders.csv's float64 columns: the block `amount` is a view of in the chained form's copy. */
const FLOAT_COLUMNS = 6;

test('the fix turns the documented example into its replacement, and calls it safe', async () => {
  const [finding, ...others] = await findingsOf(mem407, mem407.docs.example);
  assert.equal(others.length, 0);
  assert.equal(finding?.fix?.safety, 'safe');
  assert.equal(applyEdits(mem407.docs.example, finding.fix.edits), mem407.docs.useInstead);
  assert.match(finding.message, /^Copies every column of the matching rows to keep "amount"/);
});

forEachPython(
  `MEM407: one column of the rows a mask keeps, through a copy of every column (${DATA_SCALE.toLocaleString('en-US')} rows)`,
  async ({ python }, context) => {
    const before = afterTheRead(ORDERS, mem407.docs.example);
    const after = afterTheRead(ORDERS, mem407.docs.useInstead);
    const runs = measureFix(python, {
      setup: before.setup,
      before: before.code,
      after: after.code,
      results: assignedNames(before.code),
      figures: { matching: `int((${MASK}).sum())`, columns: 'orders.shape[1]' },
    });
    const { matching, columns } = runs.before.figures as Record<string, number>;
    // "every column of the matching rows", where `.loc` copies one: 8 B per other column of each matching row.
    const claimed = matching! * 8 * (columns! - 1);
    context.diagnostic(runs.before.interpreter);
    context.diagnostic(`${matching} of ${DATA_SCALE} rows match`);
    context.diagnostic(describeRuns('example', runs, claimed));
    assert.equal(columns, 12);
    assertClaim('peak saved by selecting rows and column at once', runs.peakSaved, claimed, {
      below: 0.02,
      above: 0.02,
      slack: 20_000,
      why: 'both forms make the mask, the positions of its rows, the index of those rows and the column kept; the chained form copies the eleven other columns on top',
    });

    // A Series kept from each form: the chained one is a view of the copy's float64 block.
    const [chained, located] = [mem407.docs.example, mem407.docs.useInstead].map((example) => {
      const { setup, code } = afterTheRead(ORDERS, example);
      return measureFix(python, { setup, before: code.replace(/\.sum\(\)$/, ''), after: '' }).before.held;
    });
    context.diagnostic(`a kept Series holds ${chained} B chained, ${located} B through .loc`);
    assertClaim('bytes a Series kept from the chained form holds', chained!, matching! * 8 * (FLOAT_COLUMNS + 1), {
      below: 0.02,
      above: 0.02,
      slack: 65_536 + 8 * DATA_SCALE,
      why: "the copy's block of the six float64 columns and the index of the matching rows, and on pandas 1.x the frame's RangeIndex made int64 (8 B per row of the frame) by the first selection, and with pandas 1.1 some 40 KB more",
    });
    assertClaim('bytes a Series kept from .loc holds', located!, matching! * 8 * 2, {
      below: 0.02,
      above: 0.02,
      slack: 65_536 + 8 * DATA_SCALE,
      why: "its values and its index, and on pandas 1.x the frame's RangeIndex made int64 by the first selection, and with pandas 1.1 some 40 KB more",
    });
  },
  ['pandas'],
);

/** Every mask shape the rule follows, each selection bound to a name the fixed code must reproduce. */
const SHAPES = `late = orders[orders["days_late"] > 0]["amount"]
late_loc = orders.loc[orders["days_late"] > 0]["city"]
light = orders[orders["weight"].isna() | (orders["city"] != "Oslo")]["weight"]
rated = orders[orders["rating"] > 2]["rating"]
paid = (orders[orders["paid"] == True])["status"]
known = orders[orders.city.isin(["Oslo", "Lima"])]["price"]
middle = orders[orders["amount"].between(100, 200)]["tax"]
oslo_paid = (orders["city"] == "Oslo") & orders["paid"].notna()
named = orders[oslo_paid]["amount"]
named_loc = orders.loc[oslo_paid]["rating"]
`;

/** Names in SHAPES that hold masks, not selections. */
const MASK_NAMES = 1;

/** Columns with NaN and NA added to the frame, untraced: masks over them must keep the same rows after the fix. */
const MISSING_VALUES = `
import numpy as np
orders["rating"] = pd.array([None if i % 7 == 0 else i % 5 for i in range(len(orders))], dtype="Int64")
orders["weight"] = orders["weight"].where(orders.index % 3 != 0, np.nan)
orders["paid"] = pd.array([None if i % 11 == 0 else i % 2 == 0 for i in range(len(orders))], dtype="boolean")
`;

forEachPython(
  'MEM407: the fixes select the same Series for every mask shape, NaN and NA included',
  async ({ python }, context) => {
    const source = `import pandas as pd\n\norders = pd.read_csv("orders.csv")\n${SHAPES}`;
    const findings = await findingsOf(mem407, source);
    const names = assignedNames(SHAPES);
    assert.equal(findings.length, names.length - MASK_NAMES);
    assert.ok(findings.every((finding) => finding.fix?.safety === 'safe'));
    const fixed = applyEdits(source, combinedEdits(findings, SAFE_AND_UNSAFE));
    const { setup } = afterTheRead(ORDERS, source);
    const runs = measureFix(python, {
      setup: `${setup}\n${MISSING_VALUES}`,
      before: SHAPES,
      after: fixed.slice(fixed.indexOf('late = ')),
      results: names,
    });
    context.diagnostic(describeRuns('shapes', runs, 0));
  },
  ['pandas'],
);
