// The settings each open document is checked with: the editor's settings under
// the nearest pyproject.toml, searched no higher than the document's workspace folder.
import { dirname, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SETTINGS, type Settings } from './config';
import { ProjectConfigs, withFolderConfig, type ConfigFile, type FolderConfig } from './projectConfig';

export class DocumentSettings {
  private editor: Settings = DEFAULT_SETTINGS;
  private folders: string[] = [];
  private readonly configs = new ProjectConfigs();
  // One object per folder config and editor settings, so that findings cached for it stay valid.
  private combined = new WeakMap<FolderConfig, Settings>();

  useEditorSettings(settings: Settings): void {
    this.editor = settings;
    this.combined = new WeakMap();
  }

  useWorkspaceFolders(uris: readonly string[]): void {
    this.folders = uris.flatMap((uri) => filePath(uri) ?? []);
    this.configFilesChanged();
  }

  forDocument(uri: string): Settings {
    const path = filePath(uri);
    if (path === undefined) return this.editor;
    const dir = dirname(path);
    const folder = this.configs.forFolder(dir, this.workspaceFolderOf(dir));
    let settings = this.combined.get(folder);
    if (!settings) {
      settings = withFolderConfig(this.editor, folder);
      this.combined.set(folder, settings);
    }
    return settings;
  }

  /** A pyproject.toml was created, changed or deleted: read them all again when next needed. */
  configFilesChanged(): void {
    this.configs.clear();
    this.combined = new WeakMap();
  }

  /** The pyproject.toml files read for the documents asked about since the last change. */
  configFiles(): ConfigFile[] {
    return this.configs.loaded();
  }

  /** A path as the user knows it: relative to its workspace folder, else absolute. */
  shownPath(path: string): string {
    const folder = this.workspaceFolderOf(dirname(path));
    return folder === undefined ? path : relative(folder, path);
  }

  /** The innermost workspace folder holding `dir`, where the search for pyproject.toml stops. */
  private workspaceFolderOf(dir: string): string | undefined {
    const holding = this.folders.filter(
      (folder) => dir === folder || dir.startsWith(folder.endsWith(sep) ? folder : folder + sep),
    );
    return holding.sort((a, b) => b.length - a.length)[0];
  }
}

/** The file a document is, for file: URIs and notebook cells (whose URI path is the notebook's). */
function filePath(uri: string): string | undefined {
  try {
    const url = new URL(uri);
    if (url.protocol === 'file:') return fileURLToPath(url);
    if (url.protocol === 'vscode-notebook-cell:') return fileURLToPath(`file://${url.host}${url.pathname}`);
  } catch {
    // Not a URI that names a file.
  }
  return undefined;
}
