// The features of a notebook cell: diagnostics, code actions, hovers and inlay
// hints worked out on the notebook's module and mapped to and from the cell's
// own positions.
import type {
  CodeAction,
  CodeActionParams,
  Diagnostic,
  Hover,
  InlayHint,
  Position,
  Range,
  TextEdit as LspTextEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysedNotebook } from '../notebooks/openNotebooks';
import type { Finding } from '../rules/types';
import { codeActions, FIX_ALL_KIND } from './codeActions';
import { toDiagnostic } from './diagnostics';
import type { OpenDocument } from '../document/documents';
import type { Settings } from '../config/config';
import { hoverAt } from './hover';

/** The hover over a read of a workspace data file, at a module position; null elsewhere. */
type DataHover = (document: OpenDocument, position: Position) => Promise<Hover | null>;

/** Diagnostics for every Python cell of the notebook (an empty list clears a cell). */
export function cellDiagnostics(
  notebook: AnalysedNotebook,
  findings: readonly Finding[],
): Map<TextDocument, Diagnostic[]> {
  const byCell = new Map<TextDocument, Diagnostic[]>(notebook.cells.map((cell) => [cell, []]));
  for (const { cell, finding } of notebook.module.cellFindings(findings)) {
    const text = notebook.cells[cell.index]!;
    byCell.get(text)!.push(toDiagnostic(text, finding));
  }
  return byCell;
}

export function cellCodeActions(
  notebook: AnalysedNotebook,
  cellUri: string,
  findings: readonly Finding[],
  params: CodeActionParams,
): CodeAction[] {
  const index = notebook.cells.findIndex((cell) => cell.uri === cellUri);
  if (index < 0) return [];
  const cell = notebook.cells[index]!;
  const range = {
    start: toModule(notebook, index, cell, params.range.start),
    end: toModule(notebook, index, cell, params.range.end),
  };
  const moduleParams = { ...params, textDocument: { uri: notebook.uri }, range };
  const actions: CodeAction[] = [];
  for (const action of codeActions(notebook.document, notebook.module.reportable(findings), moduleParams)) {
    const changes = cellChanges(notebook, action.edit?.changes?.[notebook.uri] ?? []);
    if (!changes) continue;
    // On save, each cell is fixed on its own request: edits to other cells would race with theirs.
    if (action.kind === FIX_ALL_KIND) for (const uri of changes.keys()) if (uri !== cellUri) changes.delete(uri);
    const diagnostics = action.diagnostics?.map((diagnostic) => ({
      ...diagnostic,
      range: toCell(notebook, diagnostic.range)?.range ?? params.range,
    }));
    actions.push({
      ...action,
      ...(diagnostics ? { diagnostics } : {}),
      edit: { changes: Object.fromEntries(changes) },
    });
  }
  return actions;
}

export async function cellHover(
  notebook: AnalysedNotebook,
  cellUri: string,
  position: Position,
  settings: Pick<Settings, 'pythonVersion'>,
  aboutData: DataHover = async () => null,
): Promise<Hover | null> {
  const index = notebook.cells.findIndex((cell) => cell.uri === cellUri);
  if (index < 0) return null;
  const modulePosition = toModule(notebook, index, notebook.cells[index]!, position);
  if (notebook.module.isBlanked(notebook.document.text.offsetAt(modulePosition))) return null;
  const hover =
    (await aboutData(notebook.document, modulePosition)) ?? hoverAt(notebook.document, modulePosition, settings);
  if (!hover) return null;
  const mapped = hover.range && toCell(notebook, hover.range);
  return mapped?.uri === cellUri ? { ...hover, range: mapped.range } : { contents: hover.contents };
}

/** Inlay hints over a module range, as the document's handler works them out. */
type ModuleHints = (document: OpenDocument, range: Range) => Promise<InlayHint[]>;

/** The hints within `range` of a cell: asked of the notebook's module, and those that fall in the cell brought back. */
export async function cellInlayHints(
  notebook: AnalysedNotebook,
  cellUri: string,
  range: Range,
  hintsIn: ModuleHints,
): Promise<InlayHint[]> {
  const index = notebook.cells.findIndex((cell) => cell.uri === cellUri);
  if (index < 0) return [];
  const cell = notebook.cells[index]!;
  const moduleRange = {
    start: toModule(notebook, index, cell, range.start),
    end: toModule(notebook, index, cell, range.end),
  };
  const hints: InlayHint[] = [];
  for (const hint of await hintsIn(notebook.document, moduleRange)) {
    const mapped = toCell(notebook, { start: hint.position, end: hint.position });
    if (mapped?.uri === cellUri) hints.push({ ...hint, position: mapped.range.start });
  }
  return hints;
}

function toModule(notebook: AnalysedNotebook, index: number, cell: TextDocument, position: Position): Position {
  return notebook.document.text.positionAt(notebook.module.moduleOffset(index, cell.offsetAt(position)));
}

/** A module range in the one cell that holds it. */
function toCell(notebook: AnalysedNotebook, range: Range): { uri: string; range: Range } | undefined {
  const text = notebook.document.text;
  const start = text.offsetAt(range.start);
  const end = text.offsetAt(range.end);
  const cell = notebook.module.cellAt(start);
  if (!cell || end > cell.end) return undefined;
  const cellText = notebook.cells[cell.index]!;
  return {
    uri: cellText.uri,
    range: { start: cellText.positionAt(start - cell.start), end: cellText.positionAt(end - cell.start) },
  };
}

/** Module edits as edits per cell URI, or undefined when one of them cannot be made within a cell. */
function cellChanges(
  notebook: AnalysedNotebook,
  edits: readonly LspTextEdit[],
): Map<string, LspTextEdit[]> | undefined {
  const text = notebook.document.text;
  const changes = new Map<string, LspTextEdit[]>();
  for (const edit of edits) {
    const moved = notebook.module.cellEdit({
      start: text.offsetAt(edit.range.start),
      end: text.offsetAt(edit.range.end),
      text: edit.newText,
    });
    if (!moved) return undefined;
    const cellText = notebook.cells[moved.cell.index]!;
    const list = changes.get(cellText.uri) ?? [];
    list.push({
      range: { start: cellText.positionAt(moved.edit.start), end: cellText.positionAt(moved.edit.end) },
      newText: moved.edit.text,
    });
    changes.set(cellText.uri, list);
  }
  return changes;
}
