// A throw-away copy of examples/ for VS Code to open, so that edits made by
// quick-fixes never touch the repository.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/paths';

export interface TempDir {
  path: string;
  remove(): void;
}

export function makeTempDir(prefix: string): TempDir {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** Copies examples/ into `parent` and returns the copy's path. */
export function copyExamples(parent: string): string {
  const folder = join(parent, 'examples');
  cpSync(join(REPO_ROOT, 'examples'), folder, { recursive: true });
  return folder;
}
