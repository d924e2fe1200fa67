// --select and --ignore: comma lists of codes or prefixes; the more specific wins.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ALL_RULES } from '../../server/src/rules';
import { jsonFindings, memhints, project } from '../support/cli';

const SOURCE = 'xs = [1, 2]\nprint(sum([x for x in xs]))\nfor x in list(xs):\n    print(x)\n';

function codes(root: string, args: readonly string[]): string[] {
  return [
    ...new Set(jsonFindings(memhints(['check', '--format', 'json', ...args], root)).map((finding) => finding.code)),
  ].sort();
}

test('--select and --ignore narrow the rules by code and prefix', (t) => {
  const root = project(t, { 'mod.py': SOURCE });
  const all = codes(root, []);
  assert.ok(all.includes('MEM101'));
  assert.deepEqual(codes(root, ['--select', 'MEM101']), ['MEM101']);
  assert.deepEqual(codes(root, ['--select', 'mem101']), ['MEM101']);
  assert.deepEqual(
    codes(root, ['--ignore', 'MEM101']),
    all.filter((code) => code !== 'MEM101'),
  );
  assert.deepEqual(
    codes(root, ['--select', 'MEM1', '--ignore', 'MEM101']),
    all.filter((code) => code.startsWith('MEM1') && code !== 'MEM101'),
  );
  assert.deepEqual(codes(root, ['--select', 'MEM101', '--ignore', 'MEM1']), ['MEM101']);
  assert.deepEqual(codes(root, ['--ignore', 'MEM']), []);
});

test('a well-formed code that matches no rule is a warning, not an error', (t) => {
  const root = project(t, { 'mod.py': SOURCE });
  const unused = 'MEM999';
  assert.ok(!ALL_RULES.some((rule) => rule.code === unused));
  const run = memhints(['check', '--select', unused], root);
  assert.equal(run.status, 0);
  assert.match(run.stderr, /warning: --select MEM999 matches no rule/);
  assert.equal(run.stdout, 'All checks passed!\n');
});
