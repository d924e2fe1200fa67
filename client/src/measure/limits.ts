// The limits the editor measures a file under, from memhints.measure.timeout and
// memhints.measure.memoryLimit: a script that never ends or takes all memory is
// stopped with a message rather than left to the user to notice. Kept free of the
// vscode API so that it can be tested on its own.

export interface MeasureLimits {
  /** 0: no limit. */
  readonly timeoutSeconds: number;
  /** MiB of address space for the whole Python process; 0: no limit. */
  readonly memoryLimitMb: number;
}

/** As package.json declares them. */
export const DEFAULT_LIMITS: MeasureLimits = { timeoutSeconds: 600, memoryLimitMb: 0 };

/** The settings' values as read; a value that is not a number of 0 or more gives the default (package.json's schema already flags it). */
export function measureLimits(timeout: unknown, memoryLimit: unknown): MeasureLimits {
  return {
    timeoutSeconds: limit(timeout, DEFAULT_LIMITS.timeoutSeconds),
    memoryLimitMb: limit(memoryLimit, DEFAULT_LIMITS.memoryLimitMb),
  };
}

function limit(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : fallback;
}
