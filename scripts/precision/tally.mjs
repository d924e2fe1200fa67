#!/usr/bin/env node
// Turns a triaged sample and a run's findings into the precision tables of docs/precision.md.
//
//   node scripts/precision/tally.mjs TRIAGE.tsv --findings FINDINGS.json --root CORPUS [--ran-in DIR] [--reading copying]
//
// Per rule: the run's findings by severity, how many of the sample the run still reports (same
// file, cell, line and rule: `matchRow` in findings.mjs, so a finding whose column moved is the
// same finding), and the verdicts of those (TP, TP-trivial, FP). "Warning" is the severity the
// run gives a sampled finding now. The totals are given twice: over the sample as drawn, and
// weighted by each rule's share of the run's findings (or warnings): the sample takes up to 12
// of each rule, so a rule with few findings weighs as much in it as a rule with hundreds.
// A sampled finding the run no longer reports counts as silenced, whatever its verdict.
// --reading copying takes the verdict written as "(as copying: VERDICT)" in a reason instead
// of the verdict column: MEM204 judged on the copying it removes rather than on the peak.
import { parseArgs } from 'node:util';
import { matchRow, readFindings, readTsv } from './findings.mjs';

const VERDICTS = ['TP', 'TP-trivial', 'FP'];
const SEVERITIES = ['warning', 'information', 'hint'];
const SCALES = ['large', 'unknown', 'small'];
const { values, positionals } = parseArgs({
  options: {
    findings: { type: 'string' },
    root: { type: 'string' },
    'ran-in': { type: 'string' },
    reading: { type: 'string' },
  },
  allowPositionals: true,
});
if (positionals.length !== 1 || values.findings === undefined || values.root === undefined) {
  console.error(
    'usage: node scripts/precision/tally.mjs TRIAGE.tsv --findings FINDINGS.json --root CORPUS [--ran-in DIR] [--reading copying]',
  );
  process.exit(2);
}

const findings = readFindings(values.findings, values.root, values['ran-in']);
const rows = readTsv(positionals[0]).map((row) => {
  const now = matchRow(row, findings);
  return {
    ...row,
    verdict: verdictOf(row),
    reported: now !== undefined,
    severityNow: now?.severity,
    scaleNow: now?.scale,
  };
});
for (const row of rows) {
  if (!VERDICTS.includes(row.verdict))
    throw new Error(`${row.id}: verdict "${row.verdict}" is none of ${VERDICTS.join(', ')}`);
}

const codes = [...new Set([...findings.map((f) => f.code), ...rows.map((r) => r.code)])].sort();
const table = codes.map((code) => ruleFigures(code));

console.log(
  `| rule | findings | ${SEVERITIES.join(' | ')} | sampled | still reported | of which warnings | TP | TP-trivial | FP | FP share | TP share among warnings |`,
);
console.log(`|---|---:|${SEVERITIES.map(() => '---:').join('|')}|---:|---:|---:|---:|---:|---:|---:|---:|`);
for (const r of table) {
  console.log(
    `| ${r.code} | ${r.findings} | ${SEVERITIES.map((s) => r[s]).join(' | ')} | ${r.sampled} | ${r.kept} | ${r.warnKept} | ${r.TP} | ${r['TP-trivial']} | ${r.FP} | ${percent(r.FP, r.kept)} | ${percent(r.warnTP, r.warnKept)} |`,
  );
}
const sum = (key) => table.reduce((total, r) => total + r[key], 0);
console.log(
  `| **all (sample)** | **${sum('findings')}** | ${SEVERITIES.map((s) => `**${sum(s)}**`).join(' | ')} | **${sum('sampled')}** | **${sum('kept')}** | **${sum('warnKept')}** | **${sum('TP')}** | **${sum('TP-trivial')}** | **${sum('FP')}** | **${percent(sum('FP'), sum('kept'))}** | **${percent(sum('warnTP'), sum('warnKept'))}** |`,
);
console.log(
  `| **all (weighted by findings per rule)** | | ${SEVERITIES.map(() => '').join(' | ')} | | | | ${weighted('TP', 'findings', 'kept')} | ${weighted('TP-trivial', 'findings', 'kept')} | ${weighted('FP', 'findings', 'kept')} | **${weighted('FP', 'findings', 'kept')}** | **${weighted('warnTP', 'warning', 'warnKept')}** |`,
);
const unweighted = table.filter((r) => r.warning > 0 && r.warnKept === 0).map((r) => `${r.code} (${r.warning})`);
if (unweighted.length > 0)
  console.log(
    `\nWarnings of rules with no sampled warning, left out of the weighted TP share: ${unweighted.join(', ')}.`,
  );

