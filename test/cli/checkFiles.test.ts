// Checking a run's files on this thread and on worker threads: the workers,
// given the compiled grammar, take files from the same list as this thread,
// and the outcomes come in file order, the same as this thread's alone.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { DEFAULT_SETTINGS } from '../../server/src/config/config';
import type { FileOutcome } from '../../server/src/cli/checkFile';
import { checkFiles, checkWorkers, type CheckWorkers, type RunCheck } from '../../server/src/cli/checkFiles';
import type { CheckTask } from '../../server/src/cli/checkWorker';
import { SAFE_ONLY } from '../../server/src/rules/fixes';

const CHECK: RunCheck = { ignoreNoqa: false, allowed: SAFE_ONLY, mode: 'none', maxFileSize: 1 << 20 };

function tasks(dir: string, count: number): CheckTask[] {
  return Array.from({ length: count }, (_, i) => {
    const file = join(dir, `m${i}.py`);
    const flagged = i % 2 === 0 ? `    print(sum([x * ${i} for x in xs]))\n` : '';
    writeFileSync(file, `def f(xs):\n${flagged}    return max(xs) + ${i}\n`);
    return { file, shown: `m${i}.py`, settings: DEFAULT_SETTINGS };
  });
}

async function outcomesOf(files: readonly CheckTask[], workers?: CheckWorkers) {
  const taken: { shown: string; outcome: FileOutcome; done: number }[] = [];
  await checkFiles(files, CHECK, (task, outcome, done) => taken.push({ shown: task.shown, outcome, done }), workers);
  return taken;
}

/** Resolves once a worker of the pool is ready for tasks. */
function ready(workers: CheckWorkers): Promise<void> {
  return new Promise((resolve) => {
    if (workers.hasRoom()) resolve();
    else workers.onRoom(resolve);
  });
}

test('workers take files from the list and the outcomes are those of this thread alone, in order', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'memhints-check-files-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const files = tasks(dir, 24);
  const alone = await outcomesOf(files);
  assert.deepEqual(
    alone.map(({ done }) => done),
    files.map((_, i) => i + 1),
  );
  assert.equal(alone.filter(({ outcome }) => outcome.findings.length > 0).length, 12);

  const workers = checkWorkers(2, CHECK);
  t.after(() => workers.close());
  await ready(workers);
  const run = workers.run.bind(workers);
  let inWorkers = 0;
  workers.run = (task) => {
    inWorkers++;
    return run(task);
  };
  assert.deepEqual(await outcomesOf(files, workers), alone);
  assert.ok(inWorkers > 0, 'no file was checked in a worker');
  assert.ok(inWorkers < files.length, 'this thread checked no file');
});
