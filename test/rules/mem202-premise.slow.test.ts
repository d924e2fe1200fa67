// MEM202's premise, measured: the documented example run at data scale under
// tracemalloc, as written (an unbounded cache), with a bounded cache and as
// its documented fix, on every CPython the suite has. Each message's claim is
// checked against what stays alive after the loop: every instance for an
// unbounded cache, exactly `maxsize` for a bounded one, none after the fix;
// and value classes, which the rule leaves alone, keep one entry per value.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mem202 } from '../../server/src/rules/mem202-cache-on-method';
import type { Finding } from '../../server/src/rules/types';
import { assertClaim } from '../support/premise/claims';
import { findingsOf } from '../support/premise/documented';
import { forEachPython } from '../support/premise/interpreters';
import { tracedRun } from '../support/premise/tracedRun';

/** Instances made, each calling the cached method once, then dropped. */
const INSTANCES = 100_000;
/** Distinct values among the value-class instances. */
const DISTINCT = 100;

interface Run {
  /** Bytes still allocated after the loop and a collection, over those before it. */
  readonly retained: number;
  readonly peak: number;
  /** Instances of the class still alive after the loop. */
  readonly alive: number;
  /** Entries in the method's cache, for the value classes. */
  readonly entries?: number;
}

/**
 * What the example's frame stands for: some data of each instance's own
 * (204 bytes), read by column (`self.frame[column]`).
 */
const FRAME = String.raw`
import gc

class Column:
    __slots__ = ("data",)
    def __init__(self, data):
        self.data = data
    def describe(self):
        return len(self.data)

class Frame:
    def __init__(self, i):
        self.data = bytes(200) + i.to_bytes(4, "little")
    def __getitem__(self, column):
        return Column(self.data)
`;

/**
 * Each variant's class, measured over INSTANCES instances that call the
 * method once and are dropped; a collection ends the loop, so what stays is
 * what the cache keeps. Value classes are made from DISTINCT values.
 */
const LOOPS = {
  report: `for i in range(${INSTANCES}):\n    Report(Frame(i)).summary("price")\ngc.collect()\n`,
  value: `for i in range(${INSTANCES}):\n    Point(i % ${DISTINCT}, i % ${DISTINCT}).norm()\ngc.collect()\n`,
};

const BOUNDED = 128;
const example = mem202.docs.example;
const bounded = example.replace('@lru_cache(maxsize=None)', `@lru_cache(maxsize=${BOUNDED})`);

const POINT_BODY = '    @cache\n    def norm(self):\n        return self.x * self.x + self.y * self.y\n';
const VARIANTS = {
  unbounded: { source: example, kind: 'report' },
  bounded: { source: bounded, kind: 'report' },
  fixed: { source: mem202.docs.useInstead, kind: 'report' },
  namedTuple: {
    source: `from functools import cache\nfrom typing import NamedTuple\n\nclass Point(NamedTuple):\n    x: int\n    y: int\n\n${POINT_BODY}`,
    kind: 'value',
  },
  frozenDataclass: {
    source: `from dataclasses import dataclass\nfrom functools import cache\n\n@dataclass(frozen=True)\nclass Point:\n    x: int\n    y: int\n\n${POINT_BODY}`,
    kind: 'value',
  },
  identity: {
    source: `from functools import cache\n\nclass Point:\n    def __init__(self, x, y):\n        self.x = x\n        self.y = y\n\n${POINT_BODY}`,
    kind: 'value',
  },
} as const;

type VariantName = keyof typeof VARIANTS;

/** The variant's loop, run after its class is defined; what stays alive and in the cache counted after tracing stops. */
function measure(python: string, name: VariantName): Run {
  const { source, kind } = VARIANTS[name];
  const cls = kind === 'report' ? 'Report' : 'Point';
  const run = tracedRun(python, {
    setup: `${FRAME}\n${source}`,
    code: LOOPS[kind],
    figures: {
      alive: `sum(1 for o in gc.get_objects() if type(o) is ${cls})`,
      ...(kind === 'value' ? { entries: 'Point.norm.cache_info().currsize' } : {}),
    },
  });
  return { retained: run.held, peak: run.peak, alive: run.figures.alive!, entries: run.figures.entries };
}

