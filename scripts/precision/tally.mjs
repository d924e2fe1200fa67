#!/usr/bin/env node
// Turns a triaged sample and a run's findings into the precision tables of docs/precision.md.
//
//   node scripts/precision/tally.mjs TRIAGE.tsv --findings FINDINGS.json --root CORPUS [--ran-in DIR] [--reading copying]
//
// Per rule: the run's findings (by severity), how many of the sample the run still reports,
// and the verdicts of those (TP, TP-trivial, FP). The totals are given twice: over the sample
// as drawn, and weighted by each rule's share of the run's findings (the sample takes up to 12
// of each rule, so a rule with few findings weighs as much in it as a rule with hundreds).
// A sampled finding the run no longer reports counts as silenced, whatever its verdict.
// --reading copying takes the verdict written as "(as copying: VERDICT)" in a reason instead
// of the verdict column: MEM204 judged on the copying it removes rather than on the peak.
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { findingKey, readTsv, rowAsFinding } from './findings.mjs';

const VERDICTS = ['TP', 'TP-trivial', 'FP'];
const { values, positionals } = parseArgs({
  options: { findings: { type: 'string' }, root: { type: 'string' }, 'ran-in': { type: 'string' }, reading: { type: 'string' } },
  allowPositionals: true,
});
if (positionals.length !== 1 || values.findings === undefined || values.root === undefined) {
  console.error('usage: node scripts/precision/tally.mjs TRIAGE.tsv --findings FINDINGS.json --root CORPUS [--ran-in DIR] [--reading copying]');
  process.exit(2);
}

const root = resolve(values.root);
const ranIn = resolve(values['ran-in'] ?? values.root);
const findings = JSON.parse(readFileSync(values.findings, 'utf8')).map((f) => ({ ...f, file: relative(root, resolve(ranIn, f.file)).split('\\').join('/') }));
const reported = new Map(findings.map((f) => [findingKey(f), f]));
const rows = readTsv(positionals[0]).map((row) => {
  const now = reported.get(findingKey(rowAsFinding(row)));
  return { ...row, verdict: verdictOf(row), reported: now !== undefined, severityNow: now?.severity };
});
for (const row of rows) {
  if (!VERDICTS.includes(row.verdict)) throw new Error(`${row.id}: verdict "${row.verdict}" is none of ${VERDICTS.join(', ')}`);
}

const codes = [...new Set([...findings.map((f) => f.code), ...rows.map((r) => r.code)])].sort();
const table = codes.map((code) => ruleFigures(code));

console.log('| rule | findings | of which warnings | sampled | still reported | TP | TP-trivial | FP | FP share | TP share among warnings |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of table) {
  console.log(`| ${r.code} | ${r.findings} | ${r.warnings} | ${r.sampled} | ${r.kept.length} | ${r.TP} | ${r['TP-trivial']} | ${r.FP} | ${percent(r.FP, r.kept.length)} | ${percent(r.warnTP, r.warnKept)} |`);
}
const sum = (key) => table.reduce((total, r) => total + (typeof r[key] === 'number' ? r[key] : r[key].length), 0);
console.log(`| **all (sample)** | **${sum('findings')}** | **${sum('warnings')}** | **${sum('sampled')}** | **${sum('kept')}** | **${sum('TP')}** | **${sum('TP-trivial')}** | **${sum('FP')}** | **${percent(sum('FP'), sum('kept'))}** | **${percent(sum('warnTP'), sum('warnKept'))}** |`);
console.log(`| **all (weighted by findings per rule)** | | | | | ${weighted('TP', 'findings', 'kept')} | ${weighted('TP-trivial', 'findings', 'kept')} | ${weighted('FP', 'findings', 'kept')} | **${weighted('FP', 'findings', 'kept')}** | **${weighted('warnTP', 'warnings', 'warnKept')}** |`);

console.log('\n| scale (by hand) | sampled | TP | TP-trivial | FP |');
console.log('|---|---:|---:|---:|---:|');
for (const scale of ['large', 'unknown', 'small']) {
  const of = rows.filter((r) => r.reported && r.scale === scale);
  console.log(`| ${scale} | ${of.length} | ${VERDICTS.map((v) => of.filter((r) => r.verdict === v).length).join(' | ')} |`);
}
const silenced = rows.filter((r) => !r.reported);
if (silenced.length > 0) console.log(`\nNo longer reported: ${silenced.length} (${VERDICTS.map((v) => `${silenced.filter((r) => r.verdict === v).length} ${v}`).join(', ')}).`);

function ruleFigures(code) {
  const ofRule = findings.filter((f) => f.code === code);
  const sampled = rows.filter((r) => r.code === code);
  const kept = sampled.filter((r) => r.reported);
  const warnKept = kept.filter((r) => r.severityNow === 'warning');
  const figures = { code, findings: ofRule.length, warnings: ofRule.filter((f) => f.severity === 'warning').length, sampled: sampled.length, kept, warnKept: warnKept.length };
  for (const v of VERDICTS) figures[v] = kept.filter((r) => r.verdict === v).length;
  figures.warnTP = warnKept.filter((r) => r.verdict === 'TP').length;
  return figures;
}

/** The share of `part` over all findings (or warnings), each rule's sample standing for its `population`. */
function weighted(part, population, base) {
  let estimate = 0;
  let total = 0;
  for (const r of table) {
    const sampledBase = typeof r[base] === 'number' ? r[base] : r[base].length;
    if (sampledBase === 0) continue;
    estimate += (r[population] * r[part]) / sampledBase;
    total += r[population];
  }
  return total === 0 ? '–' : `${((100 * estimate) / total).toFixed(1)}%`;
}

function percent(part, whole) {
  return whole === 0 ? '–' : `${((100 * part) / whole).toFixed(1)}%`;
}

function verdictOf(row) {
  if (values.reading !== 'copying') return row.verdict;
  return /\(as copying: (TP-trivial|TP|FP)\)/.exec(row.reason)?.[1] ?? row.verdict;
}
