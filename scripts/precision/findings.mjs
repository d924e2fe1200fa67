// What the precision scripts share: how a finding is identified, and the sample's TSV layout.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** The sample's columns; scale, verdict and reason are filled in by hand. */
export const SAMPLE_COLUMNS = ['id', 'file', 'cell', 'line', 'column', 'code', 'severity', 'message', 'scale', 'verdict', 'reason'];

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
  return (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || (a.cell ?? 0) - (b.cell ?? 0) || a.line - b.line || a.column - b.column || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

/** One TSV line; tabs and line breaks inside a field become spaces. */
export function tsvLine(fields) {
  return fields.map((field) => String(field).replace(/[\t\r\n]+/g, ' ')).join('\t');
}

/** A TSV file with a header line, as objects keyed by column name. */
export function readTsv(path) {
  const [header, ...rows] = readFileSync(path, 'utf8').split('\n').filter((line) => line.length > 0);
  const names = header.split('\t');
  return rows.map((row) => Object.fromEntries(row.split('\t').map((value, i) => [names[i], value])));
}

/** A sample row as a finding again (numbers parsed), so that its key can be compared. */
export function rowAsFinding(row) {
  return { file: row.file, cell: row.cell === '' ? undefined : Number(row.cell), line: Number(row.line), column: Number(row.column), code: row.code };
}
