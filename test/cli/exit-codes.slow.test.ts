// Exit codes: 0 clean, 1 findings, 2 usage or I/O errors, with one-line messages.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from '../support/paths';
import { hasStackTrace, memhints, project } from '../support/cli';

const FLAGGED = 'xs = [1, 2]\nprint(sum([x for x in xs]))\n';
const CLEAN = 'xs = [1, 2]\nprint(sum(x for x in xs))\n';

test('exit code 0 and "All checks passed!" when there is nothing to report', (t) => {
  const root = project(t, { 'clean.py': CLEAN });
  const run = memhints(['check'], root);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout, 'All checks passed!\n');
});

test('exit code 1 when findings remain; --exit-zero reports them and exits 0', (t) => {
  const root = project(t, { 'flagged.py': FLAGGED });
  const run = memhints(['check', '.'], root);
  assert.equal(run.status, 1, run.stderr);
  assert.match(run.stdout, /^flagged\.py:2:11: MEM101 /m);
  const zero = memhints(['check', '--exit-zero'], root);
  assert.equal(zero.status, 0);
  assert.equal(zero.stdout, run.stdout);
});

const USAGE_ERRORS: readonly { readonly args: readonly string[]; readonly says: RegExp }[] = [
  { args: ['check', '--bogus'], says: /Unknown option '--bogus'/ },
  { args: ['check', '--format', 'xml'], says: /--format must be one of text, json/ },
  { args: ['check', '--format'], says: /--format/ },
  { args: ['check', 'missing.py'], says: /missing\.py: no such file or directory/ },
  { args: ['check', '--select', 'E501'], says: /--select: "E501" is not a rule code/ },
  { args: ['check', '--ignore', 'MEM1,x'], says: /--ignore: "x" is not a rule code/ },
  { args: ['check', '--fix=yes'], says: /--fix/ },
  { args: ['check', '--diff', '--format', 'json'], says: /--diff .*--format json/ },
  { args: ['lint'], says: /unknown command "lint"/ },
  { args: [], says: /no command given/ },
];

for (const { args, says } of USAGE_ERRORS) {
  test(`usage error: memhints ${args.join(' ') || '(nothing)'} → exit 2 with one line on stderr`, (t) => {
    const root = project(t, { 'flagged.py': FLAGGED });
    const run = memhints(args, root);
    assert.equal(run.status, 2);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, says);
    assert.equal(run.stderr.trimEnd().split('\n').length, 1, run.stderr);
    assert.ok(!hasStackTrace(run.stderr));
  });
}

test('--exit-zero does not hide a usage error', (t) => {
  const root = project(t, {});
  assert.equal(memhints(['check', 'missing.py', '--exit-zero'], root).status, 2);
});

test('--version prints the package version; --help and check --help exit 0', (t) => {
  const root = project(t, {});
  const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
  const run = memhints(['--version'], root);
  assert.equal(run.status, 0);
  assert.equal(run.stdout, `memhints ${version}\n`);
  const help = memhints(['--help'], root);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /memhints check/);
  const checkHelp = memhints(['check', '--help'], root);
  assert.equal(checkHelp.status, 0);
  for (const option of [
    '--format',
    '--fix',
    '--unsafe-fixes',
    '--diff',
    '--select',
    '--ignore',
    '--exclude',
    '--ignore-noqa',
    '--exit-zero',
    '--no-progress',
  ]) {
    assert.ok(checkHelp.stdout.includes(option), `check --help mentions ${option}`);
  }
  assert.match(checkHelp.stdout, /Exit codes:/);
});
