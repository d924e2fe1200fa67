// A small LSP client for tests: spawns `node dist/server.js --stdio` and talks
// JSON-RPC to it through vscode-languageserver-protocol, as an editor would.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import type { TestContext } from 'node:test';
import {
  CodeActionRequest,
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeConfigurationNotification,
  DidChangeNotebookDocumentNotification,
  DidCloseNotebookDocumentNotification,
  DidOpenNotebookDocumentNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  HoverRequest,
  InlayHintRequest,
  InitializedNotification,
  InitializeRequest,
  NotebookCellKind,
  LogMessageNotification,
  MessageType,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShowMessageNotification,
  ShowMessageRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type DataCallback,
  type Message,
  type MessageReader,
  type ResponseMessage,
  type CodeAction,
  type Command,
  type FileEvent,
  type Hover,
  type InlayHint,
  type InitializeResult,
  type NotebookDocumentChangeEvent,
  type Position,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Range,
  type Registration,
  type ShowMessageParams,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import { SERVER_BUNDLE } from './paths';

/** What VS Code announces for the features memhints uses. */
export const CLIENT_CAPABILITIES: ClientCapabilities = {
  general: { positionEncodings: ['utf-16'] },
  workspace: {
    configuration: true,
    didChangeConfiguration: { dynamicRegistration: true },
    applyEdit: true,
    workspaceEdit: { documentChanges: true },
  },
  notebookDocument: { synchronization: { dynamicRegistration: true, executionSummarySupport: true } },
  textDocument: {
    synchronization: { dynamicRegistration: true, didSave: true, willSave: false, willSaveWaitUntil: false },
    publishDiagnostics: {
      relatedInformation: true,
      versionSupport: true,
      codeDescriptionSupport: true,
      dataSupport: true,
    },
    hover: { dynamicRegistration: true, contentFormat: ['markdown', 'plaintext'] },
    codeAction: {
      dynamicRegistration: true,
      isPreferredSupport: true,
      disabledSupport: true,
      dataSupport: true,
      codeActionLiteralSupport: {
        codeActionKind: {
          valueSet: [
            '',
            'quickfix',
            'refactor',
            'refactor.extract',
            'refactor.inline',
            'refactor.rewrite',
            'source',
            'source.organizeImports',
            'source.fixAll',
          ],
        },
      },
    },
  },
};

/** A guard so that a message the server never sends fails the test instead of hanging it. */
const WAIT_LIMIT_MS = 15_000;

interface DiagnosticsWaiter {
  readonly uri: string;
  readonly version: number | undefined;
  readonly matches?: (params: PublishDiagnosticsParams) => boolean;
  readonly resolve: (params: PublishDiagnosticsParams) => void;
}

/** A message written by sendTogether: a notification, or a request when it has an id. */
export interface TogetherMessage {
  readonly method: string;
  readonly params: unknown;
  /** A request's id: its response is not the protocol connection's, and comes back from sendTogether. */
  readonly id?: string;
}

/** A notebook cell as a test gives it: its URI, text and kind (code unless said). */
export interface NotebookCellText {
  readonly uri: string;
  readonly text: string;
  readonly kind?: 'code' | 'markdown';
}

export interface LspClientOptions {
  /** The `memhints` section answered to workspace/configuration requests. */
  readonly settings?: Record<string, unknown>;
  /** Sent as initializationOptions. */
  readonly initializationOptions?: unknown;
  readonly capabilities?: ClientCapabilities;
  /** false: window/showMessageRequest is left unhandled, as by minimal clients (the request then fails). */
  readonly answersMessageRequests?: boolean;
  /** Folder URIs sent as workspaceFolders. */
  readonly workspaceFolders?: readonly string[];
  /** Variables set in the server's environment, beside this process's. */
  readonly env?: Readonly<Record<string, string>>;
}

/**
 * Small findings are reported too (as hints): these tests' documents hold a
 * few literals, and what they test is how the server publishes, fixes and
 * explains them. A test of the defaults passes `{ reportSmall: false }`.
 * No time budget either: on a busy machine a fresh server's first analysis
 * (a cold JIT, a data file's sample read) can pass the 500 ms default, and its
 * first publication is then partial; the budget has tests of its own.
 */
const TESTED_SETTINGS: Readonly<Record<string, unknown>> = { reportSmall: true, analysisBudget: 0 };

export class LspTestClient {
  /** The `memhints` section answered to workspace/configuration; tests may replace it. */
  settings: Record<string, unknown>;
  /** Sections the server asked for, in order. */
  readonly configurationRequests: (string | undefined)[] = [];
  readonly registrations: Registration[] = [];
  /** window/showMessage notifications and requests, in order. */
  readonly messages: ShowMessageParams[] = [];
  /** window/logMessage errors (the server's console.error), in order. */
  readonly loggedErrors: string[] = [];
  /** Every publishDiagnostics received, in order. */
  readonly publications: PublishDiagnosticsParams[] = [];
  private readonly waiters: DiagnosticsWaiter[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly exited: Promise<number | null>;
  private stderr = '';
  /** Responses to the requests sendTogether wrote, by id, as they come. */
  private readonly togetherResponses = new Map<string, (response: ResponseMessage) => void>();

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    private readonly connection: ProtocolConnection,
    private readonly options: LspClientOptions,
  ) {
    this.settings = { ...TESTED_SETTINGS, ...(options.settings ?? {}) };
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (this.stderr += chunk));
    connection.onRequest(ConfigurationRequest.type, (params) => {
      return params.items.map((item) => {
        this.configurationRequests.push(item.section);
        return item.section === 'memhints' ? this.settings : null;
      });
    });
    connection.onRequest(RegistrationRequest.type, (params) => {
      this.registrations.push(...params.registrations);
    });
    connection.onNotification(ShowMessageNotification.type, (params) => {
      this.messages.push(params);
    });
    connection.onNotification(LogMessageNotification.type, (params) => {
      if (params.type === MessageType.Error) this.loggedErrors.push(params.message);
    });
    // The user dismisses every message: no action chosen.
    if (options.answersMessageRequests !== false) {
      connection.onRequest(ShowMessageRequest.type, (params) => {
        this.messages.push(params);
        return null;
      });
    }
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => this.published(params));
    connection.listen();
  }

  /** Spawns the bundled server; it is killed when the test ends, however it ends. */
  static start(t: TestContext, options: LspClientOptions = {}): LspTestClient {
    const child = spawn(process.execPath, [SERVER_BUNDLE, '--stdio'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, ...options.env },
    });
    let client: LspTestClient | undefined;
    // The responses to sendTogether's requests are taken out before the connection, which knows not their ids.
    const reader = withheld(new StreamMessageReader(child.stdout), (message) => client?.takeResponse(message) ?? false);
    const writer = new QuietAfterDisposeWriter(child.stdin);
    const connection = createProtocolConnection(reader, writer);
    client = new LspTestClient(child, connection, options);
    t.after(() => {
      writer.disposed = true;
      client.dispose();
    });
    return client;
  }

  /** initialize + initialized, as an editor opens a workspace. */
  async initialize(): Promise<InitializeResult> {
    const result = await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      clientInfo: { name: 'memhints-tests', version: '1.0.0' },
      rootUri: null,
      workspaceFolders:
        this.options.workspaceFolders?.map((uri) => ({ uri, name: uri.split('/').pop() ?? uri })) ?? null,
      capabilities: this.options.capabilities ?? CLIENT_CAPABILITIES,
      initializationOptions: this.options.initializationOptions,
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
    return result;
  }

  /** Opens a document; resolves with the diagnostics published for this version. */
  didOpen(uri: string, text: string, version = 1): Promise<PublishDiagnosticsParams> {
    const published = this.waitForDiagnostics(uri, version);
    void this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'python', version, text },
    });
    return published;
  }

  /** Sends changes (each relative to the text after the previous one); resolves with the diagnostics for `version`. */
  didChange(
    uri: string,
    version: number,
    contentChanges: TextDocumentContentChangeEvent[],
  ): Promise<PublishDiagnosticsParams> {
    const published = this.waitForDiagnostics(uri, version);
    void this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges,
    });
    return published;
  }

  /**
   * Opens a Jupyter notebook whose cells are Python code (kind 'code') or
   * Markdown; resolves with the diagnostics published for each code cell.
   */
  didOpenNotebook(uri: string, cells: readonly NotebookCellText[], version = 1): Promise<PublishDiagnosticsParams[]> {
    const code = cells.filter((cell) => cell.kind !== 'markdown');
    const published = Promise.all(code.map((cell) => this.waitForDiagnostics(cell.uri, 1)));
    void this.connection.sendNotification(DidOpenNotebookDocumentNotification.type, {
      notebookDocument: {
        uri,
        notebookType: 'jupyter-notebook',
        version,
        cells: cells.map((cell) => ({
          kind: cell.kind === 'markdown' ? NotebookCellKind.Markup : NotebookCellKind.Code,
          document: cell.uri,
        })),
      },
      cellTextDocuments: cells.map((cell) => ({
        uri: cell.uri,
        languageId: cell.kind === 'markdown' ? 'markdown' : 'python',
        version: 1,
        text: cell.text,
      })),
    });
    return published;
  }

  /** Sends a notebook change; wait for the diagnostics it causes with waitForDiagnostics first. */
  didChangeNotebook(uri: string, version: number, change: NotebookDocumentChangeEvent): void {
    void this.connection.sendNotification(DidChangeNotebookDocumentNotification.type, {
      notebookDocument: { uri, version },
      change,
    });
  }

  /** Closes a notebook with the given cells; resolves with the diagnostics published for each after closing. */
  didCloseNotebook(uri: string, cellUris: readonly string[]): Promise<PublishDiagnosticsParams[]> {
    const published = Promise.all(cellUris.map((cellUri) => this.waitForDiagnostics(cellUri)));
    void this.connection.sendNotification(DidCloseNotebookDocumentNotification.type, {
      notebookDocument: { uri },
      cellTextDocuments: cellUris.map((cellUri) => ({ uri: cellUri })),
    });
    return published;
  }

  /** Closes a document; resolves with the diagnostics published after closing. */
  didClose(uri: string): Promise<PublishDiagnosticsParams> {
    const published = this.waitForDiagnostics(uri);
    void this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    return published;
  }

  /** Replaces the `memhints` settings and tells the server, as VS Code does when settings.json changes. */
  changeSettings(settings: Record<string, unknown>): void {
    this.settings = { ...TESTED_SETTINGS, ...settings };
    void this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  }

  /** Sends settings inside didChangeConfiguration, as clients without workspace/configuration do. */
  pushSettings(settings: Record<string, unknown>): void {
    void this.connection.sendNotification(DidChangeConfigurationNotification.type, {
      settings: { memhints: settings },
    });
  }

  /** Reports created, changed or deleted files, as an editor does for the files the server watches. */
  didChangeWatchedFiles(changes: FileEvent[]): void {
    void this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  /**
   * The next publishDiagnostics for `uri` (and `version`, when given) received
   * after this call. Call it before the message that triggers the publication.
   */
  waitForDiagnostics(uri: string, version?: number): Promise<PublishDiagnosticsParams> {
    return this.bounded(
      new Promise<PublishDiagnosticsParams>((resolve) => this.waiters.push({ uri, version, resolve })),
      `diagnostics for ${uri}${version === undefined ? '' : ` version ${version}`}`,
    );
  }

  /** The next publishDiagnostics for `uri` that `matches`, received after this call (or among the publications so far, with `received`). */
  waitForDiagnosticsWhere(
    uri: string,
    matches: (params: PublishDiagnosticsParams) => boolean,
    what: string,
    received = false,
  ): Promise<PublishDiagnosticsParams> {
    const already = received ? this.publications.find((params) => params.uri === uri && matches(params)) : undefined;
    if (already) return Promise.resolve(already);
    return this.bounded(
      new Promise<PublishDiagnosticsParams>((resolve) =>
        this.waiters.push({ uri, version: undefined, matches, resolve }),
      ),
      `diagnostics for ${uri}: ${what}`,
    );
  }

  /**
   * Writes the messages in one write to the server's input, so that it reads
   * them at once and queues them all before it handles the first: as an editor's
   * messages pile up while the server is busy. Resolves with the responses to
   * the requests among them, by id.
   */
  async sendTogether(messages: readonly TogetherMessage[]): Promise<Map<string, ResponseMessage>> {
    const responses = messages.flatMap((message) =>
      message.id === undefined
        ? []
        : [
            new Promise<[string, ResponseMessage]>((resolve) =>
              this.togetherResponses.set(message.id!, (response) => resolve([message.id!, response])),
            ),
          ],
    );
    const frames = messages.map((message) => {
      const body = Buffer.from(
        JSON.stringify({ jsonrpc: '2.0', ...(message.id === undefined ? {} : { id: message.id }), ...message }),
        'utf8',
      );
      return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
    });
    this.child.stdin.write(Buffer.concat(frames));
    return new Map(await this.bounded(Promise.all(responses), 'responses to the messages written together'));
  }

  async codeActions(uri: string, range: Range, only?: string[]): Promise<(CodeAction | Command)[]> {
    const diagnostics: never[] = [];
    const context = only ? { diagnostics, only } : { diagnostics };
    const actions = await this.bounded(
      this.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context }),
      'code actions',
    );
    return actions ?? [];
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.bounded(this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position }), 'hover');
  }

  inlayHints(uri: string, range: Range): Promise<InlayHint[] | null> {
    return this.bounded(
      this.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri }, range }),
      'inlay hints',
    );
  }

  /** A request by method name (such as memhints/stats), bounded like the others. */
  request<R>(method: string, params?: unknown): Promise<R> {
    return this.bounded(this.connection.sendRequest<R>(method, params), method);
  }

  /** Whether the server process is still running. */
  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** shutdown, then exit; resolves with the server's exit code. */
  async shutdown(): Promise<number | null> {
    await this.bounded(this.connection.sendRequest(ShutdownRequest.type), 'shutdown');
    void this.connection.sendNotification(ExitNotification.type);
    return this.bounded(this.exited, 'server exit');
  }

  /** Closes the server's input, as a client that goes away without shutdown; resolves with the server's exit code. */
  closeInput(): Promise<number | null> {
    this.child.stdin.end();
    return this.bounded(this.exited, 'server exit');
  }

  /** What the server wrote to stderr: shown when something goes wrong. */
  get serverLog(): string {
    return this.stderr;
  }

  /** Kills the server; waits still pending are dropped so that they do not hold the test process open. */
  dispose(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.waiters.length = 0;
    this.connection.dispose();
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill();
  }

  /** Whether the message is the response to one of sendTogether's requests, which it then resolves. */
  private takeResponse(message: Message): boolean {
    const id = (message as Partial<ResponseMessage>).id;
    const take = typeof id === 'string' && !('method' in message) ? this.togetherResponses.get(id) : undefined;
    if (!take) return false;
    this.togetherResponses.delete(id as string);
    take(message as ResponseMessage);
    return true;
  }

  private published(params: PublishDiagnosticsParams): void {
    this.publications.push(params);
    for (let i = 0; i < this.waiters.length; i++) {
      const waiter = this.waiters[i]!;
      if (waiter.uri !== params.uri || (waiter.version !== undefined && waiter.version !== params.version)) continue;
      if (waiter.matches && !waiter.matches(params)) continue;
      this.waiters.splice(i--, 1);
      waiter.resolve(params);
    }
  }

  private bounded<T>(promise: Promise<T>, what: string): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no ${what} from the server within ${WAIT_LIMIT_MS} ms; server log:\n${this.stderr}`)),
        WAIT_LIMIT_MS,
      );
      this.timers.add(timer);
    });
    return Promise.race([promise, limit]).finally(() => {
      clearTimeout(timer);
      this.timers.delete(timer!);
    });
  }
}

/** `reader` without the messages `withhold` takes. */
function withheld(reader: MessageReader, withhold: (message: Message) => boolean): MessageReader {
  return {
    onError: reader.onError,
    onClose: reader.onClose,
    onPartialMessage: reader.onPartialMessage,
    listen: (callback: DataCallback) =>
      reader.listen((message) => {
        if (!withhold(message)) callback(message);
      }),
    dispose: () => reader.dispose(),
  };
}

/** A code action literal (not a bare command) with the given title, or a failure listing what was offered. */
export function actionTitled(actions: readonly (CodeAction | Command)[], title: string): CodeAction {
  const found = actions.find(
    (action): action is CodeAction =>
      action.title === title && !('command' in action && typeof action.command === 'string'),
  );
  if (!found)
    throw new Error(
      `no code action titled "${title}"; offered: ${JSON.stringify(actions.map((action) => action.title))}`,
    );
  return found;
}

/**
 * Writes to the server, and once the test has ended and the server is killed,
 * drops what is still written (an answer to a request the server sent just
 * before, a notification in flight): a write to the dead pipe would fail with
 * EPIPE after the test, and fail the file.
 */
class QuietAfterDisposeWriter extends StreamMessageWriter {
  disposed = false;

  override async write(message: Message): Promise<void> {
    if (this.disposed) return;
    try {
      await super.write(message);
    } catch (error) {
      if (!this.disposed) throw error;
    }
  }
}
