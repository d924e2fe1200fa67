// What the progress notification of a measure says as it runs: the time it has run and the
// traced memory's peak so far ("1 min 05 s · peak 340 MiB"), and what happens after Cancel.
// Free of the vscode API so that it can be tested on its own.
import type { MeasureProgress } from '../../../server/src/measure/progress';
import { shortBytes } from '../../../server/src/sizes/format';

/** "8 s", "1 min 05 s", "2 h 03 min". */
export function elapsedText(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  if (whole < 60) return `${whole} s`;
  if (whole < 3600) return `${Math.floor(whole / 60)} min ${String(whole % 60).padStart(2, '0')} s`;
  return `${Math.floor(whole / 3600)} h ${String(Math.floor((whole % 3600) / 60)).padStart(2, '0')} min`;
}

/** The message beside the notification's title; `progress` is the tracer's last report, if any yet. */
export function progressText(
  elapsedSeconds: number,
  progress: MeasureProgress | undefined,
  cancelled: boolean,
): string {
  const parts = [elapsedText(elapsedSeconds)];
  if (progress !== undefined) parts.push(`peak ${shortBytes(progress.peakBytes)}`);
  if (cancelled) parts.push('stopping, keeping what was measured');
  else if (progress?.ending) parts.push('writing the report');
  return parts.join(' · ');
}
