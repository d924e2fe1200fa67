// Connection wiring only: capabilities and handlers that call the modules that do the work.
import {
  createConnection,
  DidChangeConfigurationNotification,
  ProposedFeatures,
  TextDocumentSyncKind,
  CodeActionKind,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { validateSettings } from './config';
import { OpenDocuments } from './documents';
import { codeActions, FIX_ALL_KIND } from './features/codeActions';
import { toDiagnostic } from './features/diagnostics';
import { hoverAt } from './features/hover';
import { Linter } from './linting';
import { pythonParser } from './parser';

const connection = createConnection(ProposedFeatures.all);
const linter = new Linter();
let documents: OpenDocuments | undefined;
let supportsConfiguration = false;

connection.onInitialize(async (params): Promise<InitializeResult> => {
  documents = new OpenDocuments(await pythonParser());
  supportsConfiguration = params.capabilities.workspace?.configuration === true;
  const initial = validateSettings(params.initializationOptions?.settings);
  linter.configure(initial.value);
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
  if (supportsConfiguration) {
    await connection.client.register(DidChangeConfigurationNotification.type, { section: 'memhints' });
    await reloadSettings();
  }
});

async function reloadSettings(): Promise<void> {
  const raw: unknown = supportsConfiguration ? await connection.workspace.getConfiguration('memhints') : undefined;
  const settings = validateSettings(raw);
  for (const problem of settings.problems) void connection.window.showWarningMessage(problem);
  linter.configure(settings.value);
  for (const document of documents?.all() ?? []) publish(document.text.uri);
}

function publish(uri: string): void {
  const document = documents?.get(uri);
  if (!document) return;
  const diagnostics = linter.findings(document).map((finding) => toDiagnostic(document.text, finding));
  void connection.sendDiagnostics({ uri, version: document.text.version, diagnostics });
}

connection.onDidChangeConfiguration(async (change) => {
  if (supportsConfiguration) await reloadSettings();
  else linter.configure(validateSettings(change.settings?.memhints).value);
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

connection.onShutdown(() => {
  for (const document of [...(documents?.all() ?? [])]) documents?.closed(document.text.uri);
});

connection.listen();
