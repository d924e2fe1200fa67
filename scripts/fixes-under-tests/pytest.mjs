// Runs pytest on a copy of a package and reads what became of each test from
// its short summary (-rA): PASSED, FAILED, ERROR, XFAIL, XPASS by test id;
// skipped tests are only counted, as pytest names them by line, not id.
import { spawned } from '../fix-oracle/spawned.mjs';

const OUTCOME = /^(PASSED|FAILED|ERROR|XFAIL|XPASS) (\S.*?)(?: - .*)?$/;
const SKIPPED = /^SKIPPED \[(\d+)\]/;

/** Resolves to `{ outcomes: Map<id, outcome>, skipped, seconds }` for `targets` (paths or test ids), run in `cwd`. */
export async function runPytest(python, cwd, targets) {
  const args = ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', '-rA', '--tb=no', '--color=no', ...targets];
  const started = Date.now();
  // No byte code: a fixed file the size of the original and saved in the same second would run its stale copy.
  const env = { ...process.env, PYTHONDONTWRITEBYTECODE: '1' };
  const { status, stdout, stderr } = await spawned(python, args, { cwd, env });
  // 0: all passed; 1: some failed. Anything else means pytest itself could not run.
  if (status !== 0 && status !== 1)
    throw new Error(`pytest exited with ${status} in ${cwd}:\n${stdout.slice(-2000)}\n${stderr.slice(-2000)}`);
  return { ...outcomesOf(stdout), seconds: (Date.now() - started) / 1000 };
}

function outcomesOf(summary) {
  const outcomes = new Map();
  let skipped = 0;
  for (const line of summary.split('\n')) {
    const outcome = OUTCOME.exec(line);
    if (outcome) outcomes.set(outcome[2], outcome[1]);
    const skip = SKIPPED.exec(line);
    if (skip) skipped += Number(skip[1]);
  }
  return { outcomes, skipped };
}

/** Tests that passed (or failed as expected) in `before` and fail or error in `after`. */
export function newFailures(before, after) {
  const good = new Set(['PASSED', 'XFAIL']);
  return [...after.outcomes]
    .filter(([id, outcome]) => !good.has(outcome) && good.has(before.outcomes.get(id)))
    .map(([id]) => id);
}

/** `{ PASSED: n, FAILED: n, … , SKIPPED: n }`. */
export function outcomeCounts(run) {
  const counts = { PASSED: 0, FAILED: 0, ERROR: 0, XFAIL: 0, XPASS: 0 };
  for (const outcome of run.outcomes.values()) counts[outcome]++;
  return { ...counts, SKIPPED: run.skipped };
}
