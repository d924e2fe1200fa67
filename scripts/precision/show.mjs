#!/usr/bin/env node
// Prints the code around each sampled finding, for triage by reading: the flagged line marked
// with `>`, in a notebook the code cells laid end to end under `# [cell N]` headers.
//
//   node scripts/precision/show.mjs SAMPLE.tsv --root CORPUS [--before 40] [--after 15] [ID...]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readTsv } from './findings.mjs';

const { values, positionals } = parseArgs({
  options: {
    root: { type: 'string' },
    before: { type: 'string', default: '40' },
    after: { type: 'string', default: '15' },
  },
  allowPositionals: true,
});
if (positionals.length < 1 || values.root === undefined) {
  console.error('usage: node scripts/precision/show.mjs SAMPLE.tsv --root CORPUS [--before 40] [--after 15] [ID...]');
  process.exit(2);
}
const wanted = new Set(positionals.slice(1));
for (const row of readTsv(positionals[0])) {
  if (wanted.size > 0 && !wanted.has(row.id)) continue;
  const text = readFileSync(join(values.root, row.file), 'utf8');
  const lines = row.file.endsWith('.ipynb')
    ? notebookLines(text)
    : text.split(/\r\n|\r|\n/).map((code, i) => ({ cell: undefined, line: i + 1, code }));
  const at = lines.findIndex((l) => l.line === Number(row.line) && (row.cell === '' || l.cell === Number(row.cell)));
  const message = row['after-message'] || row.message || row['before-message'];
  console.log(
    `\n=== ${row.id} ${row.code} ${row.file}${row.cell ? ` cell ${row.cell}` : ''}:${row.line}:${row.column}\n    ${message}`,
  );
  const from = Math.max(0, at - Number(values.before));
  const to = Math.min(lines.length, at + Number(values.after) + 1);
  let cell;
  for (let i = from; i < to; i += 1) {
    const l = lines[i];
    if (l.cell !== cell && l.cell !== undefined) console.log(`# [cell ${l.cell}]`);
    cell = l.cell;
    console.log(`${i === at ? '>' : ' '}${String(l.line).padStart(5)}  ${l.code}`);
  }
}

/** The code cells of a notebook (nbformat 4 or 3), line by line, each line knowing its cell (1-based, all cells counted) and its line in the cell. */
function notebookLines(json) {
  const notebook = JSON.parse(json);
  const cells = notebook.cells ?? (notebook.worksheets ?? []).flatMap((sheet) => sheet.cells ?? []);
  const lines = [];
  for (const [index, cell] of cells.entries()) {
    if (cell.cell_type !== 'code') continue;
    const source = cell.source ?? cell.input ?? '';
    const text = Array.isArray(source) ? source.join('') : source;
    for (const [i, code] of text.split('\n').entries()) lines.push({ cell: index + 1, line: i + 1, code });
  }
  return lines;
}
