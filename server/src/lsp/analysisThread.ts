// The main thread's side of the analysis thread (analysisWorker.ts): started
// when a first document is handed over, and started again, with the documents
// it had, if it dies. Should it die again and again, it is left stopped: the
// documents then stay as last published.
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FromThread, ThreadStart, ToThread } from './threadProtocol';

/** Deaths after which the thread is not started again. */
const MAX_RESTARTS = 3;

export interface ThreadListener {
  /** A message from the thread. */
  message(message: FromThread): void;
  /** The thread died and was started again without these documents: they are to be opened in it again. */
  lost(uris: readonly string[]): void;
  /** What went wrong, for the server's log. */
  error(text: string): void;
}

export class AnalysisThread {
  private worker: Worker | undefined;
  /** The documents the thread has. */
  private readonly held = new Set<string>();
  private restarts = 0;
  private stopped = false;

  constructor(
    private readonly start: ThreadStart,
    private readonly listener: ThreadListener,
    /** The worker script: dist/analysisWorker.js beside the server's bundle, or its compiled module beside this one. */
    private readonly script = join(__dirname, 'analysisWorker.js'),
  ) {}

  /** Whether the thread has the document. */
  has(uri: string): boolean {
    return this.held.has(uri);
  }

  get documents(): number {
    return this.held.size;
  }

  send(message: ToThread): void {
    if (message.kind === 'open') this.held.add(message.uri);
    else if (!this.held.has(message.uri)) return;
    if (message.kind === 'close') this.held.delete(message.uri);
    this.running()?.postMessage(message);
  }

  /** Stops the thread for good (the server shuts down). */
  async dispose(): Promise<void> {
    this.stopped = true;
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private running(): Worker | undefined {
    if (this.worker || this.stopped) return this.worker;
    const worker = new Worker(this.script, { workerData: this.start });
    // The server ends when its client goes (stdin closed) whatever the thread is doing.
    worker.unref();
    worker.on('message', (message: FromThread) => this.listener.message(message));
    worker.on('error', (error) => this.listener.error(`the analysis thread failed: ${error.stack ?? error.message}`));
    worker.on('exit', (code) => this.died(worker, code));
    this.worker = worker;
    return worker;
  }

  private died(worker: Worker, code: number): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    if (this.stopped) return;
    this.listener.error(`the analysis thread stopped (exit code ${code})`);
    if (++this.restarts > MAX_RESTARTS) {
      this.stopped = true;
      this.listener.error(`the analysis thread died ${MAX_RESTARTS + 1} times: it is not started again`);
      return;
    }
    const lost = [...this.held];
    this.held.clear();
    this.listener.lost(lost);
  }
}
