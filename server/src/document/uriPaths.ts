// Paths on disk from the URIs the editor gives: a file's, or for a notebook cell its notebook's.

/** The file a document's URI names: a file, or the notebook a cell belongs to; undefined for unsaved documents. */
export function documentPath(uri: string): string | undefined {
  try {
    const url = new URL(uri);
    return url.protocol === 'file:' || url.protocol === 'vscode-notebook-cell:'
      ? decodeURIComponent(url.pathname)
      : undefined;
  } catch {
    return undefined;
  }
}
