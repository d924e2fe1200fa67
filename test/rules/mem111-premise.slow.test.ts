// MEM111's premise, measured: each case of its documented example, a call of
// itertools.chain(*rows), run over 10^5 rows as written and with its fix
// (chain.from_iterable(rows)), under tracemalloc on every CPython the suite
// has. The message claims the tuple's pointers, 8 bytes per row, and every
// row where an iterator is unpacked: the fix must lower the peak by that
// much and chain the same items.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyEdits, combinedEdits, SAFE_AND_UNSAFE } from '../../server/src/rules/fixes';
import { mem111 } from '../../server/src/rules/mem111-unpacked-into-chain';
import { assertClaim } from '../support/premise/claims';
import { documentedExample, findingsOf } from '../support/premise/documented';
import { describeRuns, measureFix } from '../support/premise/fixRuns';
import { forEachPython } from '../support/premise/interpreters';
import { DATA_SCALE } from '../support/premise/tracedRun';

const CLAIM = /^≈ (\d+)·n B of pointers \(n = len\((\w+)\)\)( and every row it yields, held at once)?/;

const SETUP = [
  'import sys',
  // Rows that exist before the call: unpacking them costs the tuple's pointers alone.
  `sentences = [["w%d" % i, "x%d" % i] for i in range(${DATA_SCALE})]`,
  `xs = list(range(1000, ${DATA_SCALE} + 1000))`,
  `ys = list(range(1000, ${DATA_SCALE} + 1000))`,
].join('\n');

/** What the rows an unpacked iterator makes take, each alive at once: zip's pair tuples. */
const MADE_ROWS: Readonly<Record<string, string>> = { xs: 'sum(sys.getsizeof(pair) for pair in zip(xs, ys))' };

test('MEM111: its fixes turn the documented example into its replacement', async () => {
  const findings = await findingsOf(mem111, mem111.docs.example);
  assert.equal(findings.length, 2, 'one finding per case');
  assert.equal(applyEdits(mem111.docs.example, combinedEdits(findings, SAFE_AND_UNSAFE)), mem111.docs.useInstead);
});

forEachPython(
  'MEM111: chaining from the iterable lowers the peak of each documented case by the claim',
  async ({ python }, context) => {
    const { imports, cases } = await documentedExample(mem111);
    for (const { before, after, finding } of cases) {
      const claim = CLAIM.exec(finding.message);
      assert.ok(claim, `the finding states the cost per row: ${finding.message}`);
      assert.equal(finding.holds?.perCount?.bytes, Number(claim[1]), 'the message states what the finding holds');
      const unpacked = claim[2]!;
      const rows = claim[3] ? MADE_ROWS[unpacked] : undefined;
      assert.equal(
        claim[3] !== undefined,
        rows !== undefined,
        'the message names the rows made where an iterator is unpacked',
      );
      const runs = measureFix(python, {
        setup: `${SETUP}\n${imports}`,
        before,
        after,
        sinks: ['print'],
        results: before.startsWith('words') ? ['words'] : [],
        figures: { count: `len(${unpacked})`, ...(rows ? { rows } : {}) },
      });
      const { count, rows: made } = runs.before.figures;
      assert.ok(count! >= DATA_SCALE, `${count} rows unpacked, not data scale`);
      const claimed = Number(claim[1]) * count! + (made ?? 0);
      context.diagnostic(describeRuns(before, runs, claimed));
      assertClaim(`peak saved by ${after}`, runs.peakSaved, claimed, {
        below: 0.01,
        above: 0.05,
        why: "the tuple's 40-byte header, and chain.from_iterable's own iterator of the rows (under 1 KB); zip reuses its result tuple when the one it gave is dropped, so iterating it lazily makes no pair at all",
      });
    }
  },
);
