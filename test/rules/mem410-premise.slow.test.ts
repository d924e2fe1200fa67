// MEM410's premise, measured: its documented example over orders.csv (10^5
// rows, 10 numeric and 2 text columns), read untraced, then the loop run under
// tracemalloc as the example writes it and as its two replacements do (a
// column expression, an itertuples() loop), on every CPython the suite has
// with pandas. The message says each `.iloc[i]` builds a ~1 KB Series that is
// dropped in its pass: the peak does not grow with the rows, the Series per
// row is what a kept row holds, and the cost is time, tens of times
// itertuples()'. Rows kept past their pass hold a Series each (an itertuples()
// row, a tuple of the cells, far less): the message for them says so, at
// warning severity.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mem410 } from '../../server/src/rules/mem410-row-by-index-in-loop';
import { dataFolder } from '../support/dataFiles';
import { assertClaim } from '../support/premise/claims';
import { findingsOf } from '../support/premise/documented';
import { forEachPython } from '../support/premise/interpreters';
import { afterTheRead, writeOrdersCsv } from '../support/premise/ordersCsv';
import { DATA_SCALE, tracedRun, type TracedRun } from '../support/premise/tracedRun';

const ORDERS = writeOrdersCsv(dataFolder('mem410-premise'));
/** Rows timed: the time per row does not depend on the frame's length, and the `.iloc[i]` loop takes seconds per 100,000. */
const TIMED_ROWS = 10_000;
/** What a loop that holds one row at a time may peak at, whatever the rows: a few Series and the loop's own objects (measured 12 to 60 KB; the frame is 9.6 MB). */
const ONE_ROW_PEAK = 128 * 1024;

const LOOP_MARK = '# or, when a loop is needed:';
const replacement = afterTheRead(ORDERS, mem410.docs.useInstead).code;
const [vectorised, itertuples] = replacement.split(LOOP_MARK).map((part) => part.trim());

const SNIPPETS = {
  iloc: afterTheRead(ORDERS, mem410.docs.example).code,
  itertuples: itertuples ?? '',
  vectorised: vectorised ?? '',
  keptSeries: 'rows = []\nfor i in range(len(orders)):\n    rows.append(orders.iloc[i])',
  keptTuples: 'rows = []\nfor row in orders.itertuples():\n    rows.append(row)',
};

type Snippet = keyof typeof SNIPPETS;

/** The example's read, then a timer for snippets over the frame's first TIMED_ROWS rows, untraced. */
function setup(): string {
  return String.raw`${afterTheRead(ORDERS, mem410.docs.example).setup}
import time

def seconds_per_row(source):
    # The best of five untraced runs over the first rows (time does not need the whole frame), each
    # repeated to take a tenth of a second at least: a fast loop's few milliseconds are a scheduler's slice.
    rows = orders.iloc[:${TIMED_ROWS}].copy()
    code = compile(source, "<timed>", "exec")
    start = time.perf_counter()
    exec(code, {"orders": rows})
    repeats = max(1, int(0.1 / (time.perf_counter() - start)))
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(repeats):
            exec(code, {"orders": rows})
        best = min(best, (time.perf_counter() - start) / repeats)
    return best / len(rows)
`;
}

function run(python: string, snippet: Snippet, figures: Readonly<Record<string, string>> = {}): TracedRun {
  return tracedRun(python, { setup: setup(), code: SNIPPETS[snippet], figures });
}

function timed(snippet: Snippet): Record<string, string> {
  return { secondsPerRow: `seconds_per_row(${JSON.stringify(SNIPPETS[snippet])})` };
}

/** Bytes held per row by the rows a snippet keeps in `rows`. */
function keptPerRow(python: string, snippet: 'keptSeries' | 'keptTuples'): number {
  const kept = run(python, snippet, { rows: 'len(rows)' });
  assert.equal(kept.figures.rows, DATA_SCALE);
  return kept.held / DATA_SCALE;
}

