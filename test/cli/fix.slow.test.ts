// --fix and --diff: fixed files keep their behaviour (checked under python3),
// unsafe fixes wait for --unsafe-fixes, --diff writes nothing.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { jsonFindings, memhints, project, python, type JsonFinding } from '../support/cli';

const PROGRAM = [
  'import statistics',
  '',
  'xs = [3, 1, 4, 1, 5, 9, 2, 6]',
  'label = "😀 café"; total = sum([x * x for x in xs])',
  'print(label, total)',
  'print(sorted([x - 1 for x in xs]))',
  'print(min([x for x in xs if x > 10], default=-1))',
  'print(set([x % 3 for x in xs]) == {0, 1, 2})',
  '# The inner fix overlaps the outer one, so it needs a second pass.',
  'print(sum([x for x in sorted([y * 2 for y in xs])]))',
  'print(max([',
  '    x  # the largest',
  '    for x in xs',
  ']))',
  'print(statistics.mean([x for x in xs]))',
  '# Unsafe: any() stops early; describe() is a call the analysis cannot see into.',
  'def describe(x):',
  '    return str(x)',
  'print(any([x > 5 for x in xs]))',
  'print(tuple([len(describe(x)) for x in xs]))',
  '',
].join('\n');

const count = (findings: readonly JsonFinding[], safety: 'safe' | 'unsafe') =>
  findings.filter((finding) => finding.fix?.safety === safety).length;

test('--fix applies the safe fixes, over several passes, and the program prints the same', (t) => {
  const root = project(t, { 'prog.py': PROGRAM });
  const before = jsonFindings(memhints(['check', '--format', 'json'], root));
  const safe = count(before, 'safe');
  const unsafe = count(before, 'unsafe');
  assert.ok(safe >= 7 && unsafe >= 2, JSON.stringify(before));
  const output = python('prog.py', root);
  assert.equal(output.status, 0, output.stderr);

  const run = memhints(['check', '--fix'], root);
  assert.equal(run.status, 1, 'the unsafe findings remain');
  assert.match(run.stdout, new RegExp(`^Fixed ${safe} findings in 1 file\\.$`, 'm'));
  const fixed = readFileSync(join(root, 'prog.py'), 'utf8');
  assert.notEqual(fixed, PROGRAM);
  assert.ok(fixed.includes('# the largest'), 'comments inside the brackets survive');
  assert.equal(python('prog.py', root).stdout, output.stdout);

  const after = jsonFindings(memhints(['check', '--format', 'json'], root));
  assert.equal(count(after, 'safe'), 0);
  assert.equal(after.length, before.length - safe);
});

test('--fix --unsafe-fixes applies every fix and exits 0 when nothing remains', (t) => {
  const root = project(t, { 'prog.py': PROGRAM });
  const before = jsonFindings(memhints(['check', '--format', 'json'], root));
  const output = python('prog.py', root);
  const run = memhints(['check', '--fix', '--unsafe-fixes'], root);
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.equal(run.stdout, `Fixed ${before.length} findings in 1 file.\nAll checks passed!\n`);
  assert.equal(python('prog.py', root).stdout, output.stdout);
});

test('--fix keeps a byte order mark, CRLF line ends and the file mode', (t) => {
  const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(PROGRAM.replace(/\n/g, '\r\n'))]);
  const root = project(t, { 'prog.py': bytes });
  const output = python('prog.py', root);
  assert.equal(output.status, 0, output.stderr);
  memhints(['check', '--fix'], root);
  const fixed = readFileSync(join(root, 'prog.py'));
  assert.notDeepEqual(fixed, bytes);
  assert.deepEqual([...fixed.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  assert.ok(!/[^\r]\n/.test(fixed.toString('utf8')), 'every line still ends with CRLF');
  assert.equal(python('prog.py', root).stdout, output.stdout);
});

