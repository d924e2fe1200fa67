// `--format text` (the default): one line per finding, [*] when a fix applies, a summary.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { jsonFindings, memhints, project } from '../support/cli';

// sum() of a pure comprehension has a safe fix; any() short-circuits, so its fix is unsafe.
const SOURCE = 'xs = [1, 2, 3]\nprint(sum([x for x in xs]))\nprint(any([x > 2 for x in xs]))\n';

test('text lines are path:line:column: CODE message, with [*] for fixes --fix would apply', (t) => {
  const root = project(t, { 'src/mod.py': SOURCE });
  const findings = jsonFindings(memhints(['check', '--format', 'json'], root));
  const run = memhints(['check'], root);
  assert.equal(run.status, 1);
  const lines = run.stdout.trimEnd().split('\n');
  const expected = findings.map(
    (finding) =>
      `${finding.file}:${finding.line}:${finding.column}: ${finding.code} ${finding.message}${finding.fix?.safety === 'safe' ? ' [*]' : ''}`,
  );
  assert.deepEqual(lines.slice(0, -1), expected);
  assert.ok(lines[0]!.startsWith(`${join('src', 'mod.py')}:2:`));
  const safe = findings.filter((finding) => finding.fix?.safety === 'safe').length;
  const unsafe = findings.filter((finding) => finding.fix?.safety === 'unsafe').length;
  assert.ok(safe > 0 && unsafe > 0);
  assert.equal(
    lines.at(-1),
    `Found ${findings.length} findings (${safe} fixable with --fix, ${unsafe} more fixable with --fix --unsafe-fixes).`,
  );
});

test('with --unsafe-fixes, unsafe fixes are marked [*] and counted as fixable', (t) => {
  const root = project(t, { 'mod.py': SOURCE });
  const findings = jsonFindings(memhints(['check', '--format', 'json'], root));
  const lines = memhints(['check', '--unsafe-fixes'], root).stdout.trimEnd().split('\n');
  const fixable = findings.filter((finding) => finding.fix !== null).length;
  assert.equal(lines.filter((line) => line.endsWith(' [*]')).length, fixable);
  assert.equal(lines.at(-1), `Found ${findings.length} findings (${fixable} fixable with --fix).`);
});

test('# noqa hides a finding unless --ignore-noqa', (t) => {
  const root = project(t, { 'mod.py': 'xs = [1]\nprint(sum([x for x in xs]))  # noqa: MEM101\n' });
  assert.equal(memhints(['check'], root).stdout, 'All checks passed!\n');
  const run = memhints(['check', '--ignore-noqa'], root);
  assert.equal(run.status, 1);
  assert.match(run.stdout, /^mod\.py:2:11: MEM101 .*\nFound 1 finding \(1 fixable with --fix\)\.\n$/);
});
