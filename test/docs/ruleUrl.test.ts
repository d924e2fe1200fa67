// Rule page links point into the repository that package.json names.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPOSITORY_URL, ruleDocsUrl } from '../../server/src/docs/ruleUrl';
import { ALL_RULES } from '../../server/src/rules';
import { REPO_ROOT } from '../support/paths';

test("the repository URL is package.json's repository.url", () => {
  const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { repository: { url: string } };
  assert.equal(REPOSITORY_URL, manifest.repository.url.replace(/\.git$/, ''));
});

test("each rule's URL is its page under docs/rules on main, and that page exists here", () => {
  for (const rule of ALL_RULES) {
    const url = ruleDocsUrl(rule.code);
    assert.equal(url, `${REPOSITORY_URL}/blob/main/docs/rules/${rule.code}.md`);
    assert.ok(existsSync(join(REPO_ROOT, url.slice(`${REPOSITORY_URL}/blob/main/`.length))), url);
  }
});
