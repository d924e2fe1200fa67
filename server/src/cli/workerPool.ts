// A pool of worker threads for work that is CPU-bound per item (parsing and
// analysing files). Both sides of the protocol live here: `WorkerPool` in the
// main thread, `serveTasks` in the worker script. A worker says when it is
// ready (its set-up done, the parser made); until then it is given nothing,
// so that a thread still starting holds up no task another could take.
import { parentPort, Worker } from 'node:worker_threads';

interface TaskMessage<Task> {
  readonly id: number;
  readonly task: Task;
}

type FromWorker<Result> =
  | { readonly ready: true }
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
  ready: boolean;
  /** Sent to the worker and not answered yet, oldest first. */
  readonly given: Pending<Task, Result>[];
}

export class WorkerPool<Task, Result> {
  private readonly slots: Slot<Task, Result>[] = [];
  private readonly queue: Pending<Task, Result>[] = [];
  private readonly roomListeners: (() => void)[] = [];
  private nextId = 0;
  /** Set when a worker died: every later task fails with it. */
  private failure: Error | undefined;

  /**
   * Starts `size` workers running `script` (a compiled .js file), each given
   * `workerData`. Each ready worker is sent up to `depth` tasks at a time: more
   * than one keeps it busy while the thread that feeds it is busy too.
   */
  constructor(
    script: string,
    size: number,
    workerData?: unknown,
    private readonly depth = 1,
  ) {
    for (let i = 0; i < Math.max(1, size); i++) {
      const slot: Slot<Task, Result> = { worker: new Worker(script, { workerData }), ready: false, given: [] };
      slot.worker.on('message', (message: FromWorker<Result>) => this.heard(slot, message));
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

  /** Whether a task run now would go to a ready worker at once, rather than wait in the queue. */
  hasRoom(): boolean {
    return (
      this.failure === undefined &&
      this.queue.length === 0 &&
      this.slots.some((slot) => slot.ready && slot.given.length < this.depth)
    );
  }

  /** Calls `listener` whenever a worker gets room: it became ready or answered a task. */
  onRoom(listener: () => void): void {
    this.roomListeners.push(listener);
  }

  /** Runs a task on the next ready worker with room; rejects if the task throws or a worker dies. */
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
      while (slot.ready && slot.given.length < this.depth) {
        const next = this.queue.shift();
        if (!next) return;
        slot.given.push(next);
        slot.worker.postMessage({ id: next.id, task: next.task } satisfies TaskMessage<Task>);
      }
    }
  }

  private heard(slot: Slot<Task, Result>, message: FromWorker<Result>): void {
    if ('ready' in message) {
      slot.ready = true;
    } else {
      const at = slot.given.findIndex((pending) => pending.id === message.id);
      if (at >= 0) {
        const [done] = slot.given.splice(at, 1);
        if ('error' in message) done!.reject(new Error(message.error));
        else done!.resolve(message.result);
      }
    }
    this.dispatch();
    if (this.hasRoom()) for (const listener of this.roomListeners) listener();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const slot of this.slots) for (const pending of slot.given.splice(0)) pending.reject(this.failure);
    for (const pending of this.queue.splice(0)) pending.reject(this.failure);
  }
}

/**
 * In a worker script: runs `setUp`, says it is ready, then answers each task
 * with `handle(task)`, one at a time, in the order they came.
 */
export function serveTasks<Task, Result>(
  handle: (task: Task) => Result | Promise<Result>,
  setUp: () => unknown = () => undefined,
): void {
  const port = parentPort;
  if (!port) throw new Error('serveTasks must run in a worker thread');
  let last: Promise<unknown> = Promise.resolve(setUp()).then(() => port.postMessage({ ready: true }));
  port.on('message', ({ id, task }: TaskMessage<Task>) => {
    // Chained, so that no two handlers overlap when the pool sends more than one task at a time.
    last = last.then(async () => {
      let reply: FromWorker<Result>;
      try {
        reply = { id, result: await handle(task) };
      } catch (error) {
        reply = { id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
      }
      port.postMessage(reply);
    });
  });
}
