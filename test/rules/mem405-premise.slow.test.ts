// MEM405's premise, measured: its documented example over a sales.csv of 10^5
// rows (twelve two-letter states, an id and an amount), read as the example
// reads it and as its fix reads it, under tracemalloc on every CPython the
// suite has with pandas. The finding made with the file in the workspace
// says what the column holds and would hold as category; the frame must hold
// that much less, the masks must be the same, and what memory_usage(deep=True)
// reports and how the read's peak moves must be as the docs say.
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
import { CPYTHON, type PythonVersion } from '../../server/src/sizes/cpython';
import { findingsIn } from '../support/analyze';
import { dataFolder } from '../support/dataFiles';
import { assertClaim } from '../support/premise/claims';
import { assignedNames, findingsOf } from '../support/premise/documented';
import { describeRuns, measureFix } from '../support/premise/fixRuns';
import { forEachPython } from '../support/premise/interpreters';
import { DATA_SCALE, tracedRun } from '../support/premise/tracedRun';

const STATES = ['CA', 'NY', 'TX', 'WA', 'OR', 'NV', 'AZ', 'UT', 'CO', 'FL', 'GA', 'MA'];
const folder = dataFolder('mem405-premise');

/** sales.csv: an id, a state drawn from twelve (found unsorted, as real data is) and an amount, DATA_SCALE rows. */
function salesCsv(): string {
  const path = join(folder, 'sales.csv');
  let seed = 1;
  const next = (): number => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const rows = Array.from(
    { length: DATA_SCALE },
    (_, i) => `${i},${STATES[Math.floor(next() * STATES.length)]},${(next() * 100).toFixed(2)}\n`,
  );
  writeFileSync(path, `id,state,amount\n${rows.join('')}`);
  return path;
}

const SALES = salesCsv();
/** Each run copies the file into its own folder, where the example reads it. */
const SETUP = `import shutil\nimport pandas as pd\nshutil.copy(${JSON.stringify(SALES)}, "sales.csv")\n`;
const READ = /^sales = pd\.read_csv\(.*\)$/m;

/** The example's finding with sales.csv in the workspace, its objects sized for `version`. */
async function measuredFinding(version: PythonVersion): Promise<{ finding: Finding; estimate: DataEstimate }> {
  const result = estimateCsv(SALES, {}, undefined, CPYTHON[version]);
  assert.ok(result.estimate, result.reason);
  const estimate = result.estimate;
  const findings = await findingsIn(mem405.docs.example, {
    rules: [mem405],
    pythonVersion: version,
    dataReads: {
      scaleOf: () => undefined,
      estimateOf: () => estimate,
      memoryLimit: () => memoryLimit(0, THIS_MACHINE),
    },
  });
  assert.equal(findings.length, 1);
  return { finding: findings[0]!, estimate };
}

/** The two figures of a measured message: what the column holds as read, and as category. */
function claimedFigures(finding: Finding, estimate: DataEstimate, version: PythonVersion) {
  const column = estimate.columns?.find((candidate) => candidate.name === 'state');
  assert.ok(column?.asCategory);
  const asText = estimate.rows! * CPYTHON[version].pointer + column.asCategory.stringBytes;
  assert.match(
    finding.message,
    /^≈ [\d.]+ \w+ of "state" text, 12 distinct strings: `dtype=\{"state": "category"\}` holds ≈/,
  );
  assert.equal(finding.holds?.bytes, asText - column.asCategory.bytes);
  return { asText, asCategory: column.asCategory.bytes, deepAsText: column.bytes };
}

/** The pandas major version a run imported: "3.11.2, numpy 1.24.2, pandas 1.5.3" → 1. */
function pandasMajor(interpreter: string): number {
  const match = /pandas (\d+)\./.exec(interpreter);
  assert.ok(match, interpreter);
  return Number(match[1]);
}

test('the fix turns the documented example into its replacement', async () => {
  const [finding] = await findingsOf(mem405, mem405.docs.example);
  assert.ok(finding?.fix);
  assert.equal(applyEdits(mem405.docs.example, finding.fix.edits), mem405.docs.useInstead);
});

