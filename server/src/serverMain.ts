// Connection wiring only: capabilities and handlers that call the modules that do the work.
import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  MessageType,
  NotebookDocuments,
  ShowMessageNotification,
  TextDocumentSyncKind,
  CodeActionKind,
  type InitializeResult,
  type Position,
  type Range,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { validateSettings, type Settings, type Validated } from './config/config';
import { DocumentSettings } from './config/documentSettings';
import { OpenDocuments, type OpenDocument } from './document/documents';
import { codeActions, FIX_ALL_KIND } from './features/codeActions';
import { ConfigProblemReports } from './features/configProblems';
import { hoverAt } from './features/hover';
import { inlayHints } from './features/inlayHints';
import { lineEstimates } from './features/lineEstimates';
import { LINE_ESTIMATES_REQUEST, type LineEstimatesParams } from './features/lineEstimatesProtocol';
import { cellCodeActions, cellDiagnostics, cellHover, cellInlayHints } from './features/notebookCells';
import { serverStats, STATS_REQUEST } from './features/stats';
import { Linter } from './engine/linting';
import { documentPath } from './document/uriPaths';
import type { DataFiles } from './data/dataFiles';
import { dataReadHover } from './features/dataReadHover';
import { layoutForVersion } from './sizes/versions';
import { defaultDataFiles } from './data/estimators';
import { NOTEBOOK_SYNC, OpenNotebooks } from './notebooks/openNotebooks';
import { compiledGrammar, pythonParser } from './document/parser';
import { PYPROJECT } from './config/projectConfig';
import { createServerConnection } from './serverConnection';
import { AnalysisThread } from './lsp/analysisThread';
import { throwIfCancelled } from './lsp/cancellation';
import { DocumentChecks } from './lsp/documentChecks';
import { analyseASample } from './lsp/warmUp';
import { offerCodeCache } from './startup/codeCacheOffer';

