#!/usr/bin/env node
// Draws a reproducible sample of findings for hand review from `memhints check --format json` output:
// up to PER_RULE findings of each rule (all of them when a rule has fewer), chosen by a seeded shuffle,
// printed as "file:line<TAB>code<TAB>source line" sorted by rule then place.
//
//   node scripts/sample-findings.mjs findings.json [--root DIR] [--per-rule 20] [--seed 2024]
//
// --root is the directory the check ran in, used to read the flagged lines.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { mulberry32 } from './seededRandom.mjs';

const { values, positionals } = parseArgs({
  options: {
    root: { type: 'string', default: '.' },
    'per-rule': { type: 'string', default: '20' },
    seed: { type: 'string', default: '2024' },
  },
  allowPositionals: true,
});
if (positionals.length !== 1) {
  console.error('usage: node scripts/sample-findings.mjs findings.json [--root DIR] [--per-rule N] [--seed N]');
  process.exit(2);
}

const findings = JSON.parse(readFileSync(positionals[0], 'utf8'));
const perRule = Number(values['per-rule']);
const random = mulberry32(Number(values.seed));

// A stable order first, so the same findings and seed always give the same sample.
const byRule = new Map();
for (const finding of [...findings].sort(byPlace)) {
  const list = byRule.get(finding.code) ?? [];
  list.push(finding);
  byRule.set(finding.code, list);
}

const sample = [];
for (const code of [...byRule.keys()].sort()) {
  const list = byRule.get(code);
  sample.push(...shuffle(list, random).slice(0, perRule).sort(byPlace));
}

const lines = new Map();
for (const finding of sample) {
  if (!lines.has(finding.file))
    lines.set(finding.file, readFileSync(join(values.root, finding.file), 'utf8').split(/\r\n|\r|\n/));
  const text = lines.get(finding.file)[finding.line - 1].trim();
  console.log(`${finding.file}:${finding.line}\t${finding.code}\t${text}`);
}

function byPlace(a, b) {
  return a.code.localeCompare(b.code) || a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column;
}

function shuffle(items, next) {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(next() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}
