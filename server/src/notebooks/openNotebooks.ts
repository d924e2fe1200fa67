// Open notebooks (kept in sync by vscode-languageserver's NotebookDocuments),
// each analysed as one module: its Python code cells in order, parsed once per
// change of any of them.
import { NotebookCellKind, type NotebookDocumentSyncOptions, type NotebookDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Parser, Tree } from 'web-tree-sitter';
import { ModuleParts } from '../document/moduleParts';
import type { OpenDocument } from '../document/documents';
import { parse } from '../document/parser';
import { NotebookModule } from './cellModule';

/** Jupyter notebooks' Python cells come to the server as notebook documents, so that they can be read together. */
export const NOTEBOOK_SYNC: NotebookDocumentSyncOptions = {
  notebookSelector: [{ notebook: { notebookType: 'jupyter-notebook' }, cells: [{ language: 'python' }] }],
};

export interface AnalysedNotebook {
  readonly uri: string;
  /** The module: a document with the notebook's URI, its text the cells joined with IPython syntax blanked. */
  readonly document: OpenDocument;
  readonly module: NotebookModule;
  /** The module's tree, parsed whole on each change. */
  readonly tree: Tree;
  /** The Python code cells, in the module's order. */
  readonly cells: readonly TextDocument[];
}

export class OpenNotebooks {
  private readonly analysed = new Map<string, { readonly key: string; readonly notebook: AnalysedNotebook }>();

  constructor(
    private readonly parser: Parser,
    private readonly notebooks: NotebookDocuments<TextDocument>,
  ) {}

  /** The analysed notebook that a cell belongs to. */
  forCell(cellUri: string): AnalysedNotebook | undefined {
    const notebook = this.notebooks.findNotebookDocumentForCell(cellUri);
    return notebook ? this.get(notebook.uri) : undefined;
  }

  /** The notebook's module, rebuilt when a cell was added, removed, moved or edited since it was last built. */
  get(notebookUri: string): AnalysedNotebook | undefined {
    const notebook = this.notebooks.getNotebookDocument(notebookUri);
    if (!notebook) return undefined;
    const cells = notebook.cells
      .filter((cell) => cell.kind === NotebookCellKind.Code)
      .map((cell) => this.notebooks.getCellTextDocument(cell))
      .filter((text): text is TextDocument => text?.languageId === 'python');
    const key = cells.map((text) => `${text.uri}@${text.version}`).join('\n');
    const current = this.analysed.get(notebookUri);
    if (current?.key === key) return current.notebook;
    const module = new NotebookModule(cells.map((text) => text.getText()));
    const tree = parse(this.parser, module.source);
    const document = {
      text: TextDocument.create(notebookUri, 'python', notebook.version, module.source),
      module: ModuleParts.of(tree.rootNode),
    };
    current?.notebook.tree.delete();
    const analysed = { uri: notebookUri, document, module, tree, cells };
    this.analysed.set(notebookUri, { key, notebook: analysed });
    return analysed;
  }

  closed(notebookUri: string): void {
    this.analysed.get(notebookUri)?.notebook.tree.delete();
    this.analysed.delete(notebookUri);
  }

  /** Notebooks analysed, each holding one tree. */
  get count(): number {
    return this.analysed.size;
  }

  uris(): string[] {
    return [...this.analysed.keys()];
  }
}
