// `memhints rule CODE` prints the rule's page; `memhints rule --all` lists the rules.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ruleMarkdown } from '../../server/src/docs/ruleMarkdown';
import { ALL_RULES } from '../../server/src/rules';
import { hasStackTrace, memhints, project } from '../support/cli';
import { REPO_ROOT } from '../support/paths';

test("memhints rule MEM101 prints the rule's page, the one in docs/rules without its generated-file notice", (t) => {
  const cwd = project(t, {});
  for (const rule of ALL_RULES) {
    const run = memhints(['rule', rule.code.toLowerCase()], cwd);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stderr, '');
    assert.equal(run.stdout, ruleMarkdown(rule));
    const page = readFileSync(join(REPO_ROOT, 'docs', 'rules', `${rule.code}.md`), 'utf8');
    assert.ok(
      page.endsWith(`\n\n${run.stdout}`),
      `${rule.code}: docs/rules/${rule.code}.md ends with what the CLI prints`,
    );
    assert.ok(run.stdout.startsWith(`# ${rule.name} (${rule.code})\n`));
  }
});

test('memhints rule --all lists every rule in order: code, name, summary', (t) => {
  const run = memhints(['rule', '--all'], project(t, {}));
  assert.equal(run.status, 0, run.stderr);
  const lines = run.stdout.trimEnd().split('\n');
  assert.equal(lines.length, ALL_RULES.length);
  for (const [index, rule] of ALL_RULES.entries()) {
    assert.deepEqual(lines[index]!.split(/ {2,}/), [rule.code, rule.name, rule.summary]);
  }
  // The summaries start in one column.
  assert.equal(new Set(lines.map((line, index) => line.indexOf(ALL_RULES[index]!.summary))).size, 1);
});

test('an unknown rule is a usage error on stderr with exit code 2', (t) => {
  const run = memhints(['rule', 'MEM999'], project(t, {}));
  assert.equal(run.status, 2);
  assert.equal(run.stdout, '');
  assert.equal(run.stderr, 'memhints: error: unknown rule "MEM999"\n');
  assert.ok(!hasStackTrace(run.stderr));
});

test('the help names the rule command and the new check options', (t) => {
  const cwd = project(t, {});
  const main = memhints(['--help'], cwd).stdout;
  assert.match(main, /memhints rule CODE/);
  assert.match(main, /memhints rule --all/);
  const check = memhints(['check', '--help'], cwd).stdout;
  for (const word of ['--statistics', 'sarif', 'github']) assert.ok(check.includes(word), word);
  assert.match(memhints(['rule', '--help'], cwd).stdout, /^Usage: memhints rule CODE/);
});
