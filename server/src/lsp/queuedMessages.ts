// What the client has sent about each document that the server has not yet
// handled. The connection reads messages as they arrive and queues them,
// handling one per turn of the event loop; while it handles a change, the
// changes typed after it may already wait in its queue. Counted here as they
// arrive (the reader) and uncounted as they are handed to their handler (the
// message strategy), the queue is known exactly: a change followed by another
// one to the same document needs its text and trees brought up to date, but
// no analysis and no diagnostics of its own.
import type {
  DataCallback,
  Disposable,
  Message,
  MessageReader,
  MessageStrategy,
  NotificationMessage,
} from 'vscode-languageserver/node';

/** The notifications that change a document or notebook, by method: how each names the document. */
const DOCUMENT_NOTIFICATIONS: ReadonlyMap<string, (params: unknown) => unknown> = new Map([
  ['textDocument/didOpen', textDocumentUri],
  ['textDocument/didChange', textDocumentUri],
  ['textDocument/didClose', textDocumentUri],
  ['notebookDocument/didOpen', notebookDocumentUri],
  ['notebookDocument/didChange', notebookDocumentUri],
  ['notebookDocument/didClose', notebookDocumentUri],
]);

export class QueuedMessages {
  private readonly counts = new Map<string, number>();

  /** How many notifications about the document (or notebook) `uri` wait in the queue behind the one being handled. */
  queuedFor(uri: string): number {
    return this.counts.get(uri) ?? 0;
  }

  /** `reader` counting each document notification as it is read, before the connection queues it. */
  reader(inner: MessageReader): MessageReader {
    return {
      onError: inner.onError,
      onClose: inner.onClose,
      onPartialMessage: inner.onPartialMessage,
      listen: (callback: DataCallback): Disposable =>
        inner.listen((message) => {
          this.count(message, 1);
          callback(message);
        }),
      dispose: () => inner.dispose(),
    };
  }

  /** For the connection's options: uncounts each document notification as its handler is called. */
  readonly strategy: MessageStrategy = {
    handleMessage: (message, next) => {
      this.count(message, -1);
      return next(message);
    },
  };

  /** The same test on the same message object at both ends, so that every count is taken back. */
  private count(message: Message, by: 1 | -1): void {
    const uri = documentOf(message);
    if (uri === undefined) return;
    const count = (this.counts.get(uri) ?? 0) + by;
    if (count > 0) this.counts.set(uri, count);
    else this.counts.delete(uri);
  }
}

function documentOf(message: Message): string | undefined {
  const method = (message as Partial<NotificationMessage>).method;
  if (typeof method !== 'string' || 'id' in message) return undefined;
  const uri = DOCUMENT_NOTIFICATIONS.get(method)?.((message as NotificationMessage).params);
  return typeof uri === 'string' ? uri : undefined;
}

function textDocumentUri(params: unknown): unknown {
  return (params as { textDocument?: { uri?: unknown } } | undefined)?.textDocument?.uri;
}

function notebookDocumentUri(params: unknown): unknown {
  return (params as { notebookDocument?: { uri?: unknown } } | undefined)?.notebookDocument?.uri;
}
