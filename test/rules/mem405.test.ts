// MEM405 over snippets, without a data file (a hint at the cost per row, at a
// scale not known) and with the estimate of one the workspace would hold,
// written here as CSV and estimated as the server does: then the columns the
// sample shows to be text of few distinct values, and a saving that matters,
// decide the finding and its figures.
import { memoryLimit, THIS_MACHINE } from '../../server/src/scale/memoryLimit';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { estimateCsv } from '../../server/src/data/csv';
import type { DataEstimate } from '../../server/src/data/dataEstimate';
import { applyEdits } from '../../server/src/rules/fixes';
import { mem405 } from '../../server/src/rules/mem405-text-column-as-category';
import type { Finding } from '../../server/src/rules/types';
import type { DataReadScales } from '../../server/src/scale/dataScale';
import { CPYTHON, DEFAULT_PYTHON_VERSION } from '../../server/src/sizes/cpython';
import { shortBytes } from '../../server/src/sizes/format';
import { findingsIn } from '../support/analyze';
import { dataFolder } from '../support/dataFiles';

const layout = CPYTHON[DEFAULT_PYTHON_VERSION];
const folder = dataFolder('mem405');
const STATES = ['CA', 'NY', 'TX', 'WA', 'OR', 'NV', 'AZ', 'UT', 'CO', 'FL', 'GA', 'MA'];

const SOURCE = `import pandas as pd

sales = pd.read_csv("sales.csv")
in_ca = sales["state"] == "CA"
online = sales["kind"].isin(["web", "app"])
`;

/** A sales.csv of `rows` rows: a state of twelve, a kind of `kinds` distinct values, an amount. */
function salesEstimate(rows: number, kinds: number): DataEstimate {
  const path = join(folder, `sales-${rows}-${kinds}.csv`);
  const lines = Array.from(
    { length: rows },
    (_, i) => `${STATES[(i * 7) % STATES.length]},kind-${(i * 13) % kinds},${i / 4}\n`,
  );
  writeFileSync(path, `state,kind,amount\n${lines.join('')}`);
  const result = estimateCsv(path, {}, undefined, layout);
  assert.ok(result.estimate, result.reason);
  return result.estimate;
}

/** The workspace holds the file every read of the snippet names, with this estimate. */
function holding(estimate: DataEstimate): DataReadScales {
  return { scaleOf: () => undefined, estimateOf: () => estimate, memoryLimit: () => memoryLimit(0, THIS_MACHINE) };
}

async function findings(source: string, estimate?: DataEstimate): Promise<Finding[]> {
  return findingsIn(source, { rules: [mem405], ...(estimate ? { dataReads: holding(estimate) } : {}) });
}

function column(estimate: DataEstimate, name: string) {
  const found = estimate.columns?.find((candidate) => candidate.name === name);
  assert.ok(found?.asCategory, `${name} is a text column with a category estimate`);
  return { ...found, asCategory: found.asCategory };
}

/** What a column read by the C parser holds (a pointer per row, one str per distinct value), and as category. */
function held(estimate: DataEstimate, name: string): { text: number; category: number } {
  const { asCategory } = column(estimate, name);
  return { text: estimate.rows! * layout.pointer + asCategory.stringBytes, category: asCategory.bytes };
}

test('without the file: the cost per row, at a scale not known, with the fix for every compared column', async () => {
  const [finding, ...others] = await findings(SOURCE);
  assert.equal(others.length, 0);
  assert.ok(finding);
  assert.equal(finding.scale, 'unknown');
  assert.equal(finding.severity, 'information');
  assert.equal(finding.holds, undefined);
  assert.equal(
    finding.message,
    '8 B per row of "state", "kind" pointers, compared with literals: as categories 1 B (≤ 126 values)',
  );
  assert.match(
    applyEdits(SOURCE, finding.fix!.edits),
    /pd\.read_csv\("sales\.csv", dtype=\{"state": "category", "kind": "category"\}\)/,
  );
  assert.deepEqual(
    finding.related?.map((place) => SOURCE.slice(place.start, place.end)),
    ['sales["state"] == "CA"', 'sales["kind"].isin(["web", "app"])'],
  );
});

test('with the file: what the column holds and would hold as category, at data scale', async () => {
  // 200,000 rows: twelve states, and a kind of 5,000 values that is no category.
  const estimate = salesEstimate(200_000, 5_000);
  const [finding, ...others] = await findings(SOURCE, estimate);
  assert.equal(others.length, 0);
  assert.ok(finding);
  const state = held(estimate, 'state');
  assert.equal(column(estimate, 'state').asCategory.categories, STATES.length);
  assert.equal(
    finding.message,
    `≈ ${shortBytes(state.text)} of "state" text, 12 distinct strings: \`dtype={"state": "category"}\` holds ≈ ${shortBytes(state.category)}`,
  );
  assert.deepEqual(finding.holds, { bytes: state.text - state.category, approximate: true });
  // 8 bytes of pointer against a 1-byte code: the frame holds 7 bytes a row less.
  assert.ok(Math.abs(state.text - state.category - 7 * estimate.rows!) < 2_000);
  assert.equal(finding.scale, 'large');
  assert.equal(finding.severity, 'warning');
  assert.match(applyEdits(SOURCE, finding.fix!.edits), /pd\.read_csv\("sales\.csv", dtype=\{"state": "category"\}\)/);
});

test('with the file: several columns are summed, and their distinct counts listed', async () => {
  const estimate = salesEstimate(50_000, 3);
  const [finding] = await findings(SOURCE, estimate);
  const [state, kind] = [held(estimate, 'state'), held(estimate, 'kind')];
  assert.equal(
    finding?.message,
    `≈ ${shortBytes(state.text + kind.text)} of "state", "kind" text, 12 and 3 distinct strings: as categories ≈ ${shortBytes(state.category + kind.category)}`,
  );
});

test('with the file: a small saving is small, a saving under 1 KiB is no finding', async () => {
  const small = await findings(SOURCE.replace(/\nonline.*\n/, '\n'), salesEstimate(2_000, 3));
  assert.equal(small.length, 1);
  assert.equal(small[0]!.scale, 'small');
  assert.equal(small[0]!.severity, 'hint');
  // 100 rows save 7 bytes each: 700 bytes.
  assert.deepEqual(await findings(SOURCE, salesEstimate(100, 3)), []);
});

test('with the file: silent when the column is not text, not in the file, or has many distinct values', async () => {
  const estimate = salesEstimate(20_000, 5_000);
  const compare = (expression: string) =>
    `import pandas as pd\n\ndf = pd.read_csv("sales.csv")\nmask = ${expression}\n`;
  assert.deepEqual(await findings(compare('df["amount"] == "1.5"'), estimate), [], 'a float64 column');
  assert.deepEqual(await findings(compare('df["region"] == "west"'), estimate), [], 'no such column');
  assert.deepEqual(await findings(compare('df["kind"] == "kind-1"'), estimate), [], '5,000 distinct values');
  assert.equal((await findings(compare('df["kind"] == "kind-1"'))).length, 1, 'flagged without the file');
});

test('no fix when the call has dtype= already; the finding stands', async () => {
  const source =
    'import pandas as pd\n\ndf = pd.read_csv("sales.csv", dtype={"amount": "float32"})\nca = df.state == "CA"\n';
  const [finding] = await findings(source);
  assert.ok(finding);
  assert.equal(finding.fix, undefined);
});
