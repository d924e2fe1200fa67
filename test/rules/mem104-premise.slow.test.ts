// MEM104's premise, measured: each line of its documented example, counting
// 10^5 rows or words with `len([…])` / `len(list(…))` and with the
// `sum(1 for …)` it advises, under tracemalloc on every CPython the suite has.
// The message claims the bytes per item of the list that is only counted; the
// example's items live on anyway (in `rows`, in the list `text.split()` makes),
// so that is all the fix can save here.
import assert from 'node:assert/strict';
import { mem104 } from '../../server/src/rules/mem104-len-of-materialised';
import { assertClaim } from '../support/premise/claims';
import { assignedNames, findingsOf } from '../support/premise/documented';
import { describeRuns, measureFix } from '../support/premise/fixRuns';
import { forEachPython } from '../support/premise/interpreters';
import { DATA_SCALE } from '../support/premise/tracedRun';

const CLAIM = /^≈ (\d+)·n B of pointers/;

const SETUP = [
  'from types import SimpleNamespace',
  `rows = [SimpleNamespace(ok=i % 3 != 0) for i in range(${DATA_SCALE})]`,
  `text = " ".join("w%d" % i for i in range(${DATA_SCALE}))`,
].join('\n');

const examples = mem104.docs.example.split('\n');
const replacements = mem104.docs.useInstead.split('\n');

forEachPython(
  'MEM104: sum(1 for …) lowers the peak of each documented example by the counted list',
  async ({ python }, context) => {
    assert.equal(replacements.length, examples.length, 'one replacement per example line');
    for (const [index, before] of examples.entries()) {
      const [count] = assignedNames(before);
      assert.ok(count, `the example binds the count: ${before}`);
      const [finding] = await findingsOf(mem104, before);
      const claim = CLAIM.exec(finding?.message ?? '');
      assert.ok(claim, `the finding states the cost per item: ${finding?.message}`);
      assert.equal(finding!.holds?.perCount?.bytes, Number(claim[1]), 'the message states what the finding holds');
      const runs = measureFix(python, {
        setup: SETUP,
        before,
        after: replacements[index]!,
        results: [count],
        figures: { count },
      });
      const claimed = Number(claim[1]) * runs.before.figures.count!;
      context.diagnostic(describeRuns(before, runs, claimed));
      assertClaim(`peak saved by ${replacements[index]}`, runs.peakSaved, claimed, {
        below: 0.01,
        above: 0.15,
        why: 'a list grown item by item keeps up to an eighth more room than it fills (list_resize), plus its 56-byte header; the generator and sum hold a few hundred bytes',
      });
    }
  },
);