forEachPython(
  `MEM405: a category column holds a code per row where text holds a pointer (${DATA_SCALE.toLocaleString('en-US')} rows)`,
  async ({ python, version }, context) => {
    const { finding, estimate } = await measuredFinding(version);
    const claimed = claimedFigures(finding, estimate, version);
    const deep = 'int(sales["state"].memory_usage(index=False, deep=True))';
    const runs = measureFix(python, {
      setup: SETUP,
      before: mem405.docs.example,
      after: mem405.docs.useInstead,
      // The masks and the total: the same whatever the column's dtype.
      results: assignedNames(mem405.docs.example).filter((name) => name !== 'sales'),
      figures: { deep, categories: 'len(sales["state"].unique())' },
    });
    const after = tracedRun(python, { setup: SETUP, code: mem405.docs.useInstead, figures: { deep } });
    const [readBefore, readAfter] = [mem405.docs.example, mem405.docs.useInstead].map(
      (code) => tracedRun(python, { setup: SETUP, code: READ.exec(code)![0] }).peak,
    );
    context.diagnostic(runs.before.interpreter);
    context.diagnostic(`[${finding.scale}] ${finding.message}`);
    context.diagnostic(describeRuns('example', runs, finding.holds!.bytes));
    context.diagnostic(
      `memory_usage(deep=True) of "state": ${runs.before.figures.deep} B as text (estimated ${claimed.deepAsText}), ${after.figures.deep} B as category (estimated ${claimed.asCategory})`,
    );
    context.diagnostic(`peak of the read alone: ${readBefore} B as text, ${readAfter} B as category`);
    assert.equal(runs.before.figures.categories, STATES.length);

    // The message's saving: a pointer per row against a one-byte code.
    assertClaim('bytes the frame holds less as category', runs.heldSaved, finding.holds!.bytes, {
      below: 0.02,
      above: 0.1,
      slack: 40_000,
      why: "the parser makes each state's str once per chunk of rows it parses, not once (a few KB more as text), and pandas 1.1 keeps about 34 KB more beside a category read, whatever the rows (measured at 10^5 and 10^6)",
    });
    // What the column holds as category: memory_usage(deep=True) of the Categorical, codes and categories.
    assertClaim('memory_usage(deep=True) of the category column', after.figures.deep!, claimed.asCategory, {
      below: 0.01,
      above: 0.01,
      why: 'the estimate sizes the codes and the categories Index with its hash table, as pandas counts them',
    });
    // memory_usage(deep=True) counts a str per row of the text column, though the rows share twelve: 5 to 7 times what it holds.
    assertClaim('memory_usage(deep=True) of the text column', runs.before.figures.deep!, claimed.deepAsText, {
      below: 0.01,
      above: 0.01,
      why: 'the estimate counts a str per row, as memory_usage(deep=True) does',
    });
    assert.ok(runs.before.figures.deep! > 5 * claimed.asText, 'deep counts each row its own str');

    // The read's peak: lower with pandas 1.x; with pandas 2.2 a dtype= dict copies every column once more.
    if (pandasMajor(runs.before.interpreter) < 2) {
      assertClaim('peak of the read saved', readBefore - readAfter, finding.holds!.bytes, {
        below: 0.5,
        above: 2,
        why: 'the parser holds the pointers of each chunk and of the whole column at once, and the codes in their place: 1 to 3 times the saving',
      });
    } else {
      const otherColumns = 2 * 8 * DATA_SCALE;
      assertClaim('peak of the read raised', readAfter - readBefore, otherColumns, {
        below: 0.5,
        above: 1.5,
        why: 'pandas 2.2 wraps every column in a Series and DataFrame() copies them when dtype= is a dict: about one to two copies of the other columns, less the pointers saved',
      });
    }
  },
  ['pandas'],
);

/** Every shape of comparison the rule follows, each bound to a name whose value the fixed code must reproduce. */
const SHAPES = `sales = pd.read_csv("sales.csv")
equal = sales["state"] == "CA"
not_equal = "NY" != sales.state
method_eq = sales["state"].eq("TX")
method_ne = sales.state.ne("WA")
in_list = sales["state"].isin(["OR", "NV", "XX"])
in_set = sales["state"].isin({"AZ", "UT"})
rows = sales[sales["state"] == "CO"]["amount"].sum()
located = sales.loc[(sales.state != "FL") & (sales["state"] != "GA"), "id"].sum()
absent = (sales["state"] == "ZZ").sum()
`;

forEachPython(
  'MEM405: the fix gives the same masks for every comparison shape the rule follows',
  async ({ python }, context) => {
    const source = `import pandas as pd\n\n${SHAPES}`;
    const [finding, ...others] = await findingsOf(mem405, source);
    assert.equal(others.length, 0);
    assert.ok(finding?.fix);
    const fixed = applyEdits(source, finding.fix.edits);
    assert.match(fixed, /pd\.read_csv\("sales\.csv", dtype=\{"state": "category"\}\)/);
    const runs = measureFix(python, {
      setup: SETUP,
      before: SHAPES,
      after: fixed.slice(fixed.indexOf('sales = ')),
      results: assignedNames(SHAPES).filter((name) => name !== 'sales'),
      figures: { rows: 'len(sales)' },
    });
    assert.equal(runs.before.figures.rows, DATA_SCALE);
    context.diagnostic(describeRuns('shapes', runs, finding.holds?.bytes ?? 0));
  },
  ['pandas'],
);
