// MEM205's premise, measured: each case of its documented example, lists
// joined by sum(…, []), run over 10^5 items (1,000 lists of 100) as written and
// with its fix, under tracemalloc on every CPython the suite has. The message
// claims 8 bytes per item of the result more at the peak, twice the result
// (and quadratic time, which the docs give measured): the fix must lower the
// peak by that much and join the same items.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyEdits, combinedEdits, SAFE_AND_UNSAFE } from '../../server/src/rules/fixes';
import { mem205 } from '../../server/src/rules/mem205-quadratic-list-sum';
import { assertClaim } from '../support/premise/claims';
import { assignedNames, documentedExample, findingsOf } from '../support/premise/documented';
import { describeRuns, measureFix } from '../support/premise/fixRuns';
import { forEachPython } from '../support/premise/interpreters';
import { DATA_SCALE } from '../support/premise/tracedRun';

const CLAIM = /^≈ (\d+)·n B \(n = items in the result\) more at the peak \(2× the result\), quadratic time/;
const PARTS = 1_000;
const SIZE = DATA_SCALE / PARTS;

const SETUP = [
  `batches = [list(range(i * ${SIZE} + 1000, (i + 1) * ${SIZE} + 1000)) for i in range(${PARTS})]`,
  `grid = ["%0${SIZE}d" % i for i in range(${PARTS})]`,
].join('\n');

test('MEM205: its fixes turn the documented example into its replacement', async () => {
  const findings = await findingsOf(mem205, mem205.docs.example);
  assert.equal(applyEdits(mem205.docs.example, combinedEdits(findings, SAFE_AND_UNSAFE)), mem205.docs.useInstead);
});

forEachPython('MEM205: joining once halves the peak of each documented case', async ({ python }, context) => {
  const { imports, cases } = await documentedExample(mem205);
  for (const { before, after, finding } of cases) {
    const [name] = assignedNames(before);
    const claim = CLAIM.exec(finding.message);
    assert.ok(claim, `the finding states the cost per item: ${finding.message}`);
    assert.equal(finding.holds?.perCount?.bytes, Number(claim[1]), 'the message states what the finding holds');
    const runs = measureFix(python, {
      setup: `${SETUP}\n${imports}`,
      before,
      after,
      results: [name!],
      figures: { count: `len(${name})` },
    });
    const count = runs.before.figures.count!;
    assert.ok(count >= DATA_SCALE, `${count} items joined, not data scale`);
    const claimed = Number(claim[1]) * count;
    context.diagnostic(describeRuns(before, runs, claimed));
    assertClaim(`peak saved by ${after}`, runs.peakSaved, claimed, {
      below: 0.02,
      above: 0.05,
      why: 'at the last step sum holds the result so far and the new one, which differ by one part (100 items); list() of the chain over-allocates as it grows where the last + makes an exact list',
    });
  }
});

/**
 * `reduce(operator.concat, parts)` without a start (refurb's FURB179): flagged
 * whatever the parts are, with no figure, as str and bytes take a byte or more
 * per item. Each joins 10^5 items (1,000 parts of 100) and is set against one
 * pass; the message claims the result twice over at the peak, so one pass
 * saves the result's own size.
 */
const CONCATENATED: ReadonlyArray<{ readonly before: string; readonly after: string }> = [
  { before: 'text = functools.reduce(operator.concat, grid)', after: 'text = "".join(grid)' },
  {
    before: 'joined = functools.reduce(operator.concat, batches)',
    after: 'joined = list(itertools.chain.from_iterable(batches))',
  },
];

forEachPython(
  'MEM205: joining once saves the result of reduce(operator.concat, parts), str or list',
  async ({ python }, context) => {
    for (const { before, after } of CONCATENATED) {
      const code = `import functools\nimport itertools\nimport operator\n\n${before}`;
      const [finding] = await findingsOf(mem205, code);
      assert.match(finding?.message ?? '', /^The result twice over at the peak, quadratic time/);
      assert.equal(finding!.fix, undefined, 'no fix: the parts are not shown to be lists');
      const [name] = assignedNames(before);
      const runs = measureFix(python, {
        setup: `${SETUP}\nimport functools, itertools, operator, sys`,
        before,
        after,
        results: [name!],
        figures: { result: `sys.getsizeof(${name})`, count: `len(${name})` },
      });
      assert.ok(runs.before.figures.count! >= DATA_SCALE, 'data scale');
      const claimed = runs.before.figures.result!;
      context.diagnostic(describeRuns(before, runs, claimed));
      assertClaim(`peak saved by ${after}`, runs.peakSaved, claimed, {
        below: 0.05,
        above: 0.05,
        why: 'at the last step reduce holds the result so far and the new one, which differ by one part (100 items of 1,000); the list one pass makes over-allocates as it grows, where the last concat makes an exact one',
      });
    }
  },
);
