// A worker script for the worker pool tests: squares numbers slowly enough
// that tasks overlap, fails on negative ones, and dies on NaN.
import { workerData } from 'node:worker_threads';
import { serveTasks } from '../../server/src/cli/workerPool';

const { offset } = workerData as { offset: number };

serveTasks<number, number>(async (value) => {
  if (Number.isNaN(value)) process.exit(3);
  if (value < 0) throw new Error(`negative: ${value}`);
  await new Promise((resolve) => setTimeout(resolve, value % 3));
  return value * value + offset;
});
