// How far a measured script has got, from the progress file the tracer rewrites twice a
// second while it runs (--progress): the seconds run, the traced memory and its peak so
// far, and whether the script has ended and the result is being written.
import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';

export interface MeasureProgress {
  readonly seconds: number;
  readonly tracedBytes: number;
  readonly peakBytes: number;
  /** The script has ended (or been stopped) and the tracer is writing its result. */
  readonly ending: boolean;
}

/** The progress file's text as read; undefined for anything else (none yet, or not this shape). */
function parseProgress(text: string): MeasureProgress | undefined {
  try {
    const value = JSON.parse(text) as Partial<Record<keyof MeasureProgress, unknown>>;
    const { seconds, tracedBytes, peakBytes, ending } = value;
    if (typeof seconds !== 'number' || typeof tracedBytes !== 'number' || typeof peakBytes !== 'number')
      return undefined;
    return { seconds, tracedBytes, peakBytes, ending: ending === true };
  } catch {
    return undefined;
  }
}

export async function readProgress(path: string): Promise<MeasureProgress | undefined> {
  try {
    return parseProgress(await readFile(path, 'utf8'));
  } catch {
    return undefined; // not written yet
  }
}

export function readProgressNow(path: string): MeasureProgress | undefined {
  try {
    return parseProgress(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}
