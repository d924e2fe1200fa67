// The committed rule pages, index and README table are what `npm run docs` writes
// from the rule files now.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  README_END,
  README_START,
  RULE_PAGES_DIR,
  ruleDocsFiles,
  ruleSourcePath,
  withRulesTable,
} from '../../server/src/docs/generated';
import { ALL_RULES } from '../../server/src/rules';
import { REPO_ROOT } from '../support/paths';

const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
const files = ruleDocsFiles(ALL_RULES, readme);

test('every generated docs file is up to date', () => {
  const stale = files.filter((file) => {
    const path = join(REPO_ROOT, file.path);
    return !existsSync(path) || readFileSync(path, 'utf8') !== file.text;
  });
  assert.deepEqual(
    stale.map((file) => file.path),
    [],
    `stale generated docs: run \`npm run docs\` and commit the result (${stale.map((file) => file.path).join(', ')})`,
  );
});

test('docs/rules holds no page of a rule that does not exist', () => {
  const generated = new Set(files.map((file) => file.path));
  const extra = readdirSync(join(REPO_ROOT, RULE_PAGES_DIR))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `${RULE_PAGES_DIR}/${name}`)
    .filter((path) => !generated.has(path));
  assert.deepEqual(extra, [], 'pages without a rule: run `npm run docs`, which removes them');
});

test('there is one page per rule plus the index, and each names its rule file, which exists', () => {
  const pages = files.filter((file) => file.path.startsWith(`${RULE_PAGES_DIR}/MEM`));
  assert.deepEqual(
    pages.map((file) => file.path),
    ALL_RULES.map((rule) => `${RULE_PAGES_DIR}/${rule.code}.md`),
  );
  for (const rule of ALL_RULES) {
    assert.ok(existsSync(join(REPO_ROOT, ruleSourcePath(rule))), `${ruleSourcePath(rule)} does not exist`);
    assert.ok(pages.find((page) => page.path.endsWith(`${rule.code}.md`))!.text.includes(ruleSourcePath(rule)));
  }
  assert.ok(files.some((file) => file.path === `${RULE_PAGES_DIR}/README.md`));
});

test('the README table lists every rule, with a link to its page, between the markers only', () => {
  const updated = withRulesTable(readme, ALL_RULES);
  const start = updated.indexOf(README_START);
  const end = updated.indexOf(README_END);
  const table = updated.slice(start, end);
  for (const rule of ALL_RULES)
    assert.ok(table.includes(`| [${rule.code}](docs/rules/${rule.code}.md) | ${rule.name} |`), rule.code);
  assert.equal(table.split('\n').filter((line) => line.startsWith('| [MEM')).length, ALL_RULES.length);
  assert.equal(updated.slice(0, start), readme.slice(0, readme.indexOf(README_START)));
  assert.equal(updated.slice(end), readme.slice(readme.indexOf(README_END)));
  assert.equal(withRulesTable(updated, ALL_RULES), updated, 'regenerating changes nothing');
});

test('a README without the markers is an error, not a silent skip', () => {
  assert.throws(() => withRulesTable('# memhints\n', ALL_RULES), /rules:start/);
  assert.throws(() => withRulesTable(`${README_END}\n${README_START}\n`, ALL_RULES), /in that order/);
});
