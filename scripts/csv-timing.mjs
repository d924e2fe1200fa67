#!/usr/bin/env node
// Times estimateCsv on a 1 MiB sample of a mixed-column CSV (the columns of
// test/data/csv_accuracy.py: ints, floats with gaps, bools, codes, free text,
// cities, dates, non-ASCII names) and the parts of it: reading the sample,
// cutting it into header and rows (csvRows; csv-parse alone for comparison),
// and the columns (each one's fields, dtype and bytes). Prints the
// median CPU time of each (process.cpuUsage, steadier than wall time on a
// shared machine) in milliseconds, each part in its own round of runs so
// that its garbage is collected on its own time.
//
//   npx tsc -b && node scripts/csv-timing.mjs [--runs 40] [--rows 60000]
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { mulberry32 } from './seededRandom.mjs';

const require = createRequire(import.meta.url);
const out = join(import.meta.dirname, '..', 'out', 'server', 'src', 'data');
const { estimateCsv } = require(join(out, 'csv.js'));
const { csvRows } = require(join(out, 'csvSample.js'));
const { textColumn } = require(join(out, 'textColumn.js'));
const { CPYTHON, DEFAULT_PYTHON_VERSION } = require(join(out, '..', 'sizes', 'cpython.js'));
const { parse } = require('csv-parse/sync');

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '40' }, rows: { type: 'string', default: '60000' } },
});
const runs = Number(values.runs);
const SAMPLE = 1024 * 1024;

const CITIES = ['Lyon', 'Oslo', 'Lima', 'Pune', 'Kyiv', 'Cork', 'Bern', 'Nice', 'Gent', 'Faro', 'Graz', 'Riga', 'Bonn'];
const NON_ASCII = ['Zoë', 'Ñandú', 'Łódź', 'Åsa Öberg', '東京', 'Straße', 'Ærø', 'naïve café', 'Αθήνα', '🙂 ok'];
const WORDS = ['memory', 'pandas', 'column', 'sample', 'estimate', 'row', 'file', 'data', 'python', 'byte'];

function mixedCsv(rows) {
  // Seeded, so that every run times the same file.
  const next = mulberry32(rows);
  const pick = (list) => list[Math.floor(next() * list.length)];
  const lines = ['id,count,price,stock,flag,flag_na,code,comment,city,day,place'];
  for (let id = 0; id < rows; id++) {
    const price = next() < 0.1 ? '' : (100 + 30 * (next() - 0.5)).toFixed(2);
    const stock = next() < 0.05 ? '' : String(Math.floor(next() * 1000));
    const flagNa = next() < 0.05 ? '' : next() < 0.5 ? 'True' : 'False';
    const comment = Array.from({ length: 1 + Math.floor(next() * 12) }, () => pick(WORDS)).join(' ');
    const day = new Date(Date.UTC(2020, 0, 1 + Math.floor(next() * 1500))).toISOString().slice(0, 10);
    const fields = [id, Math.floor(next() * 100000) - 50000, price, stock, next() < 0.3 ? 'True' : 'False', flagNa];
    fields.push(`K${String(Math.floor(next() * 5000)).padStart(4, '0')}`, comment, pick(CITIES), day, pick(NON_ASCII));
    lines.push(fields.join(','));
  }
  return `${lines.join('\n')}\n`;
}

function readHead(path) {
  const fd = openSync(path, 'r');
  try {
    const bytes = Buffer.allocUnsafe(SAMPLE);
    return bytes.subarray(0, readSync(fd, bytes, 0, SAMPLE, 0));
  } finally {
    closeSync(fd);
  }
}

function median(times) {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** CPU milliseconds of one call. */
function cpuTime(run) {
  const start = process.cpuUsage();
  run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** The median CPU time of each part, after a warm-up. */
function timeParts(parts) {
  return Object.fromEntries(
    Object.entries(parts).map(([name, run]) => {
      for (let k = 0; k < 20; k++) run();
      return [name, median(Array.from({ length: runs }, () => cpuTime(run)))];
    }),
  );
}

const folder = mkdtempSync(join(tmpdir(), 'memhints-csv-timing-'));
try {
  const path = join(folder, 'mixed.csv');
  const text = mixedCsv(Number(values.rows));
  writeFileSync(path, text);
  const sample = readHead(path);
  const lines = sample.subarray(0, sample.lastIndexOf(0x0a) + 1);
  const options = {
    delimiter: [','],
    bom: true,
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: false,
  };

  const result = estimateCsv(path, {});
  if (!result.estimate) throw new Error(result.reason);
  const { rows, bytes } = result.estimate;
  console.log(`file ${Buffer.byteLength(text)} bytes, sample ${sample.length}; estimate: ${rows} rows, ${bytes} bytes`);
  const { csv } = csvRows(sample, true, ',', 0);
  const layout = CPYTHON[DEFAULT_PYTHON_VERSION];
  // What estimateCsv does with the rows: each column's fields, its dtype and bytes.
  const columns = () =>
    csv.header.map((name, position) => {
      const fields = csv.rows.map((row) => row[position]);
      return textColumn({ name, values: fields }, { kind: 'inferred' }, rows, layout);
    });
  const took = timeParts({
    columns,
    estimateCsv: () => estimateCsv(path, {}),
    read: () => readHead(path),
    csvParse: () => parse(lines, options),
    csvRows: () => csvRows(sample, true, ',', 0),
  });
  console.log(`median CPU time of ${runs} runs, ms:`);
  console.log(`  estimateCsv            ${took.estimateCsv.toFixed(1)}`);
  console.log(`    reading the sample   ${took.read.toFixed(1)}`);
  console.log(`    csvRows              ${took.csvRows.toFixed(1)} (csv-parse alone ${took.csvParse.toFixed(1)})`);
  console.log(`    columns              ${took.columns.toFixed(1)}`);
} finally {
  rmSync(folder, { recursive: true, force: true });
}
