// Hands the fixed texts to python/check_fixes.py under each interpreter and
// gathers its verdicts: whether each fixed text parses, differs from its
// original only by its rules' transformations, and keeps its comments.
import { join } from 'node:path';
import { ROOT } from './compiled.mjs';
import { spawned } from './spawned.mjs';

const HELPER = join(ROOT, 'scripts', 'fix-oracle', 'python', 'check_fixes.py');

/**
 * A request for the helper: units are original texts (each sent once), cases
 * fixed texts checked against a unit. `addCase` returns the case's id.
 */
export class CheckRequest {
  units = {};
  cases = [];

  /** Registers an original text under `id` (once). */
  addUnit(id, text, isCell) {
    this.units[id] ??= { text, cell: isCell };
    return id;
  }

  /**
   * `expect`: 'one' transformation or 'some'; `comments`: check that the
   * comments are kept; `lines`: the finding's first and last lines, where the
   * one transformation must be.
   */
  addCase(unit, fixed, codes, expect, comments, lines) {
    const id = this.cases.length;
    this.cases.push({
      id,
      unit,
      fixed,
      codes: [...new Set(codes)].sort(),
      expect,
      comments,
      ...(lines ? { lines } : {}),
    });
    return id;
  }
}

/** Runs the helper under each interpreter, two at a time: `[{ interpreter, units, cases }]`. */
export async function runChecks(request, interpreters) {
  const input = JSON.stringify(request);
  const results = [];
  const queue = [...interpreters];
  const worker = async () => {
    for (let interpreter = queue.shift(); interpreter; interpreter = queue.shift()) {
      const answer = await runHelper(interpreter.command, input);
      results.push({ interpreter, ...answer });
    }
  };
  await Promise.all([worker(), worker()]);
  return interpreters.map((interpreter) => results.find((result) => result.interpreter === interpreter));
}

async function runHelper(command, input) {
  const run = await spawned(command, [HELPER], { input });
  if (run.status !== 0) throw new Error(`${command} ${HELPER} failed (${run.status}):\n${run.stderr}`);
  return JSON.parse(run.stdout);
}
