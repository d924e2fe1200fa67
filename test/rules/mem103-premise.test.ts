// MEM103's premise, measured: its documented example over 10^5 rows, with
// `list(range(…))` and with the `range(…)` it advises, under tracemalloc on
// every CPython the suite has. The message says a range takes 48 bytes where
// the list stores 56 + 8·n bytes of pointers plus the ints.
import assert from 'node:assert/strict';
import { mem103 } from '../../server/src/rules/mem103-list-of-range';
import { findingsIn } from '../support/analyze';
import { assertClaim, DATA_SCALE, describeRuns, measureFix } from '../support/premise';
import { forEachPython } from '../support/premisePythons';

const CLAIM = /in (\d+) bytes instead of storing every int \((\d+) \+ (\d+)·n bytes of pointers plus the ints\)/;

forEachPython('MEM103: range(…) lowers the peak of the documented example by the list and its ints', async ({ python }, context) => {
  const findings = await findingsIn(mem103.docs.example, { rules: [mem103] });
  const claim = CLAIM.exec(findings[0]?.message ?? '');
  assert.ok(claim, `the example's first finding states the cost: ${findings[0]?.message}`);
  const [rangeBytes, listHeader, pointer] = claim.slice(1).map(Number) as [number, number, number];
  const runs = measureFix(python, {
    setup: `import struct, sys\nrows = ["row %d" % i for i in range(${DATA_SCALE})]`,
    before: mem103.docs.example,
    after: mem103.docs.useInstead,
    sinks: ['print'],
    figures: {
      range: 'sys.getsizeof(range(len(rows)))',
      emptyList: 'sys.getsizeof([])',
      pointer: 'struct.calcsize("P")',
      // Ints up to 256 are cached: the list only points at those.
      ints: 'sum(sys.getsizeof(i) for i in range(257, len(rows)))',
    },
  });
  const figures = runs.before.figures;
  assert.deepEqual([rangeBytes, listHeader, pointer], [figures.range, figures.emptyList, figures.pointer], 'the message states what this CPython reports');
  const claimed = listHeader + pointer * DATA_SCALE + figures.ints! - rangeBytes;
  context.diagnostic(describeRuns('MEM103 example', runs, claimed));
  assertClaim('peak saved', runs.peakSaved, claimed, {
    below: 0.01,
    above: 0.15,
    why: 'sys.getsizeof says 28 B per int, but from 3.11 CPython allocates a whole PyLongObject (32 B) for each (_PyLong_FromMedium): +11% here; the loops\' own temporaries are a few hundred bytes',
  });
});