// Made while the rest of the server starts and the client sends initialize, and
// warmed up on a sample (see analyseASample).
const parserReady = pythonParser().then((parser) => {
  analyseASample(parser);
  return parser;
});
const { connection, queued } = createServerConnection();
/** The workspace's data files, once initialize names its folders. */
let dataFiles: DataFiles | undefined;
const linter = new Linter((uri, error) => {
  connection.console.error(
    `memhints: analysing ${uri} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
});
const settings = new DocumentSettings();
const configProblems = new ConfigProblemReports(
  {
    warn: (message) =>
      void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message }),
    publish: (uri, diagnostics) => void connection.sendDiagnostics({ uri, diagnostics }),
  },
  (path) => settings.shownPath(path),
);
let documents: OpenDocuments | undefined;
let checks: DocumentChecks | undefined;
let thread: AnalysisThread | undefined;
const notebookDocuments = new NotebookDocuments(TextDocument);
let notebooks: OpenNotebooks | undefined;
let supportsConfiguration = false;
let supportsConfigurationRegistration = false;
let supportsWatchRegistration = false;
// Diagnostics wait until the client's settings are known, so that an ignored
// rule never flashes up while they are being fetched.
let settingsKnown = false;
let supportsInlayHintRefresh = false;

connection.onInitialize(async (params): Promise<InitializeResult> => {
  const parser = await parserReady;
  const editorSettings = validateSettings(params.initializationOptions?.settings).value;
  documents = new OpenDocuments(parser, editorSettings.maxFileSize, editorSettings.analysisBudget);
  notebooks = new OpenNotebooks(parser, notebookDocuments);
  supportsConfiguration = params.capabilities.workspace?.configuration === true;
  supportsConfigurationRegistration =
    params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
  supportsInlayHintRefresh = params.capabilities.workspace?.inlayHint?.refreshSupport === true;
  supportsWatchRegistration = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  const folders = params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri ? [params.rootUri] : []);
  settings.useWorkspaceFolders(folders);
  const folderPaths = folders.flatMap((folder) => documentPath(folder) ?? []);
  dataFiles = defaultDataFiles(folderPaths);
  linter.useDataFiles(dataFiles);
  thread = new AnalysisThread(
    { folders: folderPaths, grammar: compiledGrammar() },
    {
      message: (message) => {
        if (message.kind === 'analysed') checks?.found(message);
        else connection.console.error(`memhints: analysing ${message.uri} failed: ${message.error}`);
      },
      lost: (uris) => checks?.lost(uris),
      error: (text) => connection.console.error(`memhints: ${text}`),
    },
  );
  checks = new DocumentChecks({
    documents,
    linter,
    settingsFor: (uri) => settings.forDocument(uri),
    thread,
    send: (params) => {
      void connection.sendDiagnostics(params);
      offerCodeCacheSoon();
    },
  });
  settings.useEditorSettings(editorSettings);
  settingsKnown = !supportsConfiguration;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      notebookDocumentSync: NOTEBOOK_SYNC,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
      hoverProvider: true,
      inlayHintProvider: true,
    },
    serverInfo: { name: 'memhints', version: '0.1.0' },
  };
});

/** After a moment: writing the cache takes the main thread 10-30 ms, which the first diagnostics do not wait for. */
const CODE_CACHE_DELAY_MS = 2000;
let codeCacheOffered = false;

/** Once the first document has its diagnostics, the code the analysis compiled is worth caching for the next start. */
function offerCodeCacheSoon(): void {
  if (codeCacheOffered) return;
  codeCacheOffered = true;
  setTimeout(offerCodeCache, CODE_CACHE_DELAY_MS).unref();
}

connection.onInitialized(async () => {
  if (supportsWatchRegistration) {
    connection.client
      .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: `**/${PYPROJECT}` }] })
      .catch((error: unknown) => {
        connection.console.error(`memhints: could not watch ${PYPROJECT} files: ${String(error)}`);
      });
  }
  if (!supportsConfiguration) return;
  if (supportsConfigurationRegistration) {
    connection.client
      .register(DidChangeConfigurationNotification.type, { section: 'memhints' })
      .catch((error: unknown) => {
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

function useSettings(editorSettings: Validated<Settings>): void {
  // A notification, not window.showWarningMessage: that is a request, and a client
  // without a handler rejects it, which killed the server as an unhandled rejection.
  for (const message of editorSettings.problems)
    void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message });
  settings.useEditorSettings(editorSettings.value);
  documents?.setMaxFileSize(editorSettings.value.maxFileSize);
  documents?.setParseBudget(editorSettings.value.analysisBudget);
  settingsKnown = true;
  publishAll();
  if (supportsInlayHintRefresh) void connection.languages.inlayHint.refresh().catch(() => undefined);
}

function publishAll(): void {
  for (const document of documents?.all() ?? []) publish(document.text.uri);
  for (const uri of notebooks?.uris() ?? []) publishNotebook(uri);
}

function publish(uri: string): void {
  if (!settingsKnown) return;
  checks?.publish(uri);
  configProblems.update(settings.configFiles());
}

function publishNotebook(uri: string): void {
  const notebook = notebooks?.get(uri);
  if (!notebook || !settingsKnown) return;
  for (const [cell, diagnostics] of cellDiagnostics(
    notebook,
    linter.findings(notebook.document, settings.forDocument(uri)),
  )) {
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

connection.onDidChangeWatchedFiles(({ changes }) => {
  if (!changes.some((change) => change.uri.endsWith(`/${PYPROJECT}`))) return;
  settings.configFilesChanged();
  publishAll();
  // With no document open, files read before the change still need their diagnostics cleared.
  configProblems.update(settings.configFiles());
});

// A document with more notifications about it in the queue (changes typed
// since, or its closing) is analysed and published only after the last of them.
connection.onDidOpenTextDocument(({ textDocument }) => {
  checks?.opened(textDocument.uri, textDocument.languageId, textDocument.version, textDocument.text);
  if (queued.queuedFor(textDocument.uri) === 0) publish(textDocument.uri);
});

connection.onDidChangeTextDocument(({ textDocument, contentChanges }) => {
  checks?.changed(textDocument.uri, textDocument.version, contentChanges);
  if (queued.queuedFor(textDocument.uri) === 0) publish(textDocument.uri);
});

connection.onDidCloseTextDocument(({ textDocument }) => {
  checks?.closed(textDocument.uri);
  linter.closed(textDocument.uri);
  clearDiagnostics(textDocument.uri);
});

notebookDocuments.onDidOpen((notebook) => {
  if (queued.queuedFor(notebook.uri) === 0) publishNotebook(notebook.uri);
});
notebookDocuments.onDidChange(({ notebookDocument, cells }) => {
  for (const cell of cells?.removed ?? []) clearDiagnostics(cell.document);
  if (queued.queuedFor(notebookDocument.uri) === 0) publishNotebook(notebookDocument.uri);
});
notebookDocuments.onDidClose((notebook) => {
  const document = notebooks?.get(notebook.uri)?.document;
  if (document) linter.closed(document.text.uri);
  notebooks?.closed(notebook.uri);
  for (const cell of notebook.cells) clearDiagnostics(cell.document);
});
notebookDocuments.listen(connection);

connection.onCodeAction((params, token) => {
  throwIfCancelled(token);
  const notebook = notebooks?.forCell(params.textDocument.uri);
  if (notebook)
    return cellCodeActions(
      notebook,
      params.textDocument.uri,
      linter.findings(notebook.document, settings.forDocument(notebook.uri)),
      params,
    );
  const document = documents?.get(params.textDocument.uri);
  return document && checks ? codeActions(document, checks.findings(document.text.uri), params) : [];
});

connection.onHover(async ({ textDocument, position }, token) => {
  throwIfCancelled(token);
  const notebook = notebooks?.forCell(textDocument.uri);
  const uri = notebook?.uri ?? textDocument.uri;
  const effective = settings.forDocument(uri);
  const layout = layoutForVersion(effective.pythonVersion);
  const aboutData = async (document: OpenDocument, at: Position) =>
    dataFiles
      ? dataReadHover(document, at, dataFiles, documentPath(uri), layout, { maxSampleBytes: effective.dataSampleSize })
      : null;
  if (notebook) return cellHover(notebook, textDocument.uri, position, effective, aboutData);
  const document = documents?.get(textDocument.uri);
  if (!document) return null;
  const aboutRead = await aboutData(document, position);
  // The read of a data file may have let the client change its mind.
  throwIfCancelled(token);
  return aboutRead ?? hoverAt(document, position, effective);
});

connection.languages.inlayHint.on(async ({ textDocument, range }, token) => {
  throwIfCancelled(token);
  const notebook = notebooks?.forCell(textDocument.uri);
  const uri = notebook?.uri ?? textDocument.uri;
  const effective = settings.forDocument(uri);
  if (!effective.inlayHintSizes) return [];
  const options = { threshold: effective.sizeThreshold, pythonVersion: effective.pythonVersion };
  const data = dataFiles && { files: dataFiles, documentPath: documentPath(uri) };
  const hintsIn = (document: OpenDocument, within: Range) => inlayHints(document, within, options, data);
  if (notebook) return cellInlayHints(notebook, textDocument.uri, range, hintsIn);
  const document = documents?.get(textDocument.uri);
  return document ? hintsIn(document, range) : [];
});

connection.onRequest(STATS_REQUEST, () => serverStats(documents));

connection.onRequest(LINE_ESTIMATES_REQUEST, ({ textDocument, lines }: LineEstimatesParams) => {
  const document = documents?.get(textDocument.uri);
  return document && Array.isArray(lines) ? lineEstimates(document, lines, settings.forDocument(textDocument.uri)) : [];
});

connection.onShutdown(async () => {
  // A server stopped within moments of its first diagnostics still leaves the next start its code.
  if (codeCacheOffered) offerCodeCache();
  await thread?.dispose();
  for (const document of [...(documents?.all() ?? [])]) documents?.closed(document.text.uri);
  for (const uri of notebooks?.uris() ?? []) notebooks?.closed(uri);
});

connection.listen();
