// MEM102's premise, measured: each loop (the rule's documented example, one
// loop at a time, and one of each kind of copy) runs over 10^5 items before
// and after MEM102's fix under tracemalloc, on every CPython the suite has.
// The fix must compute and print the same, and lower the peak by what the
// finding's message says iterating directly saves; its severity must follow.
import { mem102 } from '../../server/src/rules/mem102-loop-over-copy';
import { assertClaim, type Tolerance } from '../support/premise/claims';
import { forEachFlaggedCase, type FlaggedCase, type MessageClaim } from '../support/premise/flagged';
import { DATA_SCALE } from '../support/premise/tracedRun';

const ITEMS = DATA_SCALE;

const SETUP = [
  `xs = [i * 3 + 1000 for i in range(${ITEMS})]`,
  `totals = {i * 3 + 1000: i for i in range(${ITEMS})}`,
  `lines = ["line %d" % i for i in range(${ITEMS})]`,
  'def produce():',
  `    return (i * 3 + 1000 for i in range(${ITEMS}))`,
].join('\n');

const CASES: readonly FlaggedCase[] = [
  ...mem102.docs.example
    .split('\n\n')
    .map((code) => ({ title: `documented: ${code.split('\n')[0]}`, setup: SETUP, code })),
  { title: 'a copy of a list', setup: SETUP, code: 'total = 0\nfor x in list(xs):\n    total += x' },
  { title: 'a tuple copy of a list', setup: SETUP, code: 'total = 0\nfor x in tuple(xs):\n    total += x' },
  { title: 'a copy of a dict', setup: SETUP, code: 'for key in list(totals):\n    print(key)' },
  { title: 'a copy of the values view', setup: SETUP, code: 'for value in list(totals.values()):\n    print(value)' },
  { title: 'a copy of a sorted list', setup: SETUP, code: 'for x in list(sorted(xs)):\n    print(x)' },
  { title: 'a list of map results', setup: SETUP, code: 'for text in list(map(str, xs)):\n    print(text)' },
  {
    title: 'a comprehension of items that exist already',
    setup: SETUP,
    code: 'for x in [x for x in xs if x > 0]:\n    print(x)',
  },
  { title: "a list of another call's result", setup: SETUP, code: 'for x in list(produce()):\n    print(x)' },
];

/** The list and the items it built, as `held_by` measures them alone, against the peak they take off. */
const LIST_AND_ITEMS: Tolerance = {
  below: 0.2,
  above: 0.1,
  why: "the loop's own temporaries take a little of what the list held",
};
/** 8 B per item. */
const POINTERS: Tolerance = {
  below: 0.25,
  above: 0.25,
  why: 'a list built from an iterator over-allocates by about 1/8; list() of a sized container allocates exactly',
};
/** At least 8 B per item: the items too when the call built them as the list grew. */
const AT_LEAST_POINTERS: Tolerance = { ...POINTERS, above: Number.POSITIVE_INFINITY };
/** What the message says each pair costs, per item. */
const PAIRS: Tolerance = {
  below: 0.1,
  above: 0.1,
  why: 'the list over-allocates nothing here (list() of a sized view), and a two-item tuple is 56 B on 3.9 to 3.13',
};

const CLAIMS: readonly MessageClaim[] = [
  {
    pattern: /^Saves (?:the copy's|only the list's) /,
    severity: 'hint',
    check: (runs) => assertClaim('peak saved, against 8 B per item', runs.peakSaved, 8 * runs.count, POINTERS),
  },
  {
    pattern: /^Saves ≈ (\d+)·n B \(n = .+?\) of pair tuples and pointers:/,
    severity: 'warning',
    check(runs) {
      const perItem = Number(this.pattern.exec(runs.finding.message)![1]);
      assertClaim(`peak saved, against ${perItem} B per item`, runs.peakSaved, perItem * runs.count, PAIRS);
    },
  },
  {
    pattern: /^Saves (?:≈ [^:]+: the list|the list's [^:]+?) and the items it built:/,
    severity: 'warning',
    check: (runs) =>
      assertClaim('peak saved, against what the list and its items hold', runs.peakSaved, runs.held, LIST_AND_ITEMS),
  },
  {
    pattern: /^Saves the list's [^:]+ and items built as it goes:/,
    severity: 'information',
    check: (runs) => assertClaim('peak saved, against 8 B per item', runs.peakSaved, 8 * runs.count, AT_LEAST_POINTERS),
  },
];

forEachFlaggedCase(mem102, CASES, CLAIMS, 'the copy');