async function onlyFinding(source: string): Promise<{ message: string; severity: string }> {
  const findings = await findingsOf(mem410, `import pandas as pd\n\norders = pd.read_csv("orders.csv")\n${source}`);
  assert.equal(findings.length, 1, source);
  return findings[0]!;
}

test('the documented example is flagged once, as information; its replacements are not flagged', async () => {
  const [finding, ...others] = await findingsOf(mem410, mem410.docs.example);
  assert.equal(others.length, 0);
  assert.equal(finding?.severity, 'information');
  assert.equal(finding.fix, undefined);
  assert.match(finding.message, /^A ~1 KB Series built and dropped per pass: peak unchanged, tens of times slower/);
  assert.ok(mem410.docs.useInstead.includes(LOOP_MARK));
  assert.deepEqual(await findingsOf(mem410, mem410.docs.useInstead), []);
  const kept = await onlyFinding(SNIPPETS.keptSeries);
  assert.equal(kept.severity, 'warning');
  assert.match(
    kept.message,
    /^Rows kept in `rows` hold a ~1 KB Series each: keep whole columns, or `itertuples\(\)` rows/,
  );
});

forEachPython(
  `MEM410's premise on a ${DATA_SCALE.toLocaleString('en-US')}-row frame of 12 columns`,
  async ({ python }, t) => {
    const iloc = run(python, 'iloc', {
      rows: 'len(orders)',
      frameBytes: 'int(orders.memory_usage().sum())',
      ...timed('iloc'),
    });
    const byTuples = run(python, 'itertuples', timed('itertuples'));
    const vector = run(python, 'vectorised');
    const keptSeries = keptPerRow(python, 'keptSeries');
    const keptTuples = keptPerRow(python, 'keptTuples');
    const [ilocSeconds, tupleSeconds] = [iloc.figures.secondsPerRow!, byTuples.figures.secondsPerRow!];
    t.diagnostic(iloc.interpreter);
    t.diagnostic(
      `peaks: .iloc[i] loop ${iloc.peak} B, itertuples ${byTuples.peak} B, column expression ${vector.peak} B (frame ${iloc.figures.frameBytes} B)`,
    );
    t.diagnostic(`kept: ${keptSeries.toFixed(0)} B per Series, ${keptTuples.toFixed(0)} B per itertuples row`);
    t.diagnostic(
      `time: .iloc[i] ${(ilocSeconds * 1e6).toFixed(2)} µs per row, itertuples ${(tupleSeconds * 1e6).toFixed(2)} µs (${(ilocSeconds / tupleSeconds).toFixed(0)}×)`,
    );
    assert.equal(iloc.figures.rows, DATA_SCALE);

    // "peak unchanged": one row's Series at a time, whatever the rows; no more than the itertuples() loop.
    assert.ok(iloc.peak <= ONE_ROW_PEAK, `.iloc[i] loop peak ${iloc.peak} B`);
    assert.ok(iloc.peak <= byTuples.peak + ONE_ROW_PEAK, 'no higher than itertuples() by more than a few Series');
    // "A ~1 KB Series" per row: what a row read this way holds when kept.
    assertClaim('bytes held per Series kept', keptSeries, 1024, {
      below: 0.5,
      above: 1,
      why: '"~1 KB" is a Series\' order of size: 0.5 to 2 KiB (object rows box each cell)',
    });
    // itertuples() rows kept instead: a tuple of the cells, well under the Series (measured 3.0 to 3.8 times smaller with 12 columns).
    assert.ok(keptTuples < keptSeries / 2.5, `${keptTuples} B per tuple against ${keptSeries} B per Series`);
    // "tens of times slower": measured 12 to 133 times; asserted with room for a busy machine.
    assert.ok(ilocSeconds >= 10 * tupleSeconds, `${ilocSeconds} s against ${tupleSeconds} s per row`);
  },
  ['pandas'],
);
