// The .vsix holds what the extension and its CLI load at run time: a bundle
// left out by .vscodeignore would only fail once a user hits its code path.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from '../support/paths';

function packagedFiles(): string[] {
  const vsce = join(REPO_ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  const run = spawnSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: REPO_ROOT, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return run.stdout.split('\n').filter((line) => line.length > 0);
}

test('every built bundle, the tracer and the grammars are in the package, and no sources or tests', () => {
  const packaged = new Set(packagedFiles());
  const built = readdirSync(join(REPO_ROOT, 'dist'))
    .filter((name) => /\.(js|py)$/.test(name))
    .map((name) => `dist/${name}`);
  const grammars = readdirSync(join(REPO_ROOT, 'grammars'))
    .filter((name) => name.endsWith('.wasm'))
    .map((name) => `grammars/${name}`);
  assert.ok(built.includes('dist/server.js') && grammars.length >= 2, 'the build ran first');
  for (const file of [...built, ...grammars, 'bin/memhints.js', 'package.json', 'README.md'])
    assert.ok(packaged.has(file), `${file} is packaged`);
  const stray = [...packaged].filter(
    (file) => /^(server|client|test|out|scripts)\//.test(file) || file.endsWith('.ts'),
  );
  assert.deepEqual(stray, []);
});
