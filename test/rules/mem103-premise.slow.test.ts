// MEM103's premise, measured: its documented example over 10^5 rows, with
// `list(range(…))` and with the `range(…)` it advises, under tracemalloc on
// every CPython the suite has. The finding holds 56 + 36·n bytes (the list's
// pointers and its ints, as its message leads with), where a range takes 48.
import assert from 'node:assert/strict';
import { mem103 } from '../../server/src/rules/mem103-list-of-range';
import { assertClaim } from '../support/premise/claims';
import { findingsOf } from '../support/premise/documented';
import { describeRuns, measureFix } from '../support/premise/fixRuns';
import { forEachPython } from '../support/premise/interpreters';
import { DATA_SCALE } from '../support/premise/tracedRun';

const CLAIM = /^≈ (\d+)·n B of ints in a list \(n = len\(rows\)\).*`range\(…\)` takes (\d+) B$/;

forEachPython(
  'MEM103: range(…) lowers the peak of the documented example by the list and its ints',
  async ({ python }, context) => {
    const findings = await findingsOf(mem103, mem103.docs.example);
    const claim = CLAIM.exec(findings[0]?.message ?? '');
    assert.ok(claim, `the example's first finding states the cost: ${findings[0]?.message}`);
    const [perItem, rangeBytes] = claim.slice(1).map(Number) as [number, number];
    const holds = findings[0]!.holds!;
    assert.equal(holds.perCount?.bytes, perItem, 'the message states what the finding holds');
    const runs = measureFix(python, {
      setup: `import struct, sys\nrows = ["row %d" % i for i in range(${DATA_SCALE})]`,
      before: mem103.docs.example,
      after: mem103.docs.useInstead,
      sinks: ['print'],
      figures: {
        range: 'sys.getsizeof(range(len(rows)))',
        emptyList: 'sys.getsizeof([])',
        pointer: 'struct.calcsize("P")',
      },
    });
    const figures = runs.before.figures;
    assert.equal(rangeBytes, figures.range, 'the message states what this CPython reports for a range');
    assert.equal(holds.bytes, figures.emptyList, "the constant part is an empty list's size");
    // Ints up to 256 are cached: the list holds them without making them.
    const cachedInts = 257 * (perItem - figures.pointer!);
    const claimed = holds.bytes + perItem * DATA_SCALE - cachedInts - rangeBytes;
    context.diagnostic(describeRuns('MEM103 example', runs, claimed));
    assertClaim('peak saved', runs.peakSaved, claimed, {
      below: 0.01,
      above: 0.15,
      why: "sys.getsizeof says 28 B per int, but from 3.11 CPython allocates a whole PyLongObject (32 B) for each (_PyLong_FromMedium): +11% here; the loops' own temporaries are a few hundred bytes",
    });
  },
);
