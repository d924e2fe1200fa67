// MEM408's premise, measured: its documented example over orders.csv (10^5
// rows, `amount` read as float64), read untraced, then the list made under
// tracemalloc, and the array its advice keeps instead, on every CPython the
// suite has with pandas. The message says the list holds 32 B a value (a
// pointer and a float object) and a list's header, against 8 in the column;
// with the file in the workspace it gives that in bytes for the rows the file
// holds. The array `.to_numpy()` gives must hold next to nothing.
import { memoryLimit, THIS_MACHINE } from '../../server/src/scale/memoryLimit';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { estimateCsv } from '../../server/src/data/csv';
import { mem408 } from '../../server/src/rules/mem408-tolist-of-float-column';
import { CPYTHON } from '../../server/src/sizes/cpython';
import { findingsIn } from '../support/analyze';
import { dataFolder } from '../support/dataFiles';
import { assertClaim } from '../support/premise/claims';
import { findingsOf } from '../support/premise/documented';
import { forEachPython } from '../support/premise/interpreters';
import { afterTheRead, writeOrdersCsv } from '../support/premise/ordersCsv';
import { DATA_SCALE, tracedRun } from '../support/premise/tracedRun';

const ORDERS = writeOrdersCsv(dataFolder('mem408-premise'));

test('the documented example is flagged per row, with no fix', async () => {
  const [finding, ...others] = await findingsOf(mem408, mem408.docs.example);
  assert.equal(others.length, 0);
  assert.equal(finding?.fix, undefined);
  assert.match(finding.message, /^≈ 32·n B of Python floats \(n = len\(orders\)\), ≈ 8·n B as a column/);
});

forEachPython(
  `MEM408: a float64 column's list holds a float object per value (${DATA_SCALE.toLocaleString('en-US')} rows)`,
  async ({ python, version }, context) => {
    const [finding] = await findingsOf(mem408, mem408.docs.example);
    const perRow = finding!.holds!;
    const [listed, kept] = [mem408.docs.example, mem408.docs.useInstead].map((example) => {
      const { setup, code } = afterTheRead(ORDERS, example);
      return tracedRun(python, {
        setup,
        code,
        figures: { rows: 'len(orders)', floats: 'int(all(type(v) is float for v in amounts))' },
      });
    });
    const rows = listed!.figures.rows!;
    const claimed = perRow.bytes + perRow.perCount!.bytes * rows;
    context.diagnostic(listed!.interpreter);
    context.diagnostic(`list: held ${listed!.held} B (claimed ${claimed}); array: held ${kept!.held} B`);
    assert.equal(rows, DATA_SCALE);
    assert.equal(listed!.figures.floats, 1, 'the list holds Python floats');
    // Both runs select the column first: pandas caches its Series (4 to 13 KB), which the list's run holds too.
    assert.ok(kept!.held <= 16_384, `the array is a view of the frame's block, no copy of 8 B a row: ${kept!.held} B`);
    assertClaim('bytes the list holds more than the array', listed!.held - kept!.held, claimed, {
      below: 0.005,
      above: 0.005,
      slack: 1024,
      why: 'a pointer and a 24-byte float per value and the list object: exact but for the interpreter’s own small allocations',
    });

    // With orders.csv in the workspace, the message gives bytes for the rows its sample counts.
    const estimate = estimateCsv(ORDERS, {}, undefined, CPYTHON[version]).estimate;
    assert.ok(estimate);
    const [measured] = await findingsIn(mem408.docs.example, {
      rules: [mem408],
      pythonVersion: version,
      dataReads: {
        scaleOf: () => undefined,
        estimateOf: () => estimate,
        memoryLimit: () => memoryLimit(0, THIS_MACHINE),
      },
    });
    context.diagnostic(`with the file: [${measured?.scale}] ${measured?.message}`);
    assert.equal(measured?.holds?.perCount, undefined);
    assertClaim(
      'bytes the list holds, as the message gives them with the file',
      listed!.held - kept!.held,
      measured!.holds!.bytes,
      {
        below: 0.03,
        above: 0.03,
        why: 'the rows are counted from a sample of the file: within a few percent',
      },
    );
  },
  ['pandas'],
);
