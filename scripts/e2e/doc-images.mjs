#!/usr/bin/env node
// Copies the real-VS-Code suite's screenshots that the documentation shows
// from test-artifacts/ (where `npm run test:e2e` leaves them) to docs/images/:
// every docs/images/NAME.png that README.md or a page under docs/ refers to
// (relative to its own folder), or only the NAMEs given. A picture the suite
// did not take is an error, so a renamed screenshot cannot leave a stale one.
//
//   npm run test:e2e && node scripts/e2e/doc-images.mjs [NAME…]
import { copyFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const artifacts = join(root, 'test-artifacts');
const images = join(root, 'docs', 'images');

/** README.md and every Markdown page under docs/. */
function markdownFiles() {
  const pages = readdirSync(join(root, 'docs'), { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.md'))
    .map((path) => join(root, 'docs', path));
  return [join(root, 'README.md'), ...pages];
}

/** The names of the docs/images/*.png pictures the documentation refers to. */
function shownImages() {
  const names = new Set();
  for (const file of markdownFiles()) {
    for (const [, name] of readFileSync(file, 'utf8').matchAll(/\(\S*?images\/([\w-]+)\.png\)/g)) names.add(name);
  }
  return [...names].sort();
}

const names = process.argv.length > 2 ? process.argv.slice(2) : shownImages();
const missing = names.filter((name) => !existsSync(join(artifacts, `${name}.png`)));
if (missing.length > 0) {
  console.error(`not in test-artifacts/ (run npm run test:e2e first): ${missing.map((n) => `${n}.png`).join(', ')}`);
  process.exit(1);
}
for (const name of names) {
  copyFileSync(join(artifacts, `${name}.png`), join(images, `${name}.png`));
  console.log(`docs/images/${name}.png`);
}
