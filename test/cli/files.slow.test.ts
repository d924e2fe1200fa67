// Which files a directory search checks: *.py, minus default excludes,
// virtual environments, .gitignore'd paths and --exclude patterns.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { jsonFindings, memhints, project } from '../support/cli';

const FLAGGED = 'xs = [1, 2]\nprint(sum([x for x in xs]))\n';

/** The files the JSON report mentions, in report order, with '/' separators. */
function reportedFiles(root: string, args: readonly string[]): string[] {
  const run = memhints(['check', '--format', 'json', ...args], root);
  assert.ok(run.status === 0 || run.status === 1, run.stderr);
  return [...new Set(jsonFindings(run).map((finding) => finding.file.split(/[\\/]/).join('/')))];
}

test('directories are searched for *.py in sorted order; other extensions are skipped', (t) => {
  const root = project(t, {
    'b.py': FLAGGED,
    'a/z.py': FLAGGED,
    'a/b.py': FLAGGED,
    'notes.txt': FLAGGED,
    'stub.pyi': FLAGGED,
    script: FLAGGED,
  });
  assert.deepEqual(reportedFiles(root, []), ['a/b.py', 'a/z.py', 'b.py']);
});

test("Ruff's default excluded directories and virtual environments (pyvenv.cfg) are skipped", (t) => {
  const root = project(t, {
    'keep.py': FLAGGED,
    '.venv/lib/a.py': FLAGGED,
    'venv/a.py': FLAGGED,
    '.git/hooks/a.py': FLAGGED,
    'node_modules/pkg/a.py': FLAGGED,
    'build/dist/a.py': FLAGGED,
    'deep/__pypackages__/a.py': FLAGGED,
    'myenv/pyvenv.cfg': 'home = /usr/bin\n',
    'myenv/lib/python3.11/site/a.py': FLAGGED,
    'environment/a.py': FLAGGED,
  });
  assert.deepEqual(reportedFiles(root, []), ['environment/a.py', 'keep.py']);
});

test('.gitignore files apply to their own directory and below, negations included', (t) => {
  const root = project(t, {
    '.gitignore': 'generated.py\nbuild/\n*.gen.py\n!keep.gen.py\n',
    'generated.py': FLAGGED,
    'main.py': FLAGGED,
    'build/out.py': FLAGGED,
    'x.gen.py': FLAGGED,
    'keep.gen.py': FLAGGED,
    'sub/.gitignore': 'local.py\n/anchored.py\n',
    'sub/local.py': FLAGGED,
    'sub/anchored.py': FLAGGED,
    'sub/deeper/anchored.py': FLAGGED,
    'sub/deeper/generated.py': FLAGGED,
    'local.py': FLAGGED,
    'anchored.py': FLAGGED,
  });
  assert.deepEqual(reportedFiles(root, []), [
    'anchored.py',
    'keep.gen.py',
    'local.py',
    'main.py',
    'sub/deeper/anchored.py',
  ]);
});

test('.gitignore files above the searched directory count up to the repository root', (t) => {
  const root = project(t, {
    '.git/HEAD': 'ref: refs/heads/main\n',
    '.gitignore': 'skipped.py\n',
    'src/skipped.py': FLAGGED,
    'src/kept.py': FLAGGED,
  });
  assert.deepEqual(reportedFiles(join(root, 'src'), ['.']), ['kept.py']);
});

test('--exclude takes gitignore-style patterns, comma-separated or repeated', (t) => {
  const root = project(t, {
    'legacy/old.py': FLAGGED,
    'app/legacy/old.py': FLAGGED,
    'app/main.py': FLAGGED,
    'app/test_main.py': FLAGGED,
    'tools/gen.py': FLAGGED,
  });
  assert.deepEqual(reportedFiles(root, ['--exclude', '/legacy/,test_*.py']), [
    'app/legacy/old.py',
    'app/main.py',
    'tools/gen.py',
  ]);
  assert.deepEqual(reportedFiles(root, ['--exclude', 'legacy', '--exclude', 'tools/']), [
    'app/main.py',
    'app/test_main.py',
  ]);
  // Patterns are relative to the current directory, whichever directory is searched.
  assert.deepEqual(reportedFiles(root, ['app', '--exclude', 'app/legacy']), ['app/main.py', 'app/test_main.py']);
});

test('a file named on the command line is checked even if excluded or not *.py', (t) => {
  const root = project(t, {
    '.gitignore': 'ignored.py\n',
    'ignored.py': FLAGGED,
    '.venv/tool.py': FLAGGED,
    script: FLAGGED,
  });
  assert.deepEqual(reportedFiles(root, ['ignored.py', '.venv/tool.py', 'script', '--exclude', 'ignored.py']), [
    '.venv/tool.py',
    'ignored.py',
    'script',
  ]);
});

test('a file reached through two paths is checked once', (t) => {
  const root = project(t, { 'pkg/mod.py': FLAGGED });
  const run = memhints(['check', '--format', 'json', 'pkg', 'pkg/mod.py', '.'], root);
  assert.equal(jsonFindings(run).length, 1);
});