console.log('\n| scale (by hand) | sampled, still reported | TP | TP-trivial | FP |');
console.log('|---|---:|---:|---:|---:|');
for (const scale of SCALES)
  printVerdicts(
    scale,
    rows.filter((r) => r.reported && r.scale === scale),
  );

if (rows.some((r) => r.scaleNow !== undefined)) {
  console.log('\n| scale and severity (as reported) | sampled, still reported | TP | TP-trivial | FP |');
  console.log('|---|---:|---:|---:|---:|');
  for (const scale of SCALES) {
    for (const severity of SEVERITIES) {
      const of = rows.filter((r) => r.reported && r.scaleNow === scale && r.severityNow === severity);
      if (of.length > 0) printVerdicts(`${scale}, ${severity}`, of);
    }
  }
}

const silenced = rows.filter((r) => !r.reported);
if (silenced.length > 0) console.log(`\nNo longer reported: ${silenced.length} (${countVerdicts(silenced)}).`);
const overstated = rows.filter((r) => r.reported && /^\[overstated\]/.test(r.reason ?? ''));
if (overstated.length > 0)
  console.log(
    `Still reported with a message that overstates the saving ([overstated] in the reason): ${overstated.length} (${countVerdicts(overstated)}).`,
  );

function ruleFigures(code) {
  const ofRule = findings.filter((f) => f.code === code);
  const sampled = rows.filter((r) => r.code === code);
  const kept = sampled.filter((r) => r.reported);
  const warnKept = kept.filter((r) => r.severityNow === 'warning');
  const figures = {
    code,
    findings: ofRule.length,
    sampled: sampled.length,
    kept: kept.length,
    warnKept: warnKept.length,
  };
  for (const s of SEVERITIES) figures[s] = ofRule.filter((f) => f.severity === s).length;
  for (const v of VERDICTS) figures[v] = kept.filter((r) => r.verdict === v).length;
  figures.warnTP = warnKept.filter((r) => r.verdict === 'TP').length;
  return figures;
}

/** The share of `part` over all findings (or warnings), each rule's sample standing for its `population`. */
function weighted(part, population, base) {
  let estimate = 0;
  let total = 0;
  for (const r of table) {
    if (r[base] === 0) continue;
    estimate += (r[population] * r[part]) / r[base];
    total += r[population];
  }
  return total === 0 ? '–' : `${((100 * estimate) / total).toFixed(1)}%`;
}

function printVerdicts(label, of) {
  console.log(
    `| ${label} | ${of.length} | ${VERDICTS.map((v) => of.filter((r) => r.verdict === v).length).join(' | ')} |`,
  );
}

function countVerdicts(of) {
  return VERDICTS.map((v) => `${of.filter((r) => r.verdict === v).length} ${v}`).join(', ');
}

function percent(part, whole) {
  return whole === 0 ? '–' : `${((100 * part) / whole).toFixed(1)}%`;
}

function verdictOf(row) {
  if (values.reading !== 'copying') return row.verdict;
  return /\(as copying: (TP-trivial|TP|FP)\)/.exec(row.reason)?.[1] ?? row.verdict;
}
