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

/** The copies the peers flag (Ruff's C414 and C415, refurb's FURB137) that MEM105 flags too, each with its claim's tolerance. */
const PEERS_SHAPES: ReadonlyArray<{ readonly before: string; readonly tolerance: Tolerance }> = [
  {
    before: 'kept = set(set(scores))',
    tolerance: {
      below: 0.01,
      above: 2.4,
      why: 'the claim is a lower bound, a 16-byte slot per item; a table is at most 3/5 full and grows by doubling (by 4 below 50,000 items), 27 to 53 B per item, and `set(scores)` itself peaks while it doubles, the old table beside the new: 21 B per item saved at 10^5, 17 to 42 elsewhere',
    },
  },
  {
    before: 'kept = set({x * 3 for x in scores})',
    tolerance: {
      below: 0.01,
      above: 2.4,
      why: 'the copy is a table sized once for all the items (set_merge), 32 to 64 B per item, less the old table beside the new while the comprehension grows its own: 28 B per item at 10^5',
    },
  },
  {
    before: 'kept = frozenset({x * 3 for x in scores})',
    tolerance: {
      below: 0.01,
      above: 2.4,
      why: 'the frozenset is filled from a generator where it copied the comprehension: the comprehension is the table thrown away, as for set()',
    },
  },
  {
    before: 'kept = set(sorted(scores, key=abs, reverse=True))',
    tolerance: {
      below: 0.01,
      above: 0.15,
      why: "the sort's list lives on while set() fills its table; the keys and the merge array are gone by then, and the table's growth is the same with or without the list",
    },
  },
  {
    before: 'kept = sorted(sorted(scores, reverse=True), reverse=True)',
    tolerance: {
      below: 0.55,
      above: 0.01,
      why: "the inner sort's merge array (up to n/2 pointers, 4 B per item for shuffled ints) is freed before the outer sort, which finds its input in order and takes none: the fix saves the copy less that array",
    },
  },
  {
    before: 'values = list(scores)\nkept = set(values[::-1])',
    tolerance: {
      below: 0.01,
      above: 0.05,
      why: "the slice is exact, 8 B per item; reversed() holds an iterator of a few dozen bytes; the set's table grows the same either way",
    },
  },
  {
    before: 'values = list(scores)\nkept = sorted(values[::-1], key=abs)',
    tolerance: {
      below: 0.01,
      above: 0.05,
      why: 'sorted() copies what it is given into its own list either way: the slice is the copy more, 8 B per item',
    },
  },
];

const TABLE_CLAIM = /^≥ (\d+)·n B of hash table/;

forEachPython(
  "MEM105: dropping the copy lowers the peak of the peers' set copies and repeated sorts by the claim",
  async ({ python }, context) => {
    for (const { before, tolerance } of PEERS_SHAPES) {
      const [finding] = await findingsOf(mem105, before);
      const claim = TABLE_CLAIM.exec(finding?.message ?? '') ?? CLAIM.exec(finding?.message ?? '');
      assert.ok(claim, `the finding states the cost per item: ${finding?.message}`);
      assert.equal(finding!.holds?.perCount?.bytes, Number(claim[1]), 'the message states what the finding holds');
      const after = applyEdits(before, combinedEdits([finding!], SAFE_AND_UNSAFE));
      assert.notEqual(after, before, `MEM105 fixes ${before}`);
      const runs = measureFix(python, {
        setup: SETUP,
        before,
        after,
        // A set compared as the sorted list of its items: the fix may lay the table out otherwise.
        results: [before.includes('set(') ? 'sorted(kept)' : 'kept'],
        figures: { count: 'len(scores)' },
      });
      const claimed = Number(claim[1]) * runs.before.figures.count!;
      context.diagnostic(describeRuns(before, runs, claimed));
      assertClaim(`peak saved by ${after}`, runs.peakSaved, claimed, tolerance);
    }
  },
);
