// MEM101's premise, measured: each snippet (the rule's documented example, one
// statement at a time, and one call of each kind of consumer) is run at data
// scale before and after MEM101's fix under tracemalloc, by python3 and the
// other CPythons of test/support/pythons.ts. The fix must print and bind the
// same, and lower the peak by what the finding's message says it saves.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { mem101 } from '../../server/src/rules/mem101-generator-in-call';
import type { Severity } from '../../server/src/rules/types';
import { forEveryInterpreter, measurePremise, versionAtLeast, type Premise, type PremiseCase } from '../support/peaks';

const ITEMS = 100_000;

const SETUP = [
  'import collections, heapq, statistics',
  `values = list(range(${ITEMS}))`,
  `lines = ["line %d" % i for i in range(${ITEMS})]`,
].join('\n');

/** Ints above 256 are built anew each time; `% 100` makes 100 distinct values repeat. */
const CASES: readonly (PremiseCase & { readonly repeats?: boolean })[] = [
  ...mem101.docs.example.split('\n').map((code) => ({ title: `documented: ${code}`, setup: SETUP, code })),
  { title: 'sum of new ints', setup: SETUP, code: 'total = sum([x * 3 + 1000 for x in values])' },
  { title: 'heapq.nlargest keeps n', setup: SETUP, code: 'top = heapq.nlargest(10, [x * 3 + 1000 for x in values])' },
  // Keys and values that exist already: what the list holds besides its pointers is the pairs, which dict drops.
  { title: 'dict keeps keys and values, not pairs', setup: SETUP, code: 'lookup = dict([(x, x) for x in values])' },
  { title: 'statistics.mean', setup: SETUP, code: 'average = statistics.mean([x * 0.5 for x in values])' },
  { title: 'sorted keeps every item', setup: SETUP, code: 'ordered = sorted([x * 3 + 1000 for x in values])' },
  { title: 'tuple keeps every item', setup: SETUP, code: 'packed = tuple([x * 3 + 1000 for x in values])' },
  { title: 'deque keeps every item', setup: SETUP, code: 'queue = collections.deque([x * 3 + 1000 for x in values])' },
  { title: 'bytes keeps a byte per item', setup: SETUP, code: 'raw = bytes([x % 256 for x in values])' },
  { title: 'statistics.median sorts a copy', setup: SETUP, code: 'middle = statistics.median([x * 0.5 for x in values])' },
  { title: 'set of distinct items', setup: SETUP, code: 'unique = set([x * 3 + 1000 for x in values])' },
  { title: 'set of repeated items', setup: SETUP, code: 'kinds = set([x % 100 + 1000 for x in values])', repeats: true },
  { title: 'Counter of distinct items', setup: SETUP, code: 'counts = collections.Counter([x * 3 + 1000 for x in values])' },
  { title: 'Counter of repeated items', setup: SETUP, code: 'counts = collections.Counter([x % 100 + 1000 for x in values])', repeats: true },
  { title: 'items that exist already', setup: SETUP, code: 'biggest = max([x for x in values])' },
  { title: 'a lazy zip read by sum', setup: SETUP, code: 'dot = sum(a * b for a, b in zip([x * 3 + 1000 for x in values], values))' },
];

/**
 * Tolerances. "The items built" is what the list and its items hold when kept
 * (measured alone): the fix must save at least 80% of it, the rest being
 * allocator slack the generator's frame and the consumer's own work may take.
 * "8 B per item" must come out between 6 and 10 B: a list grown by a
 * comprehension over-allocates by about 1/8, a tuple grown from a generator by
 * up to 1/4 (6.6 B measured at worst), a deque allocates blocks of 64 items.
 */
const ITEMS_SHARE = 0.8;
const POINTERS = { least: 6, most: 10 } as const;

interface Claim {
  readonly pattern: RegExp;
  readonly severity: Severity;
  check(premise: Premise, version: string, repeats: boolean): void;
}

const CLAIMS: readonly Claim[] = [
  {
    pattern: /^Saves the list and each item built for it(?: on Python (\d+\.\d+)\+)?:/,
    severity: 'warning',
    check(premise, version) {
      const since = this.pattern.exec(premise.finding.message)![1];
      if (since && !versionAtLeast(version, since)) {
        // Before `since` the call makes a list of the generator: the message's qualifier says so.
        assert.ok(Math.abs(premise.saved) < 0.2 * premise.held, `python ${version} saves ${premise.saved} B of ${premise.held}`);
        return;
      }
      assert.ok(premise.saved >= ITEMS_SHARE * premise.held, `saves ${premise.saved} B, the list and its items hold ${premise.held} B`);
    },
  },
  {
    pattern: /^Saves only the list's 8 B per item:/,
    severity: 'hint',
    check: (premise) => assertPointers(premise),
  },
  {
    pattern: /^Saves the list's 8 B per item and the items that repeat:/,
    severity: 'information',
    check(premise, _version, repeats) {
      assert.ok(premise.savedPerItem >= POINTERS.least, `saves ${premise.savedPerItem.toFixed(2)} B per item`);
      if (repeats) assert.ok(premise.saved >= ITEMS_SHARE * premise.held, `saves ${premise.saved} B, the list and its items hold ${premise.held} B`);
    },
  },
  {
    pattern: /^Saves the list's 8 B per item, and items if what reads it drops them:/,
    severity: 'information',
    check: (premise) => assert.ok(premise.savedPerItem >= POINTERS.least, `saves ${premise.savedPerItem.toFixed(2)} B per item`),
  },
];

function assertPointers(premise: Premise): void {
  const perItem = premise.savedPerItem;
  assert.ok(perItem >= POINTERS.least && perItem <= POINTERS.most, `saves ${perItem.toFixed(2)} B per item, not about 8`);
}

forEveryInterpreter(mem101, (python, version) => {
  for (const premiseCase of CASES) {
    it(premiseCase.title, async () => {
      const premise = await measurePremise(mem101, premiseCase, python);
      assert.ok(premise.count >= ITEMS, `${premise.count} items, not data scale`);
      assert.equal(premise.after.output, premise.before.output, 'the fix prints and binds the same');
      const claim = CLAIMS.find((candidate) => candidate.pattern.test(premise.finding.message));
      assert.ok(claim, `no measured claim matches the message ${JSON.stringify(premise.finding.message)}`);
      assert.equal(premise.finding.severity, claim.severity, premise.finding.message);
      claim.check(premise, version, premiseCase.repeats === true);
    });
  }
});
