// The server's connection to its client, over the transport its command line
// names, as vscode-languageserver's createConnection would pick it: --stdio
// (Neovim, Helix and other editors), --node-ipc (VS Code), --socket=PORT or
// --pipe=NAME. The reader is built here rather than by the library so that
// QueuedMessages sees each message as it arrives.
//
// Over stdio, a message whose header or body cannot be read leaves the stream
// out of step for good: every later message would be misread. So the server
// says what it got on stderr and exits with an error, and the client, which
// sees the process end, can start it again. Over IPC and sockets messages are
// framed by the transport.
import {
  createConnection,
  createServerPipeTransport,
  createServerSocketTransport,
  IPCMessageReader,
  IPCMessageWriter,
  ProposedFeatures,
  StreamMessageReader,
  StreamMessageWriter,
  type Connection,
  type MessageReader,
  type MessageWriter,
} from 'vscode-languageserver/node';
import { QueuedMessages } from './lsp/queuedMessages';

/** Exit status after a message that could not be read. */
export const EXIT_BAD_MESSAGE = 2;

export interface ServerConnection {
  readonly connection: Connection;
  /** The document notifications read and not yet handled. */
  readonly queued: QueuedMessages;
}

export function createServerConnection(argv: readonly string[] = process.argv): ServerConnection {
  const [reader, writer] = transport(argv);
  const queued = new QueuedMessages();
  const connection = createConnection(ProposedFeatures.all, queued.reader(reader), writer, {
    messageStrategy: queued.strategy,
  });
  return { connection, queued };
}

function transport(argv: readonly string[]): [MessageReader, MessageWriter] {
  const args = argv.slice(2);
  if (args.includes('--stdio')) return stdioTransport();
  if (args.includes('--node-ipc')) return [new IPCMessageReader(process), new IPCMessageWriter(process)];
  const port = optionValue(args, '--socket');
  if (port !== undefined) return createServerSocketTransport(Number.parseInt(port, 10));
  const pipe = optionValue(args, '--pipe');
  if (pipe !== undefined) return createServerPipeTransport(pipe);
  throw new Error('memhints: start the server with --stdio, --node-ipc, --socket=PORT or --pipe=NAME');
}

/** The value of `--name=value` or `--name value`, as createConnection reads it. */
function optionValue(args: readonly string[], name: string): string | undefined {
  for (const [index, arg] of args.entries()) {
    if (arg === name) return args[index + 1];
    if (arg.startsWith(`${name}=`)) return arg.slice(name.length + 1);
  }
  return undefined;
}

function stdioTransport(): [MessageReader, MessageWriter] {
  const reader = new StreamMessageReader(process.stdin);
  reader.onError((error) => {
    process.stderr.write(
      `memhints: cannot read a message from the client (${error.message.split('\n')[0]}); exiting so that the client can restart the server\n`,
    );
    process.exit(EXIT_BAD_MESSAGE);
  });
  reader.onPartialMessage(({ waitingTime }) => {
    process.stderr.write(
      `memhints: a message from the client is still incomplete after ${Math.round(waitingTime / 1000)} s (is its Content-Length right?)\n`,
    );
  });
  return [reader, new StreamMessageWriter(process.stdout)];
}
