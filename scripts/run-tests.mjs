// Runs every compiled test file (out/test/**/*.test.js) with node's built-in
// test runner, after installing the CPython builds the size model is checked
// against (scripts/pythons/install.sh: quick when they are cached, a note and
// no failure where it cannot). The VS Code suites (test/e2e-*) run through
// their own scripts.
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const testRoot = join(root, 'out', 'test');

function testFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name.startsWith('e2e') ? [] : testFiles(path);
    return entry.name.endsWith('.test.js') ? [path] : [];
  });
}

const pythons = spawnSync('bash', [join(root, 'scripts', 'pythons', 'install.sh')], { stdio: ['ignore', 'inherit', 'inherit'], cwd: root });
if (pythons.error) console.log(`[pythons] NOTE: could not run scripts/pythons/install.sh (${pythons.error.message})`);

const files = testFiles(testRoot).sort();
const extra = process.argv.slice(2);
console.log(`Running ${files.length} test files: ${files.map((f) => relative(root, f)).join(', ')}`);
const result = spawnSync(process.execPath, ['--test', '--test-reporter=spec', ...extra, ...files], { stdio: 'inherit', cwd: root });
process.exit(result.status ?? 1);
