// `npm run docs`: writes docs/rules/*.md and the README's rules table from the rule
// files (through the compiled server/src/docs/generated.ts), and removes pages of
// rules that no longer exist. test/docs fails while any of them is stale.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { ruleDocsFiles, RULE_PAGES_DIR } = require(join(root, 'out/server/src/docs/generated.js'));
const { ALL_RULES } = require(join(root, 'out/server/src/rules/index.js'));

const files = ruleDocsFiles(ALL_RULES, readFileSync(join(root, 'README.md'), 'utf8'));
const written = new Set(files.map((file) => file.path));
const pagesDir = join(root, RULE_PAGES_DIR);
mkdirSync(pagesDir, { recursive: true });
for (const name of readdirSync(pagesDir)) {
  if (name.endsWith('.md') && !written.has(`${RULE_PAGES_DIR}/${name}`)) {
    rmSync(join(pagesDir, name));
    console.log(`removed ${RULE_PAGES_DIR}/${name}`);
  }
}
let changed = 0;
for (const file of files) {
  const path = join(root, file.path);
  if (existsSync(path) && readFileSync(path, 'utf8') === file.text) continue;
  writeFileSync(path, file.text);
  console.log(`wrote ${file.path}`);
  changed++;
}
console.log(changed === 0 ? 'docs are up to date' : `${changed} of ${files.length} files updated`);