test('--fix with --format json prints the remaining findings and the count on stderr', (t) => {
  const root = project(t, { 'prog.py': PROGRAM });
  const before = jsonFindings(memhints(['check', '--format', 'json'], root));
  const run = memhints(['check', '--fix', '--format', 'json'], root);
  assert.equal(jsonFindings(run).length, count(before, 'unsafe'));
  assert.equal(run.stderr, `Fixed ${count(before, 'safe')} findings in 1 file.\n`);
});

/** Applies a unified diff to text: enough of `patch` to check what --diff prints. */
function applyUnifiedDiff(text: string, diff: string): string {
  const lines = text.split(/(?<=\n)/);
  const result: string[] = [];
  let next = 0;
  const body = diff.split('\n').slice(2, -1);
  for (let i = 0; i < body.length; i++) {
    const header = /^@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@$/.exec(body[i]!);
    assert.ok(header, `hunk header expected: ${body[i]}`);
    const start = Number(header[1]) - (header[2] === '0' ? 0 : 1);
    result.push(...lines.slice(next, start));
    next = start;
    for (i++; i < body.length && !body[i]!.startsWith('@@'); i++) {
      const [kind, content] = [body[i]![0], `${body[i]!.slice(1)}\n`];
      if (kind === ' ' || kind === '-') {
        assert.equal(lines[next], content, `line ${next + 1} of the original`);
        next++;
      }
      if (kind === ' ' || kind === '+') result.push(content);
    }
    i--;
  }
  return [...result, ...lines.slice(next)].join('');
}

test('--diff prints the fixes as a unified diff, writes nothing and exits 1', (t) => {
  const root = project(t, { 'prog.py': PROGRAM });
  const run = memhints(['check', '--diff'], root);
  assert.equal(run.status, 1, run.stderr);
  assert.equal(readFileSync(join(root, 'prog.py'), 'utf8'), PROGRAM, '--diff must not write');
  assert.ok(run.stdout.startsWith('--- prog.py\n+++ prog.py\n@@ '));

  const fixedRoot = project(t, { 'prog.py': PROGRAM });
  memhints(['check', '--fix'], fixedRoot);
  assert.equal(applyUnifiedDiff(PROGRAM, run.stdout), readFileSync(join(fixedRoot, 'prog.py'), 'utf8'));
  assert.match(run.stderr, /^Would fix \d+ findings in 1 file\.$/m);
});

test('--diff exits 0 and prints no diff when there is nothing to fix', (t) => {
  const root = project(t, { 'prog.py': 'print(any([x for x in range(3)]))\n' });
  const run = memhints(['check', '--diff'], root);
  assert.equal(run.status, 0);
  assert.equal(run.stdout, '');
});

test('--diff --unsafe-fixes shows the unsafe fixes too: the diff is what --fix --unsafe-fixes writes', (t) => {
  const root = project(t, { 'prog.py': PROGRAM });
  const safeOnly = memhints(['check', '--diff'], root);
  const run = memhints(['check', '--diff', '--unsafe-fixes'], root);
  assert.equal(run.status, 1, run.stderr);
  assert.equal(readFileSync(join(root, 'prog.py'), 'utf8'), PROGRAM, '--diff must not write');
  assert.notEqual(run.stdout, safeOnly.stdout);
  assert.ok(run.stdout.includes('+print(any(x > 5 for x in xs))'), 'the unsafe any() fix is in the diff');
  assert.ok(!safeOnly.stdout.includes('+print(any('), 'and only with --unsafe-fixes');

  const fixedRoot = project(t, { 'prog.py': PROGRAM });
  assert.equal(memhints(['check', '--fix', '--unsafe-fixes'], fixedRoot).status, 0);
  assert.equal(applyUnifiedDiff(PROGRAM, run.stdout), readFileSync(join(fixedRoot, 'prog.py'), 'utf8'));
  const before = jsonFindings(memhints(['check', '--format', 'json'], root));
  assert.match(run.stderr, new RegExp(`^Would fix ${before.length} findings in 1 file\\.$`, 'm'));
});
