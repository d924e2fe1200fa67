#!/usr/bin/env node
// Draws a seeded sample of findings, stratified by rule, for hand triage; prints it as TSV.
//
//   node scripts/precision/sample.mjs FINDINGS.json --root CORPUS [--ran-in DIR] [--seed 25] [--per-rule 12] [--min 100]
//
// FINDINGS.json is `memhints check --format json` output. Its paths are relative to the
// directory the check ran in (--ran-in, default: --root) or absolute; the TSV gives them
// relative to --root. Each rule gets min(per-rule, its findings); when that totals less
// than --min, the rest is shared among the rules in proportion to the findings they have
// left. The same findings and seed always give the same sample, whatever order the
// findings come in: they are sorted first, and each rule shuffles with its own generator,
// seeded from the seed and the rule's code: which findings a rule draws does not depend on
// the other rules (only its quota can).
// A finding is identified by file, cell, line, column and code (`findingKey` in
// findings.mjs), which survive changes of memhints' messages and severities; the id is a
// hash of that key.
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { byPlace, findingId, tsvLine, SAMPLE_COLUMNS } from './findings.mjs';

const { values, positionals } = parseArgs({
  options: {
    root: { type: 'string' },
    'ran-in': { type: 'string' },
    seed: { type: 'string', default: '25' },
    'per-rule': { type: 'string', default: '12' },
    min: { type: 'string', default: '100' },
  },
  allowPositionals: true,
});
if (positionals.length !== 1 || values.root === undefined) {
  console.error(
    'usage: node scripts/precision/sample.mjs FINDINGS.json --root CORPUS [--ran-in DIR] [--seed 25] [--per-rule 12] [--min 100]',
  );
  process.exit(2);
}

const root = resolve(values.root);
const ranIn = resolve(values['ran-in'] ?? values.root);
const seed = Number(values.seed);
const findings = JSON.parse(readFileSync(positionals[0], 'utf8')).map((finding) => ({
  ...finding,
  file: relative(root, resolve(ranIn, finding.file)).split('\\').join('/'),
}));

const byRule = new Map();
for (const finding of findings.sort(byPlace)) {
  const list = byRule.get(finding.code) ?? [];
  list.push(finding);
  byRule.set(finding.code, list);
}
const codes = [...byRule.keys()].sort();
const quotas = shareOut(
  codes.map((code) => byRule.get(code).length),
  Number(values['per-rule']),
  Number(values.min),
);

console.log(SAMPLE_COLUMNS.join('\t'));
for (const [i, code] of codes.entries()) {
  const drawn = shuffle(byRule.get(code), ruleSeed(seed, code)).slice(0, quotas[i]).sort(byPlace);
  for (const finding of drawn) {
    console.log(
      tsvLine([
        findingId(finding),
        finding.file,
        finding.cell ?? '',
        finding.line,
        finding.column,
        finding.code,
        finding.severity,
        finding.scale ?? '',
        finding.message,
        '',
        '',
        '',
      ]),
    );
  }
}
console.error(codes.map((code, i) => `${code} ${quotas[i]}/${byRule.get(code).length}`).join(', '));

/** How many findings each rule gives: up to perRule each, then the rest up to `atLeast` in proportion to what is left (largest remainders). */
function shareOut(counts, perRule, atLeast) {
  const quotas = counts.map((count) => Math.min(perRule, count));
  const wanted =
    Math.min(
      atLeast,
      counts.reduce((a, b) => a + b, 0),
    ) - quotas.reduce((a, b) => a + b, 0);
  if (wanted <= 0) return quotas;
  const left = counts.map((count, i) => count - quotas[i]);
  const total = left.reduce((a, b) => a + b, 0);
  const exact = left.map((count) => (count * wanted) / total);
  const extra = exact.map(Math.floor);
  const byRemainder = exact.map((_value, i) => i).sort((a, b) => exact[b] - extra[b] - (exact[a] - extra[a]) || a - b);
  for (const i of byRemainder.slice(0, wanted - extra.reduce((a, b) => a + b, 0))) extra[i] += 1;
  return quotas.map((quota, i) => quota + extra[i]);
}

/** Fisher–Yates with a seeded generator: the same items and seed give the same order on every machine. */
function shuffle(items, seedValue) {
  const rng = xoroshiro128plus(seedValue);
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = uniformInt(rng, 0, i);
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

/** A 32-bit seed per rule (FNV-1a over the seed and the code). */
function ruleSeed(base, code) {
  let hash = 0x811c9dc5;
  for (const ch of `${base}:${code}`) hash = Math.imul(hash ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return hash | 0;
}
