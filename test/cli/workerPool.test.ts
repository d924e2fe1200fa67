// The worker pool: every task's own result, whatever order the workers finish
// in; a task that throws fails alone; a worker that dies fails the pool.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { WorkerPool } from '../../server/src/cli/workerPool';

const SCRIPT = join(__dirname, '..', 'support', 'arithmeticWorker.js');

test('each task gets its own result, with the shared worker data', async (t) => {
  const pool = new WorkerPool<number, number>(SCRIPT, 3, { offset: 1 });
  t.after(() => pool.close());
  assert.equal(pool.size, 3);
  const values = Array.from({ length: 40 }, (_, i) => i);
  assert.deepEqual(
    await Promise.all(values.map((value) => pool.run(value))),
    values.map((value) => value * value + 1),
  );
});

test('a task that throws rejects with its error and the pool goes on', async (t) => {
  const pool = new WorkerPool<number, number>(SCRIPT, 2, { offset: 0 });
  t.after(() => pool.close());
  const results = await Promise.allSettled([pool.run(2), pool.run(-5), pool.run(4)]);
  assert.deepEqual(results[0], { status: 'fulfilled', value: 4 });
  assert.equal(results[1]!.status, 'rejected');
  assert.match(String((results[1] as PromiseRejectedResult).reason), /negative: -5/);
  assert.deepEqual(results[2], { status: 'fulfilled', value: 16 });
  assert.equal(await pool.run(7), 49);
});

test('a worker that exits fails the running, queued and later tasks', async (t) => {
  const pool = new WorkerPool<number, number>(SCRIPT, 1, { offset: 0 });
  t.after(() => pool.close());
  const results = await Promise.allSettled([pool.run(Number.NaN), pool.run(1)]);
  for (const result of results) {
    assert.equal(result.status, 'rejected');
    assert.match(String((result as PromiseRejectedResult).reason), /exited with code 3/);
  }
  await assert.rejects(pool.run(2), /exited with code 3/);
});

test('closing rejects the tasks not yet finished', async () => {
  const pool = new WorkerPool<number, number>(SCRIPT, 1, { offset: 0 });
  const settled = Promise.allSettled([pool.run(2), pool.run(3)]);
  await pool.close();
  for (const result of await settled) assert.equal(result.status, 'rejected');
});

test('a worker has room only once it is ready, and then for `depth` tasks at a time', async (t) => {
  const pool = new WorkerPool<number, number>(SCRIPT, 1, { offset: 0 }, 2);
  t.after(() => pool.close());
  assert.equal(pool.hasRoom(), false);
  await new Promise<void>((resolve) => pool.onRoom(resolve));
  assert.equal(pool.hasRoom(), true);
  const first = pool.run(3);
  assert.equal(pool.hasRoom(), true);
  const second = pool.run(4);
  assert.equal(pool.hasRoom(), false);
  let rooms = 0;
  pool.onRoom(() => rooms++);
  assert.deepEqual(await Promise.all([first, second]), [9, 16]);
  assert.ok(rooms >= 1);
  assert.equal(pool.hasRoom(), true);
});
