// A small LSP client for the bench: spawns `node dist/server.js --stdio`, as an
// editor does, and times what the editor would wait for.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type Hover,
  type Position,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import type { ServerStats } from '../server/src/features/stats';
import { STATS_REQUEST } from '../server/src/features/stats';

const WAIT_LIMIT_MS = 30_000;

export class BenchClient {
  private readonly waiting = new Map<
    string,
    { version: number | undefined; resolve: (params: PublishDiagnosticsParams) => void }
  >();
  private readonly listeners: ((params: PublishDiagnosticsParams) => void)[] = [];
  /** By URI, who waits for a version's complete diagnostics (not marked partial). */
  private readonly completions = new Map<string, { version: number; resolve: () => void }>();
  private stderr = '';

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    private readonly connection: ProtocolConnection,
  ) {
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (this.stderr += chunk));
    // What the server logs (its console) goes with its stderr, shown when a wait fails.
    connection.onNotification(LogMessageNotification.type, ({ message }) => {
      this.stderr += `${message}\n`;
    });
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      for (const listener of this.listeners) listener(params);
      const completion = this.completions.get(params.uri);
      if (completion && completion.version === params.version && !isPartial(params)) {
        this.completions.delete(params.uri);
        completion.resolve();
      }
      const waiter = this.waiting.get(params.uri);
      if (waiter && (waiter.version === undefined || waiter.version === params.version)) {
        this.waiting.delete(params.uri);
        waiter.resolve(params);
      }
    });
    connection.listen();
  }

  /**
   * A server for `folder` as its one workspace folder when given (data files are
   * found there), else for none; `nodeArgs` go to its node (--cpu-prof, which
   * NODE_OPTIONS cannot carry).
   */
  static async start(repoRoot: string, folder?: string, nodeArgs: readonly string[] = []): Promise<BenchClient> {
    const child = spawn(
      process.execPath,
      ['--expose-gc', ...nodeArgs, join(repoRoot, 'dist', 'server.js'), '--stdio'],
      { stdio: ['pipe', 'pipe', 'pipe'] },
    );
    const client = new BenchClient(
      child,
      createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin)),
    );
    const folderUri = folder === undefined ? null : pathToFileURL(folder).href;
    // No workspace/configuration support: the server lints at once with its defaults (all rules).
    await client.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: folderUri,
      workspaceFolders: folderUri === null ? null : [{ uri: folderUri, name: 'bench' }],
      capabilities: {},
    });
    await client.connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  get pid(): number {
    return this.child.pid!;
  }

  didOpen(uri: string, text: string, version = 1): Promise<PublishDiagnosticsParams> {
    const published = this.diagnostics(uri, version);
    void this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'python', version, text },
    });
    return published;
  }

  didChange(
    uri: string,
    version: number,
    contentChanges: TextDocumentContentChangeEvent[],
  ): Promise<PublishDiagnosticsParams> {
    const published = this.diagnostics(uri, version);
    void this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges,
    });
    return published;
  }

  didClose(uri: string): void {
    void this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** Sends a change without waiting for its diagnostics: a keystroke in a burst, whose version may never get any of its own. */
  sendChange(uri: string, version: number, contentChanges: TextDocumentContentChangeEvent[]): void {
    void this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges,
    });
  }

  /** Sends didOpen without waiting for its diagnostics. */
  sendOpen(uri: string, text: string, version = 1): void {
    void this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'python', version, text },
    });
  }

  /** The next diagnostics published for `uri` at `version` (any version when undefined); call before they can arrive. */
  diagnosticsFor(uri: string, version: number | undefined, limitMs = WAIT_LIMIT_MS): Promise<PublishDiagnosticsParams> {
    return this.diagnostics(uri, version, limitMs);
  }

  /**
   * When the diagnostics of `uri` at `version` are complete: the first of its
   * publications not marked partial. Call before they can arrive.
   */
  completeDiagnostics(uri: string, version: number, limitMs = WAIT_LIMIT_MS): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no complete diagnostics for ${uri} v${version} within ${limitMs} ms`)),
        limitMs,
      );
      this.completions.set(uri, {
        version,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }

  /** Hears of every publishDiagnostics, as it arrives. */
  onDiagnostics(listener: (params: PublishDiagnosticsParams) => void): void {
    this.listeners.push(listener);
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
  }

  stats(): Promise<ServerStats> {
    return this.connection.sendRequest<ServerStats>(STATS_REQUEST);
  }

  /** The server process's resident set size (VmRSS), in bytes. */
  rssBytes(): number {
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const kilobytes = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    if (!kilobytes) throw new Error(`no VmRSS in /proc/${this.pid}/status`);
    return Number(kilobytes[1]) * 1024;
  }

  /**
   * The server's main thread, from /proc/<pid>/schedstat: the time it has run
   * on a CPU, and the time it has waited for one while ready to run (on a busy
   * machine), in ms.
   */
  mainThreadTimes(): { onCpuMs: number; waitingMs: number } {
    const [onCpu, waiting] = readFileSync(`/proc/${this.pid}/schedstat`, 'utf8').split(' ').map(Number);
    return { onCpuMs: onCpu! / 1e6, waitingMs: waiting! / 1e6 };
  }

  async stop(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    await exited;
    this.connection.dispose();
  }

  private diagnostics(
    uri: string,
    version: number | undefined,
    limitMs = WAIT_LIMIT_MS,
  ): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(new Error(`no diagnostics for ${uri} v${version} within ${limitMs} ms; server log:\n${this.stderr}`)),
        limitMs,
      );
      this.waiting.set(uri, {
        version,
        resolve: (params) => {
          clearTimeout(timer);
          resolve(params);
        },
      });
    });
  }
}

/** Whether the server said it has not finished with this version (a partial analysis it goes on with). */
export function isPartial(params: PublishDiagnosticsParams): boolean {
  return params.diagnostics.some(
    (diagnostic) =>
      diagnostic.code === undefined && typeof diagnostic.message === 'string' && /partially/i.test(diagnostic.message),
  );
}
