// One sentence on how a measured script ended, for the terminal and the editor alike.
import { shortBytes } from '../sizes/format';
import type { MeasureRun } from './runTracer';

type Ending = 'finished' | 'failed' | 'interpreter-unusable' | 'cancelled';

export interface OutcomeSummary {
  readonly ending: Ending;
  /** "the script raised ValueError: bad value"; undefined when it simply finished. */
  readonly message: string | undefined;
  /** The script's traceback, when it raised. */
  readonly traceback: string | undefined;
}

export function summariseRun(run: MeasureRun): OutcomeSummary {
  switch (run.kind) {
    case 'cancelled':
      return { ending: 'cancelled', message: 'the measurement was cancelled', traceback: undefined };
    case 'interpreter-unusable':
      return {
        ending: 'interpreter-unusable',
        message: `the Python interpreter "${run.python}" could not be run (${run.reason})`,
        traceback: undefined,
      };
    case 'no-result':
      return {
        ending: 'failed',
        message: run.timedOut
          ? `the script hit the time limit (${run.reason})`
          : `the script stopped without a result: ${run.reason}`,
        traceback: undefined,
      };
    case 'measured':
      return summariseOutcome(run.result.outcome, run.result.peakBytes);
  }
}

function summariseOutcome(
  outcome: Extract<MeasureRun, { kind: 'measured' }>['result']['outcome'],
  peakBytes: number,
): OutcomeSummary {
  switch (outcome.kind) {
    case 'ok':
      return { ending: 'finished', message: undefined, traceback: undefined };
    case 'raised':
      return {
        ending: 'failed',
        message: `the script raised ${outcome.exception}${outcome.message === '' ? '' : `: ${outcome.message}`}`,
        traceback: outcome.traceback,
      };
    case 'exited':
      return {
        ending: 'failed',
        message: `the script exited with code ${outcome.code}${outcome.message === null ? '' : `: ${outcome.message}`}`,
        traceback: undefined,
      };
    case 'time-limit':
      return {
        ending: 'failed',
        message: `the script hit the time limit of ${outcome.seconds} s and was stopped`,
        traceback: undefined,
      };
    case 'memory-limit':
      return {
        ending: 'failed',
        message: `the script hit the memory limit of ${outcome.megabytes} MiB (MemoryError; traced memory peaked at ${shortBytes(peakBytes)})`,
        traceback: outcome.traceback,
      };
    case 'not-found':
      return { ending: 'failed', message: 'the script file was not found', traceback: undefined };
  }
}
