// A throw-away copy of examples/ for VS Code to open, so that edits made by
// quick-fixes never touch the repository.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { REPO_ROOT } from '../support/paths';

export interface TempDir {
  path: string;
  remove(): void;
}

export function makeTempDir(prefix: string): TempDir {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** Copies examples/ into `parent`, adds `extraFiles` (paths relative to the copy), and returns the copy's path. */
export function copyExamples(parent: string, extraFiles: Readonly<Record<string, string>> = {}): string {
  const folder = join(parent, 'examples');
  cpSync(join(REPO_ROOT, 'examples'), folder, { recursive: true });
  for (const [path, text] of Object.entries(extraFiles)) {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), text);
  }
  return folder;
}
