// Tracer results made by hand, for the tests of what is drawn and said from them.
import type { TimelinePoint, TracerResult } from '../../server/src/measure/result';

const MIB = 1024 * 1024;

/** A sample: the resident set 20 MiB above the traced memory. */
export function timelinePoint(seconds: number, tracedBytes: number, line: number | null): TimelinePoint {
  return { seconds, tracedBytes, rssBytes: tracedBytes + 20 * MIB, line };
}

/** A run of /p/a.py that ended well under Python 3.11.7, with the given timeline and any fields replaced. */
export function tracerResultOf(timeline: readonly TimelinePoint[], replaced: Partial<TracerResult> = {}): TracerResult {
  return {
    script: '/p/a.py',
    python: '3.11.7',
    executable: '/usr/bin/python3',
    outcome: { kind: 'ok' },
    peakBytes: 41 * MIB,
    endBytes: 10 * MIB,
    snapshotBytes: 40 * MIB,
    lines: [],
    maxRssBytes: 70 * MIB,
    seconds: 0.3,
    sampling: { lines: 'sys.settrace', frames: 32, snapshots: 2, snapshotSeconds: 0.01 },
    timeline,
    ...replaced,
  };
}
