// A status bar item that tells whether the memhints server is running, and
// opens its output when clicked (where its log and any crash are).
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';

export function showServerState(client: LanguageClient): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('memhints.status', vscode.StatusBarAlignment.Right, 100);
  item.name = 'Python Memory Hints';
  item.command = 'memhints.showOutput';
  const render = (state: State) => {
    const running = state === State.Running;
    item.text = running
      ? '$(check) memhints'
      : state === State.Starting
        ? '$(sync~spin) memhints'
        : '$(error) memhints';
    item.tooltip = running
      ? 'memhints server running'
      : state === State.Starting
        ? 'memhints server starting'
        : 'memhints server stopped: click for its output';
    item.backgroundColor =
      running || state === State.Starting ? undefined : new vscode.ThemeColor('statusBarItem.errorBackground');
  };
  render(client.state);
  item.show();
  const listener = client.onDidChangeState(({ newState }) => render(newState));
  const command = vscode.commands.registerCommand('memhints.showOutput', () => client.outputChannel.show(true));
  return vscode.Disposable.from(item, listener, command);
}
