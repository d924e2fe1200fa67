#!/usr/bin/env node
// Finds a triaged sample again in a later run: for each row, whether the run still reports it
// (same file, cell, line and rule; the column may move), with which severity, scale and
// message; prints the rows as TSV with those columns added, verdict and reason carried over
// (a changed message needs reading again: the verdict is about the claim at that place).
//
//   node scripts/precision/carry.mjs TRIAGE.tsv --findings AFTER.json [--small AFTER-SMALL.json] --root CORPUS [--ran-in DIR]
//
// --small is a run with --report-small: a row it reports and the default run does not gets
// after-severity "hint (--report-small)". A row no run reports gets "none".
import { parseArgs } from 'node:util';
import { matchRow, readFindings, readTsv, tsvLine } from './findings.mjs';

export const CARRIED_COLUMNS = [
  'id',
  'file',
  'cell',
  'line',
  'column',
  'code',
  'before-severity',
  'before-message',
  'scale',
  'before-verdict',
  'after-column',
  'after-severity',
  'after-scale',
  'after-message',
  'verdict',
  'reason',
];

const { values, positionals } = parseArgs({
  options: {
    findings: { type: 'string' },
    small: { type: 'string' },
    root: { type: 'string' },
    'ran-in': { type: 'string' },
  },
  allowPositionals: true,
});
if (positionals.length !== 1 || values.findings === undefined || values.root === undefined) {
  console.error(
    'usage: node scripts/precision/carry.mjs TRIAGE.tsv --findings AFTER.json [--small AFTER-SMALL.json] --root CORPUS [--ran-in DIR]',
  );
  process.exit(2);
}
const byDefault = readFindings(values.findings, values.root, values['ran-in']);
const withSmall = values.small === undefined ? [] : readFindings(values.small, values.root, values['ran-in']);

console.log(CARRIED_COLUMNS.join('\t'));
for (const row of readTsv(positionals[0])) {
  const now = matchRow(row, byDefault);
  const small = now === undefined ? matchRow(row, withSmall) : undefined;
  const found = now ?? small;
  const severity =
    now !== undefined ? now.severity : small !== undefined ? `${small.severity} (--report-small)` : 'none';
  const where = found?.how === 'related' ? ` [reported at line ${found.line} with this line as related]` : '';
  console.log(
    tsvLine([
      row.id,
      row.file,
      row.cell,
      row.line,
      row.column,
      row.code,
      row.severity,
      row.message,
      row.scale,
      row.verdict,
      found?.column ?? '',
      severity,
      found?.scale ?? '',
      found === undefined ? '' : found.message + where,
      row.verdict,
      row.reason,
    ]),
  );
}
