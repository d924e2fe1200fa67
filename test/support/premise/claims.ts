// Holding a measurement to what a rule's message or documentation claims,
// within a stated tolerance that says why it is that wide.
import assert from 'node:assert/strict';

/**
 * How far a measurement may stray from a claim, as fractions of the claim
 * (and bytes on top), and why: a message rounds, leaves out an allocator's
 * slack, or names the cost that matters and not every byte around it. A bound
 * that is not claimed is Infinity.
 */
export interface Tolerance {
  readonly below: number;
  readonly above: number;
  /** Bytes allowed either way on top of the fractions: the interpreter's own small allocations. */
  readonly slack?: number;
  readonly why: string;
}

/** One figure, or a range the claim gives ("8–40 B per item"). */
export type Claimed = number | readonly [low: number, high: number];

function percent(fraction: number): string {
  return `${fraction * 100}%`;
}

/** Asserts low·(1 − below) − slack ≤ measured ≤ high·(1 + above) + slack, where the claim is low to high. */
export function assertClaim(what: string, measured: number, claimed: Claimed, tolerance: Tolerance): void {
  assert.ok(tolerance.why.trim() !== '', `${what}: a tolerance says why it is that wide`);
  const [low, high] = typeof claimed === 'number' ? [claimed, claimed] : claimed;
  const slack = tolerance.slack ?? 0;
  const lowest = tolerance.below === Infinity ? -Infinity : low * (1 - tolerance.below) - slack;
  const highest = tolerance.above === Infinity ? Infinity : high * (1 + tolerance.above) + slack;
  const stated = low === high ? `${low}` : `${low} to ${high}`;
  const off = low === high && low !== 0 ? ` (${(((measured - low) / low) * 100).toFixed(1)}%)` : '';
  const allowed = `-${percent(tolerance.below)} to +${percent(tolerance.above)}${slack ? ` and ${slack} B` : ''}`;
  assert.ok(
    measured >= lowest && measured <= highest,
    `${what}: measured ${measured}, claimed ${stated}${off}; allowed ${allowed} because ${tolerance.why}`,
  );
}
