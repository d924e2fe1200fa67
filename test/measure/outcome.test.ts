// How a measure ended, in one sentence: every ending names the interpreter that ran (or
// would not) and its version; one that lacks a module the script imports says so and how
// to choose another, in the caller's words.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { summariseRun } from '../../server/src/measure/outcome';
import type { ScriptOutcome } from '../../server/src/measure/result';
import type { MeasureRun } from '../../server/src/measure/runTracer';
import { tracerResultOf } from '../support/tracerResults';

const ADVICE = 'give another with --python PATH';
const OUTPUT = { stdout: '', stderr: '', truncated: false };
const RAN_BY = 'Python 3.11.7 at /usr/bin/python3';

function measuredRun(outcome: ScriptOutcome): MeasureRun {
  return { kind: 'measured', result: tracerResultOf([], { outcome }), output: OUTPUT };
}

test('a run that finished names its interpreter, and says nothing more', () => {
  const summary = summariseRun(measuredRun({ kind: 'ok' }), ADVICE);
  assert.equal(summary.ending, 'finished');
  assert.equal(summary.message, undefined);
  assert.equal(summary.interpreter, RAN_BY);
  assert.equal(summary.anotherInterpreter, false);
});

test('every way a script fails names the interpreter that ran it and its version', () => {
  const outcomes: ScriptOutcome[] = [
    { kind: 'raised', exception: 'ValueError', message: 'bad value', traceback: 'Traceback …' },
    { kind: 'exited', code: 3, message: null },
    { kind: 'time-limit', seconds: 5 },
    { kind: 'memory-limit', megabytes: 200, traceback: 'MemoryError' },
    { kind: 'not-found' },
  ];
  for (const outcome of outcomes) {
    const summary = summariseRun(measuredRun(outcome), ADVICE);
    assert.equal(summary.ending, 'failed', outcome.kind);
    assert.ok(summary.message?.endsWith(`(run by ${RAN_BY})`), `${outcome.kind}: ${summary.message}`);
    assert.equal(summary.anotherInterpreter, false, outcome.kind);
    assert.ok(!summary.message?.includes(ADVICE), 'another interpreter would not help');
  }
  const killed = summariseRun(
    {
      kind: 'no-result',
      reason: 'the interpreter was killed by SIGKILL without a result',
      timedOut: false,
      interpreter: { path: '/opt/python/bin/python3.12', version: '3.12.4' },
      output: OUTPUT,
    },
    ADVICE,
  );
  assert.equal(
    killed.message,
    'the script stopped without a result: the interpreter was killed by SIGKILL without a result (run by Python 3.12.4 at /opt/python/bin/python3.12)',
  );
});

test('an interpreter that cannot run the tracer is named with what its --version said, and how to choose another', () => {
  const python2 = summariseRun(
    {
      kind: 'interpreter-unusable',
      interpreter: { path: '/usr/bin/python2', version: '2.7.18' },
      reason: "it did not start memhints' tracer: exited with code 1",
    },
    ADVICE,
  );
  assert.equal(
    python2.message,
    `the Python interpreter "/usr/bin/python2" (Python 2.7.18) could not be run (it did not start memhints' tracer: exited with code 1); ${ADVICE}`,
  );
  assert.equal(python2.anotherInterpreter, true);
  const missing = summariseRun(
    { kind: 'interpreter-unusable', interpreter: { path: 'pyhton3', version: undefined }, reason: 'not found' },
    ADVICE,
  );
  assert.equal(missing.message, `the Python interpreter "pyhton3" could not be run (not found); ${ADVICE}`);
  assert.equal(missing.interpreter, 'pyhton3 (version unknown)');
});

test('a module the interpreter lacks: which interpreter, which module, and how to choose another', () => {
  for (const [message, module] of [
    ["No module named 'numpy'", 'numpy'],
    ["No module named 'pandas._libs'; 'pandas' is not a package", 'pandas._libs'],
  ]) {
    const summary = summariseRun(
      measuredRun({ kind: 'raised', exception: 'ModuleNotFoundError', message: message!, traceback: 'Traceback …' }),
      ADVICE,
    );
    assert.equal(
      summary.message,
      `${RAN_BY} has no module named '${module}' (the script raised ModuleNotFoundError); ${ADVICE}`,
    );
    assert.equal(summary.traceback, 'Traceback …');
    assert.equal(summary.anotherInterpreter, true);
  }
  // Another ImportError is the script's own business: no interpreter to blame.
  const other = summariseRun(
    measuredRun({
      kind: 'raised',
      exception: 'ImportError',
      message: "cannot import name 'x' from 'y'",
      traceback: '',
    }),
    ADVICE,
  );
  assert.equal(other.anotherInterpreter, false);
  assert.match(other.message ?? '', /^the script raised ImportError: cannot import name/);
});
