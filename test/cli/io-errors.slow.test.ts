// Files that cannot be read are reported on stderr; the others are still checked.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { hasStackTrace, jsonFindings, memhints, project } from '../support/cli';

const FLAGGED = 'xs = [1, 2]\nprint(sum([x for x in xs]))\n';

test('a file that is not valid UTF-8 is reported, the run goes on and exits 2', (t) => {
  const invalid = Buffer.concat([
    Buffer.from('x = "caf'),
    Buffer.from([0xe9]),
    Buffer.from('"\nprint(sum([c for c in x]))\n'),
  ]);
  const root = project(t, { 'a_latin1.py': invalid, 'b_good.py': FLAGGED });
  const run = memhints(['check'], root);
  assert.equal(run.status, 2);
  assert.match(run.stdout, /^b_good\.py:2:11: MEM101 /m);
  assert.equal(
    run.stderr,
    `memhints: error: a_latin1.py: cannot read: not valid UTF-8 (first bad byte at offset ${invalid.indexOf(0xe9)})\n`,
  );
  assert.ok(!hasStackTrace(run.stderr));

  const json = memhints(['check', '--format', 'json', '--exit-zero'], root);
  assert.equal(json.status, 2, '--exit-zero does not hide an unreadable file');
  assert.deepEqual(
    jsonFindings(json).map((finding) => finding.file),
    ['b_good.py'],
  );
});

test('--fix leaves an unreadable file alone and fixes the others', (t) => {
  const root = project(t, { 'bad.py': Buffer.from([0xff, 0xfe, 0x0a]), 'good.py': FLAGGED });
  const run = memhints(['check', '--fix'], root);
  assert.equal(run.status, 2);
  assert.match(run.stdout, /^Fixed 1 finding in 1 file\.$/m);
  assert.match(run.stderr, /bad\.py: cannot read: not valid UTF-8/);
});

const NOBODY = 65534;

/**
 * Runs memhints where `denied` paths (relative to root) have no permissions.
 * Root reads them anyway, so as root memhints runs as nobody, which the
 * project's other files and directories are opened to.
 */
function memhintsDenied(root: string, denied: readonly string[], args: readonly string[]): ReturnType<typeof memhints> {
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    // Whatever the umask made of them.
    chmodSync(root, 0o755);
    for (const path of readdirSync(root, { recursive: true, encoding: 'utf8' }).map((name) => join(root, name)))
      chmodSync(path, statSync(path).isDirectory() ? 0o755 : 0o644);
  }
  for (const path of denied) chmodSync(join(root, path), 0o000);
  try {
    return memhints(args, root, asRoot ? { uid: NOBODY, gid: NOBODY } : undefined);
  } finally {
    // Before the project is removed: a directory nobody can list cannot be emptied.
    for (const path of denied) chmodSync(join(root, path), 0o700);
  }
}

test('a file or directory without read permission is reported; the others are checked', (t) => {
  const root = project(t, {
    'a_locked.py': FLAGGED,
    'b_good.py': FLAGGED,
    'c_locked/x.py': FLAGGED,
    'd_locked.ipynb': '{}',
  });
  const run = memhintsDenied(root, ['a_locked.py', 'c_locked', 'd_locked.ipynb'], ['check', '.']);
  assert.equal(run.status, 2);
  assert.match(run.stdout, /^b_good\.py:2:11: MEM101 /m);
  assert.doesNotMatch(run.stdout, /locked/);
  assert.deepEqual(run.stderr.trimEnd().split('\n').sort(), [
    'memhints: error: a_locked.py: cannot read: permission denied',
    'memhints: error: c_locked: permission denied',
    'memhints: error: d_locked.ipynb: cannot read: permission denied',
  ]);
  // Named on the command line, an unreadable file is a read error too, not a usage error.
  const named = memhintsDenied(root, ['a_locked.py'], ['check', 'a_locked.py', 'b_good.py']);
  assert.equal(named.status, 2);
  assert.match(named.stdout, /^b_good\.py:2:11: MEM101 /m);
  assert.equal(named.stderr, 'memhints: error: a_locked.py: cannot read: permission denied\n');
});

test('a directory named like a Python file is searched, not read', (t) => {
  const root = project(t, { 'pkg.py/inner.py': FLAGGED, 'nb.ipynb/inner.py': FLAGGED });
  for (const args of [['check'], ['check', 'pkg.py', 'nb.ipynb']]) {
    const run = memhints(args, root);
    assert.equal(run.status, 1, run.stderr);
    assert.equal(run.stderr, '');
    assert.deepEqual(
      run.stdout
        .split('\n')
        .filter((line) => line.includes('MEM101'))
        .map((line) => line.split(':')[0]),
      [join('nb.ipynb', 'inner.py'), join('pkg.py', 'inner.py')],
    );
  }
});

test('malformed and empty notebooks are reported with where the JSON breaks; the run goes on', (t) => {
  const root = project(t, { 'a_truncated.ipynb': '{\n "cells": [\n', 'b_empty.ipynb': '', 'c_good.py': FLAGGED });
  const run = memhints(['check'], root);
  assert.equal(run.status, 2);
  assert.match(run.stdout, /^c_good\.py:2:11: MEM101 /m);
  assert.equal(
    run.stderr,
    'memhints: error: a_truncated.ipynb: not a notebook: invalid JSON (close bracket expected at line 3, column 1)\n' +
      'memhints: error: b_empty.ipynb: not a notebook: the file is empty\n',
  );
});

