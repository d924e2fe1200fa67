// What the precision scripts share: how a finding is identified, and the sample's TSV layout.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';

/**
 * The sample's columns; scale, verdict and reason are filled in by hand. `reported-scale` is the
 * scale memhints gave the finding (empty for runs older than findings with a scale).
 */
export const SAMPLE_COLUMNS = [
  'id',
  'file',
  'cell',
  'line',
  'column',
  'code',
  'severity',
  'reported-scale',
  'message',
  'scale',
  'verdict',
  'reason',
];

/**
 * A finding's identity: where it is and which rule made it. Messages and severities change as
 * the rules are refined; the place and the code do not, so a triaged finding can be found again
 * in a later run. `file` is relative to the corpus root.
 */
export function findingKey(finding) {
  return [finding.file, finding.cell ?? '', finding.line, finding.column, finding.code].join(':');
}

export function findingId(finding) {
  return createHash('sha1').update(findingKey(finding)).digest('hex').slice(0, 10);
}

/** Orders findings by place, then rule: numbers compare as numbers. */
export function byPlace(a, b) {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    (a.cell ?? 0) - (b.cell ?? 0) ||
    a.line - b.line ||
    a.column - b.column ||
    (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)
  );
}

/** One TSV line; tabs and line breaks inside a field become spaces. */
export function tsvLine(fields) {
  return fields.map((field) => String(field).replace(/[\t\r\n]+/g, ' ')).join('\t');
}

/** A TSV file with a header line, as objects keyed by column name. */
export function readTsv(path) {
  const [header, ...rows] = readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.length > 0);
  const names = header.split('\t');
  return rows.map((row) => Object.fromEntries(row.split('\t').map((value, i) => [names[i], value])));
}

/** A sample row as a finding again (numbers parsed), so that its key can be compared. */
export function rowAsFinding(row) {
  return {
    file: row.file,
    cell: row.cell === '' ? undefined : Number(row.cell),
    line: Number(row.line),
    column: Number(row.column),
    code: row.code,
  };
}

/** Where a finding is, without its column: a rule's finding can move along its line when the rule changes what it points at. */
export function placeKey(finding) {
  return [finding.file, finding.cell ?? '', finding.line, finding.code].join(':');
}

/**
 * The finding of `findings` that stands for a sampled row: same file, cell, line and rule, the
 * nearest column if several; else a finding that lists the row's line among its related places
 * (a rule that reports once per loop names the other lines there). Undefined if none.
 */
export function matchRow(row, findings) {
  const wanted = rowAsFinding(row);
  const key = placeKey(wanted);
  const onLine = findings.filter((f) => placeKey(f) === key);
  if (onLine.length > 0) return { ...nearestColumn(onLine, wanted.column), how: 'line' };
  const related = findings.find(
    (f) =>
      f.file === wanted.file &&
      (f.cell ?? '') === (wanted.cell ?? '') &&
      f.code === wanted.code &&
      (f.related ?? []).some((r) => r.line === wanted.line),
  );
  return related === undefined ? undefined : { ...related, how: 'related' };
}

function nearestColumn(candidates, column) {
  return candidates.reduce((best, f) => (Math.abs(f.column - column) < Math.abs(best.column - column) ? f : best));
}

/** A run's JSON findings, their paths made relative to the corpus root (`ranIn`: the directory the run's paths are relative to). */
export function readFindings(path, root, ranIn = root) {
  return JSON.parse(readFileSync(path, 'utf8')).map((f) => ({
    ...f,
    file: relative(resolve(root), resolve(ranIn, f.file)).split('\\').join('/'),
  }));
}
