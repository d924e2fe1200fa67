// Starts the memhints language server and registers the extension's commands.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { registerMeasureCommands } from './measure/commands';
import { showServerState } from './statusItem';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    // Python files, and the Python cells of Jupyter notebooks (sent as notebook documents, so that the
    // server reads a notebook's cells together).
    documentSelector: [{ language: 'python' }, { notebook: 'jupyter-notebook', language: 'python' }],
    synchronize: { configurationSection: 'memhints' },
  };
  client = new LanguageClient('memhints', 'Python Memory Hints', serverOptions, clientOptions);
  context.subscriptions.push(
    showServerState(client),
    registerMeasureCommands(context, client.outputChannel),
    vscode.commands.registerCommand('memhints.restartServer', async () => {
      await client?.restart();
    }),
    vscode.commands.registerCommand('memhints.fixAll', async () => {
      await vscode.commands.executeCommand('editor.action.codeAction', { kind: 'source.fixAll.memhints', apply: 'first' });
    }),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