test('a notebook whose code nests deeper than Python allows gets a notice, as a .py file does; the run goes on', (t) => {
  const chain = `x = ${Array(3000).fill('1').join(' + ')}\n`;
  const notebook = (code: string) =>
    JSON.stringify({
      cells: [{ cell_type: 'code', metadata: {}, outputs: [], source: code }],
      metadata: {},
      nbformat: 4,
      nbformat_minor: 5,
    });
  const root = project(t, {
    'a_chain.ipynb': notebook(chain),
    'a_chain.py': chain,
    'b_brackets.ipynb': notebook(`x = ${'['.repeat(300)}${']'.repeat(300)}\n`),
    'c_good.py': FLAGGED,
  });
  const run = memhints(['check'], root);
  assert.equal(run.status, 1, run.stderr);
  assert.match(run.stdout, /^c_good\.py:2:11: MEM101 /m);
  const notices = run.stderr.trimEnd().split('\n');
  assert.deepEqual(
    notices.map((line) => line.split(': ').slice(0, 4).join(': ')),
    [
      'memhints: notice: a_chain.ipynb: not checked',
      'memhints: notice: a_chain.py: not checked',
      'memhints: notice: b_brackets.ipynb: not checked',
    ],
  );
  assert.equal(notices[0]!.replace('a_chain.ipynb', 'a_chain.py'), notices[1]);
  assert.ok(!hasStackTrace(run.stderr));
});

test('when nothing else is found, the summary does not say all checks passed', (t) => {
  const root = project(t, { 'bad.py': Buffer.from([0xff, 0x0a]), 'clean.py': 'x = 1\n' });
  const run = memhints(['check'], root);
  assert.equal(run.status, 2);
  assert.equal(run.stdout, 'No findings, but 1 path could not be checked (see standard error).\n');
});

test('with no Python file to check, the summary says so and a warning names the paths', (t) => {
  const root = project(t, { 'notes.txt': 'x\n' });
  const run = memhints(['check', '.'], root);
  assert.equal(run.status, 0);
  assert.equal(run.stdout, 'No Python files found.\n');
  assert.equal(run.stderr, 'memhints: warning: no Python files found under the given paths\n');
});

test('a FIFO or a device named on the command line gets a notice, without blocking or reading forever', (t) => {
  const root = project(t, { 'good.py': FLAGGED });
  execFileSync('mkfifo', [join(root, 'pipe.py')]);
  symlinkSync('/dev/zero', join(root, 'zero.py'));
  const run = memhints(['check', 'pipe.py', 'zero.py'], root);
  assert.equal(run.status, 0);
  assert.equal(run.stdout, 'No findings, but 2 files were not checked (see standard error).\n');
  assert.equal(
    run.stderr,
    'memhints: notice: pipe.py: not checked: it is a FIFO, not a regular file\n' +
      'memhints: notice: zero.py: not checked: it is a device, not a regular file\n',
  );
  // A directory search skips them without a word, as it skips other files that are not Python.
  assert.match(memhints(['check', '.'], root).stdout, /^good\.py:2:11: MEM101 .*\nFound 1 finding/s);
});

test('--fix does not write through a link to a file outside the folder checked, and says so', (t) => {
  const root = project(t, {});
  mkdirSync(join(root, 'tree'));
  mkdirSync(join(root, 'elsewhere'));
  writeFileSync(join(root, 'elsewhere', 'shared.py'), FLAGGED);
  writeFileSync(join(root, 'tree', 'own.py'), FLAGGED);
  symlinkSync(join(root, 'elsewhere', 'shared.py'), join(root, 'tree', 'link.py'));
  const run = memhints(['check', '--fix', 'tree'], root);
  assert.equal(run.status, 1, run.stderr);
  assert.match(run.stdout, /^tree\/link\.py:2:11: MEM101 /m);
  assert.match(run.stdout, /^Fixed 1 finding in 1 file\.$/m);
  assert.equal(
    run.stderr,
    `memhints: notice: tree/link.py: not fixed: it links to ${join(root, 'elsewhere', 'shared.py')}, outside the folder checked\n`,
  );
  assert.equal(readFileSync(join(root, 'elsewhere', 'shared.py'), 'utf8'), FLAGGED);
  assert.notEqual(readFileSync(join(root, 'tree', 'own.py'), 'utf8'), FLAGGED);
});

test('a notebook nested past what it reads, or with cells nbformat refuses, is an error; the run goes on', (t) => {
  const deep = `{"cells": [], "metadata": {"x": ${'['.repeat(20_000)}${']'.repeat(20_000)}}}`;
  const root = project(t, {
    'a_deep.ipynb': deep,
    'b_strings.ipynb': JSON.stringify({ cells: ['x = 1'], metadata: {}, nbformat: 4, nbformat_minor: 5 }),
    'c_good.py': FLAGGED,
  });
  const run = memhints(['check'], root);
  assert.equal(run.status, 2);
  assert.match(run.stdout, /^c_good\.py:2:11: MEM101 /m);
  assert.equal(
    run.stderr,
    'memhints: error: a_deep.ipynb: not a notebook: its JSON nests 20002 levels deep, more than the 512 read\n' +
      'memhints: error: b_strings.ipynb: not a notebook: cell 1 is not an object\n',
  );
});