async function findingOf(source: string): Promise<Finding | undefined> {
  const findings = await findingsOf(mem202, source);
  assert.ok(findings.length <= 1, source);
  return findings[0];
}

function kilobytes(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

test('the bounded variant is the documented example with maxsize set', () => {
  assert.notEqual(bounded, example, 'the example spells @lru_cache(maxsize=None)');
});

forEachPython(`MEM202's premise at ${INSTANCES.toLocaleString('en-US')} instances`, async ({ python }, t) => {
  const runs = Object.fromEntries(
    Object.keys(VARIANTS).map((name) => [name, measure(python, name as VariantName)]),
  ) as Record<VariantName, Run>;
  for (const [name, run] of Object.entries(runs)) {
    t.diagnostic(
      `${name}: retained ${run.retained.toLocaleString('en-US')} B (${kilobytes(run.retained)}), peak ${kilobytes(run.peak)}, ${run.alive} alive, ${run.entries ?? '-'} entries`,
    );
  }

  // The example: "keeps every instance it is called on alive", a warning.
  const unbounded = await findingOf(example);
  assert.equal(unbounded?.severity, 'warning');
  assert.match(unbounded!.message, /keeps every instance it is called on alive/);
  assert.equal(runs.unbounded.alive, INSTANCES, 'every instance is still alive after the loop');
  // Each instance holds at least its 204-byte buffer.
  assert.ok(runs.unbounded.retained >= INSTANCES * 204, `${runs.unbounded.retained} bytes retained`);

  // Bounded: "keeps up to N instances alive", information; exactly N stay, whatever the count.
  const limited = await findingOf(bounded);
  assert.equal(limited?.severity, 'information');
  const claimed = Number(/keeps up to ([\d,]+) instances alive/.exec(limited!.message)?.[1]?.replace(/,/g, ''));
  assert.equal(claimed, BOUNDED, limited!.message);
  assert.equal(runs.bounded.alive, claimed, 'exactly maxsize instances stay alive');
  // Its entries are larger than an unbounded cache's (a linked-list node each): within 0.5 to 2 times
  // the unbounded cost per instance, times maxsize.
  const perInstance = runs.unbounded.retained / INSTANCES;
  assertClaim(
    `bytes kept by the bounded cache, against ${claimed} instances at ${perInstance.toFixed(0)} B each`,
    runs.bounded.retained,
    perInstance * claimed,
    {
      below: 0.5,
      above: 1,
      why: "a bounded cache's entries are larger than an unbounded cache's (a linked-list node each)",
    },
  );

  // The fix: nothing flagged, no instance alive, and what stays allocated is noise: under 0.1% of the example's.
  assert.equal(await findingOf(mem202.docs.useInstead), undefined);
  assert.equal(runs.fixed.alive, 0);
  assert.ok(
    runs.fixed.retained < runs.unbounded.retained / 1000,
    `${runs.fixed.retained} bytes retained after the fix`,
  );

  // Value classes are left alone: one entry per distinct value, under 2% of what the same values keep
  // when hashed by identity (one entry per instance).
  assert.ok(await findingOf(VARIANTS.identity.source), 'an identity-hashed class is flagged');
  assert.equal(runs.identity.entries, INSTANCES);
  for (const name of ['namedTuple', 'frozenDataclass'] as const) {
    assert.equal(await findingOf(VARIANTS[name].source), undefined, `${name} is not flagged`);
    assert.equal(runs[name].entries, DISTINCT, `${name}: one entry per distinct value`);
    assert.ok(
      runs[name].retained < runs.identity.retained / 50,
      `${name}: ${runs[name].retained} bytes against ${runs.identity.retained}`,
    );
  }
});
