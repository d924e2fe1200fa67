// What server/python/measure.py writes: how the script ended and which of its lines held memory.

/** How the measured script ended. */
export type ScriptOutcome =
  | { readonly kind: 'ok' }
  | { readonly kind: 'raised'; readonly exception: string; readonly message: string; readonly traceback: string }
  | { readonly kind: 'exited'; readonly code: number; readonly message: string | null }
  | { readonly kind: 'time-limit'; readonly seconds: number }
  | { readonly kind: 'memory-limit'; readonly megabytes: number; readonly traceback: string }
  | { readonly kind: 'not-found' };

/** Memory a line of the script held at the sampled peak (its own allocations and those of what it called). */
export interface LineMeasurement {
  /** 1-based. */
  readonly line: number;
  readonly bytes: number;
  /** Memory blocks. */
  readonly count: number;
}

export interface TracerResult {
  readonly script: string;
  readonly python: string;
  readonly outcome: ScriptOutcome;
  /** tracemalloc's peak over the whole run. */
  readonly peakBytes: number;
  /** Traced memory when the script ended. */
  readonly endBytes: number;
  /** Traced memory when the per-line snapshot was taken. */
  readonly snapshotBytes: number;
  /** Largest first. */
  readonly lines: readonly LineMeasurement[];
  /** The whole process's largest resident set, interpreter and tracer included. */
  readonly maxRssBytes: number;
  readonly seconds: number;
}

const OUTCOMES = new Set(['ok', 'raised', 'exited', 'time-limit', 'memory-limit', 'not-found']);

/** Reads the tracer's JSON; throws when it is not a result of the version this code knows. */
export function parseTracerResult(text: string): TracerResult {
  const value = JSON.parse(text) as Partial<Record<keyof TracerResult | 'version', unknown>>;
  if (value.version !== 1) throw new Error(`the tracer wrote a result of version ${String(value.version)}, expected 1`);
  const outcome = value.outcome as { kind?: unknown } | undefined;
  if (typeof outcome?.kind !== 'string' || !OUTCOMES.has(outcome.kind)) throw new Error('the tracer wrote a result without a known outcome');
  if (!Array.isArray(value.lines)) throw new Error('the tracer wrote a result without lines');
  return value as unknown as TracerResult;
}
