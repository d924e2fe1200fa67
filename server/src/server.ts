// Connection wiring only: capabilities and handlers that call the modules that do the work.
import {
  createConnection,
  DidChangeConfigurationNotification,
  MessageType,
  ProposedFeatures,
  ShowMessageNotification,
  TextDocumentSyncKind,
  CodeActionKind,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { validateSettings, type Settings, type Validated } from './config';
import { OpenDocuments } from './documents';
import { codeActions, FIX_ALL_KIND } from './features/codeActions';
import { toDiagnostic } from './features/diagnostics';
import { hoverAt } from './features/hover';
import { skippedDiagnostic } from './features/skipped';
import { serverStats, STATS_REQUEST } from './features/stats';
import { Linter } from './linting';
import { pythonParser } from './parser';

const connection = createConnection(ProposedFeatures.all);
const linter = new Linter((uri, error) => {
  connection.console.error(`memhints: analysing ${uri} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
});
let documents: OpenDocuments | undefined;
let supportsConfiguration = false;
let supportsConfigurationRegistration = false;
// Diagnostics wait until the client's settings are known, so that an ignored
// rule never flashes up while they are being fetched.
let settingsKnown = false;

connection.onInitialize(async (params): Promise<InitializeResult> => {
  const settings = validateSettings(params.initializationOptions?.settings).value;
  documents = new OpenDocuments(await pythonParser(), settings.maxFileSize);
  supportsConfiguration = params.capabilities.workspace?.configuration === true;
  supportsConfigurationRegistration = params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
  linter.configure(settings);
  settingsKnown = !supportsConfiguration;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
      hoverProvider: true,
    },
    serverInfo: { name: 'memhints', version: '0.1.0' },
  };
});

connection.onInitialized(async () => {
  if (!supportsConfiguration) return;
  if (supportsConfigurationRegistration) {
    connection.client.register(DidChangeConfigurationNotification.type, { section: 'memhints' }).catch((error: unknown) => {
      connection.console.error(`memhints: could not register for settings changes: ${String(error)}`);
    });
  }
  await reloadSettings();
});

/** Asks the client for the `memhints` settings (pull model) and uses them. */
async function reloadSettings(): Promise<void> {
  try {
    useSettings(validateSettings(await connection.workspace.getConfiguration('memhints')));
  } catch (error) {
    connection.console.error(`memhints: could not read settings, keeping the current ones: ${String(error)}`);
    settingsKnown = true;
    publishAll();
  }
}

function useSettings(settings: Validated<Settings>): void {
  // A notification, not window.showWarningMessage: that is a request, and a client
  // without a handler rejects it, which killed the server as an unhandled rejection.
  for (const message of settings.problems) void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message });
  linter.configure(settings.value);
  documents?.setMaxFileSize(settings.value.maxFileSize);
  settingsKnown = true;
  publishAll();
}

function publishAll(): void {
  for (const document of documents?.all() ?? []) publish(document.text.uri);
}

function publish(uri: string): void {
  const document = documents?.get(uri);
  if (!document || !settingsKnown) return;
  const diagnostics = document.skipped
    ? [skippedDiagnostic(document.skipped)]
    : linter.findings(document).map((finding) => toDiagnostic(document.text, finding));
  void connection.sendDiagnostics({ uri, version: document.text.version, diagnostics });
}

connection.onDidChangeConfiguration(async (change) => {
  // Pull-model clients send no settings with the notification; push-model ones do.
  if (supportsConfiguration) await reloadSettings();
  else useSettings(validateSettings(change.settings?.memhints));
});

connection.onDidOpenTextDocument(({ textDocument }) => {
  documents?.opened(textDocument.uri, textDocument.languageId, textDocument.version, textDocument.text);
  publish(textDocument.uri);
});

connection.onDidChangeTextDocument(({ textDocument, contentChanges }) => {
  documents?.changed(textDocument.uri, textDocument.version, contentChanges);
  publish(textDocument.uri);
});

connection.onDidCloseTextDocument(({ textDocument }) => {
  documents?.closed(textDocument.uri);
  void connection.sendDiagnostics({ uri: textDocument.uri, diagnostics: [] });
});

connection.onCodeAction((params) => {
  const document = documents?.get(params.textDocument.uri);
  return document ? codeActions(document, linter.findings(document), params) : [];
});

connection.onHover(({ textDocument, position }) => {
  const document = documents?.get(textDocument.uri);
  return document ? hoverAt(document, position) : null;
});

connection.onRequest(STATS_REQUEST, () => serverStats(documents));

connection.onShutdown(() => {
  for (const document of [...(documents?.all() ?? [])]) documents?.closed(document.text.uri);
});

connection.listen();
