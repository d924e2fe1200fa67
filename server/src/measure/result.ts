// What server/python/measure.py writes: how the script ended and which of its lines held memory.

/** How the measured script ended. */
export type ScriptOutcome =
  | { readonly kind: 'ok' }
  | { readonly kind: 'raised'; readonly exception: string; readonly message: string; readonly traceback: string }
  | { readonly kind: 'exited'; readonly code: number; readonly message: string | null }
  | { readonly kind: 'time-limit'; readonly seconds: number }
  | { readonly kind: 'memory-limit'; readonly megabytes: number; readonly traceback: string }
  | { readonly kind: 'not-found' }
  /** Stopped by the caller's Cancel: what was measured until then. */
  | { readonly kind: 'cancelled' };

/** Memory a line of the script held (its own allocations and those of what it called), at the sampled peak and at the end. */
export interface LineMeasurement {
  /** 1-based. */
  readonly line: number;
  /** Held at the sampled peak; 0 for a line whose memory came after it. */
  readonly bytes: number;
  /** Memory blocks held at the sampled peak. */
  readonly count: number;
  /** Where the line's memory at the peak was allocated, largest first (the tracer keeps the few largest). */
  readonly sites: readonly AllocationSite[];
  /** Still held when the script ended: allocated by the line and not freed, as tracemalloc means "allocated". */
  readonly allocatedBytes: number;
  /** Memory blocks still held when the script ended. */
  readonly allocatedCount: number;
}

/** One place a line's memory was allocated: the line itself, or code it called. */
export interface AllocationSite {
  /** The frames called from the line, innermost (where the memory was allocated) first; empty when the line allocated it itself. */
  readonly frames: readonly SiteFrame[];
  /** More frames lie between the last one listed and the line. */
  readonly moreFrames: boolean;
  readonly bytes: number;
  readonly count: number;
}

export interface SiteFrame {
  /** Absolute path. */
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** The line's source, stripped; empty when it could not be read. */
  readonly code: string;
}

export interface TracerResult {
  readonly script: string;
  /** The interpreter's version ("3.11.7"). */
  readonly python: string;
  /** The interpreter's path as it was started (sys.executable). */
  readonly executable: string;
  readonly outcome: ScriptOutcome;
  /** tracemalloc's peak over the whole run. */
  readonly peakBytes: number;
  /** Traced memory when the script ended. */
  readonly endBytes: number;
  /** Traced memory when the per-line snapshot was taken. */
  readonly snapshotBytes: number;
  /** Every line that held memory at the peak or at the end: largest at the peak first, then largest at the end. */
  readonly lines: readonly LineMeasurement[];
  /** The whole process's largest resident set, interpreter and tracer included. */
  readonly maxRssBytes: number;
  readonly seconds: number;
  /** How the run was sampled; null when the script was not run (not found). */
  readonly sampling: Sampling | null;
  /** Memory over the run, sampled every few milliseconds, oldest first. */
  readonly timeline: readonly TimelinePoint[];
}

interface Sampling {
  /** What saw the script's lines: "sys.monitoring" (Python 3.12+) or "sys.settrace". */
  readonly lines: string;
  /** Frames tracemalloc kept per allocation. */
  readonly frames: number;
  /** Snapshots taken while the script ran (the one at the end not counted). */
  readonly snapshots: number;
  readonly snapshotSeconds: number;
}

/** One sample of the run: the highest of those taken in its span of time. */
export interface TimelinePoint {
  /** Since the script started. */
  readonly seconds: number;
  readonly tracedBytes: number;
  /** The process's resident set then; null where the system does not say (no /proc). */
  readonly rssBytes: number | null;
  /** The line of the script running then (its innermost frame of the script); null when none was. */
  readonly line: number | null;
}

/**
 * Version 2 added the allocation sites of each line, version 3 what each line still held at the end,
 * version 4 the timeline and how the run was sampled, version 5 the interpreter's path.
 */
export const RESULT_VERSION = 5;
const OUTCOMES = new Set(['ok', 'raised', 'exited', 'time-limit', 'memory-limit', 'not-found', 'cancelled']);

/** Whether the script was stopped before its end (cancelled, or at the time limit): its figures are what it had done by then. */
export function isPartial(outcome: ScriptOutcome): boolean {
  return outcome.kind === 'cancelled' || outcome.kind === 'time-limit';
}

/** Reads the tracer's JSON; throws when it is not a result of the version this code knows. */
export function parseTracerResult(text: string): TracerResult {
  const value = JSON.parse(text) as Partial<Record<keyof TracerResult | 'version', unknown>>;
  if (value.version !== RESULT_VERSION)
    throw new Error(`the tracer wrote a result of version ${String(value.version)}, expected ${RESULT_VERSION}`);
  const outcome = value.outcome as { kind?: unknown } | undefined;
  if (typeof outcome?.kind !== 'string' || !OUTCOMES.has(outcome.kind))
    throw new Error('the tracer wrote a result without a known outcome');
  if (!Array.isArray(value.lines)) throw new Error('the tracer wrote a result without lines');
  if (!Array.isArray(value.timeline)) throw new Error('the tracer wrote a result without a timeline');
  if (typeof value.executable !== 'string') throw new Error("the tracer wrote a result without the interpreter's path");
  return value as unknown as TracerResult;
}
