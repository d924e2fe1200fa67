// MEM105's premise, measured: each line of its documented example, a copy
// that the call around it copies again, run over 10^5 items as written and
// with the fix MEM105 offers, under tracemalloc on every CPython the suite
// has. The message claims the bytes per item of the copy thrown away: the
// fix must lower the peak by that much, and compute the same.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyEdits, combinedEdits, SAFE_AND_UNSAFE } from '../../server/src/rules/fixes';
import { mem105 } from '../../server/src/rules/mem105-nested-copy';
import { assertClaim, type Tolerance } from '../support/premise/claims';
import { assignedNames, findingsOf } from '../support/premise/documented';
import { describeRuns, measureFix } from '../support/premise/fixRuns';
import { forEachPython } from '../support/premise/interpreters';
import { DATA_SCALE } from '../support/premise/tracedRun';

const CLAIM = /^≈ (\d+)·n B of pointers/;

const SETUP = [
  // Ints above 256 made once: the copies hold pointers to them, never new ones.
  `scores = [(i * 7919) % ${DATA_SCALE} + 1000 for i in range(${DATA_SCALE})]`,
  `words = ["w%d" % i for i in range(${DATA_SCALE})]`,
  `table = {"k%d" % i: i for i in range(${DATA_SCALE})}`,
].join('\n');

/** What each example line copies: its count is the claim's n. */
const COUNTED: Readonly<Record<string, string>> = { ranked: 'len(scores)', unique: 'len(words)', names: 'len(table)' };

const COPY: Tolerance = {
  below: 0.01,
  above: 0.15,
  why: 'a list grown from a generator keeps up to an eighth more room than it fills (list_resize), plus its 56-byte header; a copy of a sized list is exact',
};
/** `list(sorted(x))`: the copy comes after the sort. */
const SORTED_COPY: Tolerance = {
  below: 0.5,
  above: 0.01,
  why: "the sort's merge array (up to n/2 pointers, 4 B per item) is freed before list() copies the result: without the copy, the sort's own peak is the list and that array, so the fix saves the copy less what the merge took (10% here)",
};

const examples = mem105.docs.example.split('\n');
const replacements = mem105.docs.useInstead.split('\n');

test('MEM105: its fixes turn the documented example into its replacement', async () => {
  const findings = await findingsOf(mem105, mem105.docs.example);
  assert.equal(findings.length, examples.length, 'one finding per line');
  assert.equal(applyEdits(mem105.docs.example, combinedEdits(findings, SAFE_AND_UNSAFE)), mem105.docs.useInstead);
});

forEachPython(
  'MEM105: dropping the copy lowers the peak of each documented line by its pointers',
  async ({ python }, context) => {
    assert.equal(replacements.length, examples.length, 'one replacement per example line');
    for (const [index, before] of examples.entries()) {
      const [name] = assignedNames(before);
      const counted = COUNTED[name ?? ''];
      assert.ok(counted, `the example line binds a name the test knows: ${before}`);
      const [finding] = await findingsOf(mem105, before);
      const claim = CLAIM.exec(finding?.message ?? '');
      assert.ok(claim, `the finding states the cost per item: ${finding?.message}`);
      assert.equal(finding!.holds?.perCount?.bytes, Number(claim[1]), 'the message states what the finding holds');
      const runs = measureFix(python, {
        setup: SETUP,
        before,
        after: replacements[index]!,
        // A set of str iterates in an order of its own in each process (hash randomisation): compared sorted.
        results: [name === 'unique' ? 'sorted(unique)' : name!],
        figures: { count: counted },
      });
      const claimed = Number(claim[1]) * runs.before.figures.count!;
      context.diagnostic(describeRuns(before, runs, claimed));
      assertClaim(
        `peak saved by ${replacements[index]}`,
        runs.peakSaved,
        claimed,
        before.startsWith('names') ? SORTED_COPY : COPY,
      );
    }
  },
);
