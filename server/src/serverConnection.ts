// The server's connection to its client. Over stdio (Neovim, Helix and other
// editors), a message whose header or body cannot be read leaves the stream
// out of step for good: every later message would be misread. So the server
// says what it got on stderr and exits with an error, and the client, which
// sees the process end, can start it again. Over IPC and sockets (VS Code)
// messages are framed by the transport.
import {
  createConnection,
  ProposedFeatures,
  StreamMessageReader,
  StreamMessageWriter,
  type Connection,
} from 'vscode-languageserver/node';

/** Exit status after a message that could not be read. */
export const EXIT_BAD_MESSAGE = 2;

export function createServerConnection(argv: readonly string[] = process.argv): Connection {
  if (!argv.includes('--stdio')) return createConnection(ProposedFeatures.all);
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
  return createConnection(ProposedFeatures.all, reader, new StreamMessageWriter(process.stdout));
}
