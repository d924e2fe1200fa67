// Connection wiring only: capabilities and handlers that call the modules that do the work.
import {
  createConnection,
  DidChangeConfigurationNotification,
  MessageType,
  NotebookDocuments,
  ProposedFeatures,
  ShowMessageNotification,
  TextDocumentSyncKind,
  CodeActionKind,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { validateSettings, type Settings, type Validated } from './config';
import { OpenDocuments } from './documents';
import { codeActions, FIX_ALL_KIND } from './features/codeActions';
import { toDiagnostic } from './features/diagnostics';
import { hoverAt } from './features/hover';
import { cellCodeActions, cellDiagnostics, cellHover } from './features/notebookCells';
import { serverStats, STATS_REQUEST } from './features/stats';
import { Linter } from './linting';
import { NOTEBOOK_SYNC, OpenNotebooks } from './notebooks/openNotebooks';
import { pythonParser } from './parser';

const connection = createConnection(ProposedFeatures.all);
const linter = new Linter();
let documents: OpenDocuments | undefined;
const notebookDocuments = new NotebookDocuments(TextDocument);
let notebooks: OpenNotebooks | undefined;
let supportsConfiguration = false;
let supportsConfigurationRegistration = false;
// Diagnostics wait until the client's settings are known, so that an ignored
// rule never flashes up while they are being fetched.
let settingsKnown = false;

connection.onInitialize(async (params): Promise<InitializeResult> => {
  const parser = await pythonParser();
  documents = new OpenDocuments(parser);
  notebooks = new OpenNotebooks(parser, notebookDocuments);
  supportsConfiguration = params.capabilities.workspace?.configuration === true;
  supportsConfigurationRegistration = params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
  linter.configure(validateSettings(params.initializationOptions?.settings).value);
  settingsKnown = !supportsConfiguration;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      notebookDocumentSync: NOTEBOOK_SYNC,
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
  settingsKnown = true;
  publishAll();
}

function publishAll(): void {
  for (const document of documents?.all() ?? []) publish(document.text.uri);
  for (const uri of notebooks?.uris() ?? []) publishNotebook(uri);
}

function publish(uri: string): void {
  const document = documents?.get(uri);
  if (!document || !settingsKnown) return;
  const diagnostics = linter.findings(document).map((finding) => toDiagnostic(document.text, finding));
  void connection.sendDiagnostics({ uri, version: document.text.version, diagnostics });
}

function publishNotebook(uri: string): void {
  const notebook = notebooks?.get(uri);
  if (!notebook || !settingsKnown) return;
  for (const [cell, diagnostics] of cellDiagnostics(notebook, linter.findings(notebook.document))) {
    void connection.sendDiagnostics({ uri: cell.uri, version: cell.version, diagnostics });
  }
}

function clearDiagnostics(uri: string): void {
  void connection.sendDiagnostics({ uri, diagnostics: [] });
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
  clearDiagnostics(textDocument.uri);
});

notebookDocuments.onDidOpen((notebook) => publishNotebook(notebook.uri));
notebookDocuments.onDidChange(({ notebookDocument, cells }) => {
  for (const cell of cells?.removed ?? []) clearDiagnostics(cell.document);
  publishNotebook(notebookDocument.uri);
});
notebookDocuments.onDidClose((notebook) => {
  notebooks?.closed(notebook.uri);
  for (const cell of notebook.cells) clearDiagnostics(cell.document);
});
notebookDocuments.listen(connection);

connection.onCodeAction((params) => {
  const notebook = notebooks?.forCell(params.textDocument.uri);
  if (notebook) return cellCodeActions(notebook, params.textDocument.uri, linter.findings(notebook.document), params);
  const document = documents?.get(params.textDocument.uri);
  return document ? codeActions(document, linter.findings(document), params) : [];
});

connection.onHover(({ textDocument, position }) => {
  const notebook = notebooks?.forCell(textDocument.uri);
  if (notebook) return cellHover(notebook, textDocument.uri, position);
  const document = documents?.get(textDocument.uri);
  return document ? hoverAt(document, position) : null;
});

connection.onRequest(STATS_REQUEST, () => serverStats(documents));

connection.onShutdown(() => {
  for (const document of [...(documents?.all() ?? [])]) documents?.closed(document.text.uri);
  for (const uri of notebooks?.uris() ?? []) notebooks?.closed(uri);
});

connection.listen();
