// Timing helpers: repeated runs, medians, percentiles and rates.
import { performance } from 'node:perf_hooks';

/** The median duration in ms of `run`, repeated at least `minRuns` times and for at least `minMs`. */
export function medianMs(run: () => void, minRuns: number, minMs: number): number {
  const durations: number[] = [];
  const started = performance.now();
  while (durations.length < minRuns || performance.now() - started < minMs) {
    const start = performance.now();
    run();
    durations.push(performance.now() - start);
  }
  return percentile(durations, 50);
}

/** The p-th percentile (nearest rank) of samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function linesPerSecond(lines: number, ms: number): number {
  return ms > 0 ? (lines * 1000) / ms : Number.NaN;
}

/** Lines as editors count them: a final line without a newline still counts. */
export function lineCount(text: string): number {
  let lines = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lines++;
  return text.length > 0 && !text.endsWith('\n') ? lines + 1 : lines;
}
