// The queue of document notifications is counted as messages arrive and
// uncounted as they are handed to their handlers: for each document, what
// waits behind the message being handled.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Emitter, type DataCallback, type Message, type MessageReader } from 'vscode-languageserver/node';
import { QueuedMessages } from '../../server/src/lsp/queuedMessages';

/** A reader whose messages the test hands in. */
function fakeReader(): { readonly reader: MessageReader; readonly arrive: (message: Message) => void } {
  let listener: DataCallback | undefined;
  const reader: MessageReader = {
    onError: new Emitter<Error>().event,
    onClose: new Emitter<void>().event,
    onPartialMessage: new Emitter<{ messageToken: number; waitingTime: number }>().event,
    listen: (callback) => {
      listener = callback;
      return { dispose: () => (listener = undefined) };
    },
    dispose: () => undefined,
  };
  return { reader, arrive: (message) => listener?.(message) };
}

const notification = (method: string, params: unknown): Message =>
  ({ jsonrpc: '2.0', method, params }) as unknown as Message;
const change = (uri: string) => notification('textDocument/didChange', { textDocument: { uri, version: 2 } });

test('document notifications are counted per document from arrival until their handler is called', () => {
  const queued = new QueuedMessages();
  const { reader, arrive } = fakeReader();
  const connectionQueue: Message[] = [];
  queued.reader(reader).listen((message) => connectionQueue.push(message));
  const handled: string[] = [];
  const dispatch = () => {
    const message = connectionQueue.shift()!;
    queued.strategy.handleMessage(message, (next) => {
      handled.push(`${(next as unknown as { method: string }).method} with ${queued.queuedFor('file:///a.py')} behind`);
    });
  };

  arrive(notification('textDocument/didOpen', { textDocument: { uri: 'file:///a.py', text: '' } }));
  arrive(change('file:///a.py'));
  arrive(change('file:///b.py'));
  arrive({
    jsonrpc: '2.0',
    id: 1,
    method: 'textDocument/hover',
    params: { textDocument: { uri: 'file:///a.py' } },
  } as Message);
  arrive(change('file:///a.py'));
  arrive(notification('textDocument/didClose', { textDocument: { uri: 'file:///a.py' } }));
  assert.equal(queued.queuedFor('file:///a.py'), 4, 'open, two changes and the close; not the hover');
  assert.equal(queued.queuedFor('file:///b.py'), 1);
  assert.equal(connectionQueue.length, 6, 'every message reaches the connection');

  while (connectionQueue.length > 0) dispatch();
  assert.deepEqual(handled, [
    'textDocument/didOpen with 3 behind',
    'textDocument/didChange with 2 behind',
    'textDocument/didChange with 2 behind',
    'textDocument/hover with 2 behind',
    'textDocument/didChange with 1 behind',
    'textDocument/didClose with 0 behind',
  ]);
  assert.equal(queued.queuedFor('file:///b.py'), 0);
});

test('notebook notifications count against the notebook; malformed ones count nowhere', () => {
  const queued = new QueuedMessages();
  const { reader, arrive } = fakeReader();
  const connectionQueue: Message[] = [];
  queued.reader(reader).listen((message) => connectionQueue.push(message));
  arrive(notification('notebookDocument/didChange', { notebookDocument: { uri: 'file:///n.ipynb', version: 2 } }));
  arrive(notification('textDocument/didChange', null));
  arrive(notification('textDocument/didChange', { textDocument: { uri: 42 } }));
  assert.equal(queued.queuedFor('file:///n.ipynb'), 1);
  for (const message of connectionQueue) queued.strategy.handleMessage(message, () => undefined);
  assert.equal(queued.queuedFor('file:///n.ipynb'), 0);
});
