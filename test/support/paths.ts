// Locations the tests need, from out/test/... back to the repository root.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

function findRoot(start: string): string {
  for (let dir = start; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'server'))) return dir;
  }
  throw new Error(`repository root not found above ${start}`);
}

export const REPO_ROOT = findRoot(__dirname);
export const FIXTURES = join(REPO_ROOT, 'test', 'fixtures');
export const SERVER_BUNDLE = join(REPO_ROOT, 'dist', 'server.js');
export const CLI_BIN = join(REPO_ROOT, 'bin', 'memhints.js');
