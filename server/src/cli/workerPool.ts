// A pool of worker threads that each run one task at a time, for work that is
// CPU-bound per item (parsing and analysing files). Both sides of the protocol
// live here: `WorkerPool` in the main thread, `serveTasks` in the worker script.
import { parentPort, Worker } from 'node:worker_threads';

interface TaskMessage<Task> {
  readonly id: number;
  readonly task: Task;
}

type ResultMessage<Result> =
  | { readonly id: number; readonly result: Result }
  | { readonly id: number; readonly error: string };

interface Pending<Task, Result> {
  readonly id: number;
  readonly task: Task;
  readonly resolve: (result: Result) => void;
  readonly reject: (error: Error) => void;
}

interface Slot<Task, Result> {
  readonly worker: Worker;
  running: Pending<Task, Result> | undefined;
}

export class WorkerPool<Task, Result> {
  private readonly slots: Slot<Task, Result>[] = [];
  private readonly queue: Pending<Task, Result>[] = [];
  private nextId = 0;
  /** Set when a worker died: every later task fails with it. */
  private failure: Error | undefined;

  /** Starts `size` workers running `script` (a compiled .js file), each given `workerData`. */
  constructor(script: string, size: number, workerData?: unknown) {
    for (let i = 0; i < Math.max(1, size); i++) {
      const slot: Slot<Task, Result> = { worker: new Worker(script, { workerData }), running: undefined };
      slot.worker.on('message', (message: ResultMessage<Result>) => this.finished(slot, message));
      slot.worker.on('error', (error) => this.fail(error));
      slot.worker.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`a worker thread exited with code ${code}`));
      });
      this.slots.push(slot);
    }
  }

  get size(): number {
    return this.slots.length;
  }

  /** Runs a task on the next free worker; rejects if the task throws or a worker dies. */
  run(task: Task): Promise<Result> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<Result>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, task, resolve, reject });
      this.dispatch();
    });
  }

  /** Stops every worker; tasks not yet finished are rejected. */
  async close(): Promise<void> {
    this.fail(new Error('the worker pool was closed'));
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.running) continue;
      const next = this.queue.shift();
      if (!next) return;
      slot.running = next;
      slot.worker.postMessage({ id: next.id, task: next.task } satisfies TaskMessage<Task>);
    }
  }

  private finished(slot: Slot<Task, Result>, message: ResultMessage<Result>): void {
    const done = slot.running;
    slot.running = undefined;
    if (done && done.id === message.id) {
      if ('error' in message) done.reject(new Error(message.error));
      else done.resolve(message.result);
    }
    this.dispatch();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const slot of this.slots) {
      slot.running?.reject(this.failure);
      slot.running = undefined;
    }
    for (const pending of this.queue.splice(0)) pending.reject(this.failure);
  }
}

/** In a worker script: answers each task with `handle(task)`, one at a time, in order. */
export function serveTasks<Task, Result>(handle: (task: Task) => Result | Promise<Result>): void {
  const port = parentPort;
  if (!port) throw new Error('serveTasks must run in a worker thread');
  // Messages are queued by the pool one at a time per worker, so no two handlers overlap.
  port.on('message', async ({ id, task }: TaskMessage<Task>) => {
    let reply: ResultMessage<Result>;
    try {
      reply = { id, result: await handle(task) };
    } catch (error) {
      reply = { id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    }
    port.postMessage(reply);
  });
}
