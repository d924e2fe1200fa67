// MEM110's premise, measured: each line of its documented example, a whole
// list built or sorted to read one item, run over 10^5 items as written and
// with its fix, under tracemalloc on every CPython the suite has. The message
// claims the list's bytes per item (and the keys' with `key=`), plus the new
// items a comprehension builds: the fix must lower the peak by that much and
// read the same item.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyEdits, combinedEdits, SAFE_AND_UNSAFE } from '../../server/src/rules/fixes';
import { mem110 } from '../../server/src/rules/mem110-item-of-materialised';
import { assertClaim, type Tolerance } from '../support/premise/claims';
import { assignedNames, findingsOf } from '../support/premise/documented';
import { describeRuns, measureFix } from '../support/premise/fixRuns';
import { forEachPython } from '../support/premise/interpreters';
import { DATA_SCALE } from '../support/premise/tracedRun';

const CLAIM = /^≈ (\d+)·n B of pointers \(n = .+?\)(, and its new items,)? (?:to|sorted) /;

const SETUP = [
  'import sys',
  'from types import SimpleNamespace',
  `seen = set(range(1000, ${DATA_SCALE} + 1000))`,
  // Shuffled, with distinct keys: a sort merges, and no tie decides what is read.
  `values = [(i * 7919) % ${DATA_SCALE} + 1000 for i in range(${DATA_SCALE})]`,
  `events = [SimpleNamespace(time=value) for value in values]`,
].join('\n');

/** Each example line's list: its count is the claim's n; `items` the bytes of the new items it builds. */
const FIGURES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  first: { count: 'len(seen)' },
  doubled: { count: 'len(values)', items: 'sum(sys.getsizeof(x * 2) for x in values)' },
  smallest: { count: 'len(values)' },
  latest: { count: 'len(events)' },
};

const LIST: Tolerance = {
  below: 0.01,
  above: 0.15,
  why: "a list built from a sized iterable is exact; a comprehension's grows by up to an eighth more than it fills, and CPython 3.11+ rounds an int's 28 bytes up to 32",
};
const SORT: Tolerance = {
  below: 0.01,
  above: 0.55,
  why: "the sort's merge takes a temporary array of up to n/2 pointers for each array it sorts (the list, and the keys with key=): 12 B per item for a shuffled list, 24 with a key, against the 8 and 16 claimed",
};

const examples = mem110.docs.example.split('\n');
const replacements = mem110.docs.useInstead.split('\n');

test('MEM110: its fixes turn the documented example into its replacement', async () => {
  const findings = await findingsOf(mem110, mem110.docs.example);
  assert.equal(findings.length, examples.length, 'one finding per line');
  assert.equal(applyEdits(mem110.docs.example, combinedEdits(findings, SAFE_AND_UNSAFE)), mem110.docs.useInstead);
});

forEachPython(
  'MEM110: reading the item lazily lowers the peak of each documented line by the list',
  async ({ python }, context) => {
    assert.equal(replacements.length, examples.length, 'one replacement per example line');
    for (const [index, before] of examples.entries()) {
      const [name] = assignedNames(before);
      const figures = FIGURES[name ?? ''];
      assert.ok(figures, `the example line binds a name the test knows: ${before}`);
      const [finding] = await findingsOf(mem110, before);
      const claim = CLAIM.exec(finding?.message ?? '');
      assert.ok(claim, `the finding states the cost per item: ${finding?.message}`);
      assert.equal(finding!.holds?.perCount?.bytes, Number(claim[1]), 'the message states what the finding holds');
      assert.equal(
        claim[2] !== undefined,
        'items' in figures,
        'the message names the new items where the line builds them',
      );
      const runs = measureFix(python, { setup: SETUP, before, after: replacements[index]!, results: [name!], figures });
      const { count, items } = runs.before.figures;
      const claimed = Number(claim[1]) * count! + (items ?? 0);
      context.diagnostic(describeRuns(before, runs, claimed));
      assertClaim(
        `peak saved by ${replacements[index]}`,
        runs.peakSaved,
        claimed,
        before.includes('sorted(') ? SORT : LIST,
      );
    }
  },
);

/** The reads the peers flag (Ruff's RUF015) that MEM110 reads as a subscript: a starred display, and `pop()`. */
const PEERS_SHAPES: readonly string[] = [
  'first = [*seen][0]',
  'first = list(seen).pop(0)',
  'doubled = [x * 2 for x in values].pop(0)',
  'smallest = sorted(values).pop(0)',
];

forEachPython(
  "MEM110: reading the item lazily lowers the peak of the peers' starred copies and pops by the list",
  async ({ python }, context) => {
    for (const before of PEERS_SHAPES) {
      const [name] = assignedNames(before);
      const figures = FIGURES[name!]!;
      const [finding] = await findingsOf(mem110, before);
      const claim = CLAIM.exec(finding?.message ?? '');
      assert.ok(claim, `the finding states the cost per item: ${finding?.message}`);
      assert.equal(finding!.holds?.perCount?.bytes, Number(claim[1]), 'the message states what the finding holds');
      const after = applyEdits(before, combinedEdits([finding!], SAFE_AND_UNSAFE));
      assert.notEqual(after, before, `MEM110 fixes ${before}`);
      const runs = measureFix(python, { setup: SETUP, before, after, results: [name!], figures });
      const { count, items } = runs.before.figures;
      const claimed = Number(claim[1]) * count! + (items ?? 0);
      context.diagnostic(describeRuns(before, runs, claimed));
      assertClaim(`peak saved by ${after}`, runs.peakSaved, claimed, before.includes('sorted(') ? SORT : LIST);
    }
  },
);
