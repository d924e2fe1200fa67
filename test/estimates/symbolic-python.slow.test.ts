// Estimates for sizes that grow with a count the code does not fix (`[0] * n`):
// evaluated at several values of n, the formula matches what python3 measures
// with n bound to that value. How the formula reads is in symbolic.test.ts.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Estimate } from '../../server/src/estimates/estimate';
import { totalText } from '../../server/src/sizes/format';
import type { Size } from '../../server/src/sizes/size';
import { estimateOf, measureInPython, type Measurement } from '../support/sizes';

function at(size: Size, count: number): number {
  return size.bytes + (size.perCount?.bytes ?? 0) * count;
}

interface SymbolicCase {
  readonly expression: string;
  /** The free name, given values only in the python3 program. */
  readonly name: string;
  readonly countText: string;
  readonly values: readonly number[];
  /** The count the formula's text stands for, given the name's value. */
  readonly countAt?: (value: number) => number;
}

// Growth-based capacities are approximate: checked from 1000 items up, where spare capacity is at most 1/8.
const CASES: readonly SymbolicCase[] = [
  { expression: '[0] * n', name: 'n', countText: 'n', values: [0, 1, 7, 1000] },
  { expression: 'n * [None]', name: 'n', countText: 'n', values: [0, 3, 1000] },
  { expression: '[1, 2] * n', name: 'n', countText: 'n', values: [0, 5, 1000] },
  { expression: '[0.0] * (n + 1)', name: 'n', countText: 'n + 1', values: [0, 9, 1000], countAt: (n) => n + 1 },
  { expression: 'list(range(n))', name: 'n', countText: 'n', values: [1000, 100001] },
  { expression: '[x for x in range(n)]', name: 'n', countText: 'n', values: [1000, 100000] },
  { expression: '[7 for _ in range(n)]', name: 'n', countText: 'n', values: [1000, 100000] },
];

describe('symbolic sizes evaluated at n agree with python3', () => {
  const estimates: (Estimate | undefined)[] = [];
  let measured: Measurement[][] = [];
  before(async () => {
    for (const symbolic of CASES)
      estimates.push(await estimateOf(`value = ${symbolic.expression}\n`, symbolic.expression));
    const programs = CASES.flatMap((symbolic, index) =>
      symbolic.values.map((value) => ({
        program: `${symbolic.name} = ${value}\nvalue = ${symbolic.expression}\n`,
        ...(estimates[index]?.alternative ? { alternative: estimates[index]!.alternative!.code } : {}),
      })),
    );
    const results = [...measureInPython(programs).results];
    measured = CASES.map((symbolic) => results.splice(0, symbolic.values.length));
  });

  for (const [index, symbolic] of CASES.entries()) {
    it(symbolic.expression, () => {
      const estimate = estimates[index];
      assert.ok(estimate, 'no estimate');
      assert.equal(estimate.shallow.perCount?.count, symbolic.countText);
      for (const [valueIndex, value] of symbolic.values.entries()) {
        const truth = measured[index]![valueIndex]!;
        const check = (size: Size | undefined, expected: number | undefined, what: string): void => {
          assert.ok(size && expected !== undefined, `${what}: missing`);
          const estimated = at(size, symbolic.countAt ? symbolic.countAt(value) : value);
          if (size.approximate) {
            assert.ok(
              Math.abs(estimated - expected) / expected <= 0.15,
              `${what} at ${symbolic.name}=${value}: ${totalText({ size, atLeast: false })} gives ${estimated}, python3 says ${expected}`,
            );
          } else {
            assert.equal(
              estimated,
              expected,
              `${what} at ${symbolic.name}=${value}: ${totalText({ size, atLeast: false })}`,
            );
          }
        };
        check(estimate.shallow, truth.shallow, 'shallow');
        // With no items the list holds none of the item objects the deep formula counts once.
        if ((symbolic.countAt ? symbolic.countAt(value) : value) > 0) check(estimate.deep, truth.deep, 'deep');
        if (estimate.alternative)
          check(estimate.alternative.size, truth.alternative, `alternative ${estimate.alternative.code}`);
      }
    });
  }
});
