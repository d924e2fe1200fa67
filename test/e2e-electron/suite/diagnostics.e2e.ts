// memhints inside a real VS Code: diagnostics, the quick-fix and hover on examples/report.py.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { REPO_ROOT } from '../../support/paths';

const REPORT = vscode.Uri.file(join(REPO_ROOT, 'examples', 'report.py'));
const WAIT_LIMIT_MS = 30_000;

function memhintsDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'memhints');
}

function codeOf(diagnostic: vscode.Diagnostic): string | number | undefined {
  return typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
}

/** Resolves once memhints has published diagnostics for uri (the server starts with the extension). */
function diagnosticsPublished(uri: vscode.Uri): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const found = memhintsDiagnostics(uri);
      if (found.length === 0) return false;
      clearTimeout(timer);
      listener.dispose();
      resolve(found);
      return true;
    };
    const listener = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`no memhints diagnostics for ${uri.fsPath} within ${WAIT_LIMIT_MS / 1000} s`));
    }, WAIT_LIMIT_MS);
    check();
  });
}

function rangeOfText(document: vscode.TextDocument, needle: string): vscode.Range {
  const start = document.getText().indexOf(needle);
  assert.ok(start >= 0, `"${needle}" not in ${document.fileName}`);
  return new vscode.Range(document.positionAt(start), document.positionAt(start + needle.length));
}

suite('memhints in VS Code', () => {
  let document: vscode.TextDocument;
  let diagnostics: vscode.Diagnostic[];

  suiteSetup(async () => {
    document = await vscode.workspace.openTextDocument(REPORT);
    await vscode.window.showTextDocument(document);
    diagnostics = await diagnosticsPublished(REPORT);
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test("flags the summed list comprehension over the file's readings with a MEM101 warning, and not the str.join", () => {
    const summed = rangeOfText(document, '[r * r for r in readings]');
    const flagged = diagnostics.find(
      (diagnostic) => codeOf(diagnostic) === 'MEM101' && diagnostic.range.isEqual(summed),
    );
    assert.ok(
      flagged,
      `no MEM101 at ${JSON.stringify(summed)}; got ${JSON.stringify(diagnostics.map((d) => [codeOf(d), d.range]))}`,
    );
    // The readings come from a file: data scale, so the rule's own severity.
    assert.equal(flagged.severity, vscode.DiagnosticSeverity.Warning);
    const joined = rangeOfText(document, '[str(r) for r in readings[:3]]');
    assert.ok(diagnostics.every((diagnostic) => !diagnostic.range.intersection(joined)));
  });

  test('offers "Use a generator expression", whose edit drops the brackets', async () => {
    const summed = rangeOfText(document, '[r * r for r in readings]');
    const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
      'vscode.executeCodeActionProvider',
      REPORT,
      summed,
    );
    const fix = actions.find(
      (action): action is vscode.CodeAction => action.title === 'Use a generator expression' && 'edit' in action,
    );
    assert.ok(fix?.edit, `offered: ${JSON.stringify(actions.map((action) => action.title))}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    try {
      assert.equal(document.lineAt(summed.start.line).text, 'total = sum(r * r for r in readings)');
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });

  test('hover on [0] * 1000 shows its size in bytes', async function () {
    const operator = rangeOfText(document, '[0] * 1000');
    const position = operator.start.translate(0, '[0] '.length);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      REPORT,
      position,
    );
    const text = hovers
      .flatMap((hover) => hover.contents)
      .map((content) => (typeof content === 'string' ? content : content.value))
      .join('\n');
    if (text === '') this.skip();
    // 8056 on 64-bit CPython: 56 bytes of list header and 8 per pointer.
    const size = execFileSync('python3', ['-c', 'import sys; print(sys.getsizeof([0] * 1000))'], {
      encoding: 'utf8',
    }).trim();
    assert.ok(text.replace(/[,_ ]/g, '').includes(size), text);
  });
});
