// Which sample of the timeline stands for the peak, and so which line the plot names.
// Samples within a hair of the highest are the same peak: memory held at its peak over
// several lines was built by one (its last line event comes at the full size), sat through
// others, and is freed by one (whose line event adds the tracer's own few bytes). The line
// that ran longest at the peak is where the program was then; samples are evenly spaced in
// time, so the line with the most samples in the band is that line.
import type { TimelinePoint } from './result';

/** Samples within this fraction of the highest one are the same peak. */
const SAME_PEAK = 0.01;

/** The first sample, at the peak, of the line that ran longest at it; undefined for an empty timeline. */
export function peakPoint(points: readonly TimelinePoint[]): TimelinePoint | undefined {
  const highest = Math.max(...points.map((point) => point.tracedBytes));
  const atPeak = points.filter((point) => point.tracedBytes >= highest * (1 - SAME_PEAK));
  const samples = new Map<number | null, number>();
  for (const point of atPeak) samples.set(point.line, (samples.get(point.line) ?? 0) + 1);
  // The first to reach the most samples: ties go to the line that got there first.
  return atPeak.find((point) => samples.get(point.line) === Math.max(...samples.values()));
}
