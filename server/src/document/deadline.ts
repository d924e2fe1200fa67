// When the work on one version of a document must stop: the parse and the
// analysis ask between steps (tree-sitter every hundred or so of its own
// operations, the analysis between top-level statements) and stop once it
// has passed, keeping what they have done.
import { performance } from 'node:perf_hooks';

export interface Deadline {
  passed(): boolean;
}

export const NO_DEADLINE: Deadline = { passed: () => false };

/** A deadline `ms` milliseconds from now; none for 0 (no limit). */
export function deadlineIn(ms: number): Deadline {
  if (!(ms > 0) || !Number.isFinite(ms)) return NO_DEADLINE;
  const at = performance.now() + ms;
  return { passed: () => performance.now() >= at };
}

/** Thrown by a parse that the deadline stopped: nothing of it is kept. */
export class ParseOutOfTime extends Error {
  constructor() {
    super('the parse ran out of time');
  }
}
