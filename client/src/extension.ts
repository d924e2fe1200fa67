// Starts the memhints language server and registers the extension's commands.
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  TransportKind,
  type ErrorHandler,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { registerMeasureCommands } from './measure/commands';
import { RestartPolicy } from './restartPolicy';
import { showServerState } from './statusItem';

let client: LanguageClient | undefined;
const restarts = new RestartPolicy();

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      options: { execArgv: ['--nolazy', '--inspect=6009'] },
    },
  };
  const clientOptions: LanguageClientOptions = {
    // Python files, and the Python cells of Jupyter notebooks (sent as notebook documents, so that the
    // server reads a notebook's cells together).
    documentSelector: [{ language: 'python' }, { notebook: 'jupyter-notebook', language: 'python' }],
    synchronize: { configurationSection: 'memhints' },
    errorHandler: crashHandler(),
  };
  client = new LanguageClient('memhints', 'Python Memory Hints', serverOptions, clientOptions);
  context.subscriptions.push(
    showServerState(client),
    registerMeasureCommands(context, client),
    vscode.commands.registerCommand('memhints.restartServer', restartByHand),
    vscode.commands.registerCommand('memhints.fixAll', async () => {
      await vscode.commands.executeCommand('editor.action.codeAction', {
        kind: 'source.fixAll.memhints',
        apply: 'first',
      });
    }),
  );
  await client.start();
}

async function restartByHand(): Promise<void> {
  restarts.reset();
  // After restarts stopped the client is not running: restart() would fail to stop it first.
  if (client?.isRunning()) await client.restart();
  else await client?.start();
}

/** Restarts a crashed server a few times, then stops and says so, with a way to restart or look at the output. */
function crashHandler(): ErrorHandler {
  return {
    // Errors writing to or reading from the server: give up on the connection after a few.
    error: (_error, _message, count) => ({ action: (count ?? 0) <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown }),
    closed: () => {
      if (restarts.crashed(Date.now())) return { action: CloseAction.Restart };
      void vscode.window.showErrorMessage(restarts.stoppedMessage, 'Restart', 'Show output').then(async (choice) => {
        if (choice === 'Restart') await restartByHand();
        else if (choice === 'Show output') client?.outputChannel.show(true);
      });
      return { action: CloseAction.DoNotRestart, handled: true };
    },
  };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
