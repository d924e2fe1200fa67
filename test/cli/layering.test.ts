// The command line is the top of the server's layers: the analysis, the
// settings and the extension's client share modules with it, never take
// them from it (which would drag the CLI's process handling into them).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from '../support/paths';

const CLI = join(REPO_ROOT, 'server', 'src', 'cli');
/** `from '…'`, `import('…')` and `require('…')` of a relative path. */
const RELATIVE_IMPORT = /(?:\bfrom\s+|\bimport\s*\(\s*|\brequire\s*\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

function isInCli(path: string): boolean {
  return path === CLI || path.startsWith(CLI + sep);
}

/** The imports of modules under server/src/cli by files outside it, as `file → import`. */
function cliImports(files: readonly string[]): string[] {
  return files.flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(RELATIVE_IMPORT)]
      .filter(([, specifier]) => isInCli(resolve(dirname(file), specifier!)))
      .map(([, specifier]) => `${relative(REPO_ROOT, file)} → ${specifier}`),
  );
}

test('no module of the server outside cli/ imports from cli/ (its bundle entry point, cliMain.ts, aside)', () => {
  const server = sourceFiles(join(REPO_ROOT, 'server', 'src')).filter(
    (file) => !isInCli(file) && file !== join(REPO_ROOT, 'server', 'src', 'cliMain.ts'),
  );
  assert.ok(server.length > 100);
  assert.deepEqual(cliImports(server), []);
});

test('the extension client takes nothing from the CLI', () => {
  const client = sourceFiles(join(REPO_ROOT, 'client', 'src'));
  assert.ok(client.length > 3);
  assert.deepEqual(cliImports(client), []);
});
