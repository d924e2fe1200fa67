// One sentence on how a measured script ended, for the terminal and the editor alike.
// Every failure names the interpreter that ran (or would not) and its version, and where
// another interpreter would help (one that runs at all, one that has the module the
// script imports) says how to choose one, in the words of the caller (--python PATH on
// the command line, the settings in the editor).
import { shortBytes } from '../sizes/format';
import { type Interpreter, interpreterName } from './interpreter';
import type { TracerResult } from './result';
import type { MeasureRun } from './runTracer';

type Ending = 'finished' | 'failed' | 'interpreter-unusable' | 'cancelled';

export interface OutcomeSummary {
  readonly ending: Ending;
  /** "the script raised ValueError: bad value (run by Python 3.11.7 at /usr/bin/python3)"; undefined when it simply finished. */
  readonly message: string | undefined;
  /** The script's traceback, when it raised. */
  readonly traceback: string | undefined;
  /** The interpreter that ran or was asked for, as "Python 3.11.7 at /usr/bin/python3"; undefined when none was started. */
  readonly interpreter: string | undefined;
  /** Another interpreter would help: this one cannot run the tracer, or lacks a module the script imports. */
  readonly anotherInterpreter: boolean;
}

export function summariseRun(run: MeasureRun, howToChooseAnother: string): OutcomeSummary {
  switch (run.kind) {
    case 'cancelled':
      return {
        ending: 'cancelled',
        message: 'the measurement was cancelled',
        traceback: undefined,
        interpreter: undefined,
        anotherInterpreter: false,
      };
    case 'interpreter-unusable': {
      const version = run.interpreter.version === undefined ? '' : ` (Python ${run.interpreter.version})`;
      return {
        ending: 'interpreter-unusable',
        message: `the Python interpreter "${run.interpreter.path}"${version} could not be run (${run.reason}); ${howToChooseAnother}`,
        traceback: undefined,
        interpreter: interpreterName(run.interpreter),
        anotherInterpreter: true,
      };
    }
    case 'no-result': {
      const what = run.timedOut
        ? `the script hit the time limit (${run.reason})`
        : `the script stopped without a result: ${run.reason}`;
      return failure(`${what}${ranBy(run.interpreter)}`, undefined, run.interpreter);
    }
    case 'measured':
      return summariseOutcome(run.result, howToChooseAnother);
  }
}

function summariseOutcome(result: TracerResult, howToChooseAnother: string): OutcomeSummary {
  const interpreter: Interpreter = { path: result.executable, version: result.python };
  const { outcome } = result;
  switch (outcome.kind) {
    case 'ok':
      return {
        ending: 'finished',
        message: undefined,
        traceback: undefined,
        interpreter: interpreterName(interpreter),
        anotherInterpreter: false,
      };
    case 'raised': {
      const missing = missingModule(outcome.exception, outcome.message);
      if (missing !== undefined)
        return {
          ...failure(
            `${interpreterName(interpreter)} has no module named '${missing}' (the script raised ModuleNotFoundError); ${howToChooseAnother}`,
            outcome.traceback,
            interpreter,
          ),
          anotherInterpreter: true,
        };
      const raised = `the script raised ${outcome.exception}${outcome.message === '' ? '' : `: ${outcome.message}`}`;
      return failure(`${raised}${ranBy(interpreter)}`, outcome.traceback, interpreter);
    }
    case 'exited':
      return failure(
        `the script exited with code ${outcome.code}${outcome.message === null ? '' : `: ${outcome.message}`}${ranBy(interpreter)}`,
        undefined,
        interpreter,
      );
    case 'time-limit':
      return failure(
        `the script hit the time limit of ${outcome.seconds} s and was stopped${ranBy(interpreter)}`,
        undefined,
        interpreter,
      );
    case 'memory-limit':
      return failure(
        `the script hit the memory limit of ${outcome.megabytes} MiB (MemoryError; traced memory peaked at ${shortBytes(result.peakBytes)})${ranBy(interpreter)}`,
        outcome.traceback,
        interpreter,
      );
    case 'not-found':
      return failure(`the script file was not found${ranBy(interpreter)}`, undefined, interpreter);
    case 'cancelled':
      return {
        ...failure(
          `the measurement was cancelled after ${result.seconds.toFixed(1)} s, before the script ended: what was measured until then is partial${ranBy(interpreter)}`,
          undefined,
          interpreter,
        ),
        ending: 'cancelled',
      };
  }
}

function failure(message: string, traceback: string | undefined, interpreter: Interpreter): OutcomeSummary {
  return { ending: 'failed', message, traceback, interpreter: interpreterName(interpreter), anotherInterpreter: false };
}

/** " (run by Python 3.11.7 at /usr/bin/python3)". */
function ranBy(interpreter: Interpreter): string {
  return ` (run by ${interpreterName(interpreter)})`;
}

/** The module a ModuleNotFoundError says is missing ("No module named 'numpy'", or 'pandas._libs' for a submodule). */
function missingModule(exception: string, message: string): string | undefined {
  if (exception !== 'ModuleNotFoundError') return undefined;
  return /^No module named '([^']+)'/.exec(message)?.[1];
}
