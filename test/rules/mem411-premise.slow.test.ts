// MEM411's premise, measured: its documented example over orders.csv (10^5
// rows, 10 numeric and 2 text columns), read untraced, then the column made
// under tracemalloc with `apply(axis=1)`, with the column expression the docs
// give instead and with their itertuples() list, on every CPython the suite
// has with pandas; all three must make the same column. The message says
// apply peaks at 180 B a row or more, where a column expression holds 8: the
// example's peak and that of a frame of one float dtype (the least apply
// holds: no cell boxed) must be at least that, the column expression's about
// its result, and the itertuples() list's well under apply's.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mem411 } from '../../server/src/rules/mem411-apply-along-rows';
import { dataFolder } from '../support/dataFiles';
import { assertClaim } from '../support/premise/claims';
import { findingsOf } from '../support/premise/documented';
import { assertSameResults } from '../support/premise/fixRuns';
import { forEachPython } from '../support/premise/interpreters';
import { afterTheRead, writeOrdersCsv } from '../support/premise/ordersCsv';
import { DATA_SCALE, tracedRun, type TracedRun } from '../support/premise/tracedRun';

const ORDERS = writeOrdersCsv(dataFolder('mem411-premise'));
/** Rows timed: apply takes seconds per 100,000 rows, and its time per row does not depend on their number. */
const TIMED_ROWS = 20_000;
const LOOP_MARK = '# or, when a function of the row is needed:';

const example = afterTheRead(ORDERS, mem411.docs.example);
const [vectorised, itertuples] = afterTheRead(ORDERS, mem411.docs.useInstead)
  .code.split(LOOP_MARK)
  .map((part) => part.trim());

const SNIPPETS = {
  apply: example.code,
  vectorised: vectorised ?? '',
  itertuples: itertuples ?? '',
  /** The least apply holds per row: a frame of one float dtype (no copy of its values, no cell boxed) and a float per row. */
  applyFloats: 'taxed = floats.apply(lambda row: row["price"] * row["tax"], axis=1)',
  vectorisedFloats: 'taxed = floats["price"] * floats["tax"]',
};

type Snippet = keyof typeof SNIPPETS;

const SETUP = String.raw`${example.setup}
import time
floats = orders[["price", "tax"]].copy()

def seconds_per_row(source):
    # The best of three untraced runs over the first rows.
    rows = orders.iloc[:${TIMED_ROWS}].copy()
    code = compile(source, "<timed>", "exec")
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        exec(code, {"orders": rows})
        best = min(best, time.perf_counter() - start)
    return best / len(rows)
`;

function run(python: string, snippet: Snippet, results: readonly string[], timed = false): TracedRun {
  return tracedRun(python, {
    setup: SETUP,
    code: SNIPPETS[snippet],
    results,
    figures: timed ? { secondsPerRow: `seconds_per_row(${JSON.stringify(SNIPPETS[snippet])})` } : {},
  });
}

test('the documented example is flagged once, with the cost per row of the frame; its replacements are not', async () => {
  const [finding, ...others] = await findingsOf(mem411, mem411.docs.example);
  assert.equal(others.length, 0);
  assert.equal(finding?.fix, undefined);
  assert.equal(finding.severity, 'warning');
  assert.equal(
    finding.message,
    '≥ 180·n B of per-row results at peak (n = len(orders)), 8·n B as a column expression; or `itertuples()`',
  );
  assert.deepEqual(await findingsOf(mem411, mem411.docs.useInstead), []);
});

forEachPython(
  `MEM411's premise on a ${DATA_SCALE.toLocaleString('en-US')}-row frame`,
  async ({ python }, t) => {
    const column = ['orders["total"]'];
    const apply = run(python, 'apply', column, true);
    const byColumns = run(python, 'vectorised', column, true);
    const byTuples = run(python, 'itertuples', column);
    assertSameResults(column, apply, byColumns, 'the column expression makes another column');
    assertSameResults(column, apply, byTuples, 'the itertuples() list makes another column');
    const applyFloats = run(python, 'applyFloats', ['taxed']);
    const vectorisedFloats = run(python, 'vectorisedFloats', ['taxed']);
    assertSameResults(['taxed'], applyFloats, vectorisedFloats, 'the column expression differs on floats');
    const perRow = (value: number): string => `${(value / DATA_SCALE).toFixed(0)} B a row`;
    t.diagnostic(apply.interpreter);
    t.diagnostic(
      `example: peaks apply ${apply.peak} B (${perRow(apply.peak)}), column expression ${byColumns.peak} B, itertuples() list ${byTuples.peak} B`,
    );
    t.diagnostic(
      `one float dtype: peaks apply ${applyFloats.peak} B (${perRow(applyFloats.peak)}), column expression ${vectorisedFloats.peak} B`,
    );
    const [applySeconds, columnSeconds] = [apply.figures.secondsPerRow!, byColumns.figures.secondsPerRow!];
    t.diagnostic(
      `time: apply ${(applySeconds * 1e6).toFixed(2)} µs a row, column expression ${(columnSeconds * 1e9).toFixed(0)} ns a row`,
    );

    // "≥ 180·n B of per-row results at peak", on the example and on the frame apply holds least for.
    for (const [what, peak] of [
      ['the example', apply.peak],
      ['a frame of one float dtype', applyFloats.peak],
    ] as const) {
      assertClaim(`apply(axis=1) peak on ${what}, against 180 B a row`, peak, 180 * DATA_SCALE, {
        below: 0,
        above: Infinity,
        why: 'the message gives a floor: boxed cells and wider results add to it',
      });
    }
    // "8·n B as a column expression": the result, and at most one temporary column besides.
    for (const [what, peak] of [
      ['the example', byColumns.peak],
      ['a frame of one float dtype', vectorisedFloats.peak],
    ] as const) {
      assertClaim(`column expression peak on ${what}, against 8 B a row`, peak, 8 * DATA_SCALE, {
        below: 0,
        above: 1.25,
        why: 'the result is 8 B a row; pandas may make one temporary column of its own, and the index when it aligns',
      });
    }
    // "or itertuples()": a list of Python floats and the column made of it, well under apply's peak.
    assert.ok(byTuples.peak < apply.peak / 2, `itertuples() list peak ${byTuples.peak} B against ${apply.peak} B`);
    // The docs give thousands of times the column expression's time; asserted with room for a busy machine.
    assert.ok(applySeconds >= 100 * columnSeconds, `${applySeconds} s against ${columnSeconds} s a row`);
  },
  ['pandas'],
);
