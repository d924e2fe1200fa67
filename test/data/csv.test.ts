// estimateCsv on small files written here: the dtypes pandas infers, quoting
// and separators, the read's options, a sample shorter than the file, and the
// files it must refuse (empty, binary, special) without throwing or blocking.
// The bytes are checked against the size model's own pieces; how close they
// come to real pandas is test/data/csv-accuracy.slow.test.ts's job.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { estimateCsv } from '../../server/src/data/csv';
import type { DataEstimate, TableReadOptions } from '../../server/src/data/dataEstimate';
import { inferTextDtype } from '../../server/src/data/pandasTextDtypes';
import { CPYTHON, DEFAULT_PYTHON_VERSION } from '../../server/src/sizes/cpython';
import { intSize, strSize } from '../../server/src/sizes/objects';
import { rangeIndexBytes } from '../../server/src/sizes/pandas';

const layout = CPYTHON[DEFAULT_PYTHON_VERSION];
const root = mkdtempSync(join(tmpdir(), 'memhints-csv-'));
after(() => rmSync(root, { recursive: true, force: true }));

let fileCount = 0;
function csvFile(text: string | Buffer): string {
  const path = join(root, `file${fileCount++}.csv`);
  writeFileSync(path, text);
  return path;
}

function estimate(text: string | Buffer, options: TableReadOptions = {}, maxSampleBytes?: number): DataEstimate {
  const result = estimateCsv(
    csvFile(text),
    options,
    maxSampleBytes === undefined ? undefined : { maxSampleBytes },
    layout,
  );
  assert.ok(result.estimate, `expected an estimate, got: ${result.reason}`);
  return result.estimate;
}

function reasonFor(text: string | Buffer, options: TableReadOptions = {}): string {
  const result = estimateCsv(csvFile(text), options, undefined, layout);
  assert.equal(result.estimate, undefined, 'expected no estimate');
  assert.match(result.reason!, /^not estimated: /);
  return result.reason!;
}

function dtypes(found: DataEstimate): Record<string, string> {
  return Object.fromEntries((found.columns ?? []).map((column) => [column.name, column.dtype]));
}

function column(found: DataEstimate, name: string) {
  const match = found.columns?.find((candidate) => candidate.name === name);
  assert.ok(match, `no column ${name}`);
  return match;
}

const strBytes = (...texts: string[]) => texts.reduce((sum, text) => sum + strSize(layout, text), 0);

describe('inferTextDtype: what pandas makes of a column of text', () => {
  const cases: readonly [readonly (string | undefined)[], string][] = [
    [['1', '-2', '+3', ' 4 ', '007'], 'int64'],
    [['1', '', '3'], 'float64'],
    [['1', undefined], 'float64'],
    [['1.5', '2', 'nan', 'NaN', '', 'inf', '-Infinity', '1e5', '.5', '5.'], 'float64'],
    [['True', 'false', 'TRUE', 'tRuE'], 'bool'],
    [['True', '', 'False'], 'object'],
    [['True', '1'], 'object'],
    [['2021-03-04', '2021-03-05'], 'object'],
    [['a', '1'], 'object'],
    [[' ', '1'], 'object'],
    [['NAN', '1'], 'object'],
    [[' inf', '1'], 'object'],
    [['1.5e', '1'], 'object'],
    [['1,000', '2'], 'object'],
    [['None', '1'], 'float64'],
    [['', 'NA', 'null'], 'float64'],
    [['9223372036854775807', '-9223372036854775808'], 'int64'],
    [['9223372036854775808', '1'], 'uint64'],
    [['18446744073709551615', '-1'], 'object'],
    [['18446744073709551616', '1'], 'object'],
    [['9223372036854775808', 'NA'], 'object'],
    [['9223372036854775808', '1.5'], 'float64'],
    [['99999999999999999999999', '1.5'], 'object'],
    [['1.5', '99999999999999999999999'], 'float64'],
  ];
  for (const [values, dtype] of cases) {
    it(`${JSON.stringify(values)} -> ${dtype}`, () => assert.equal(inferTextDtype(values).dtype, dtype));
  }
});

describe('estimateCsv', () => {
  it('counts the rows of a file the sample holds and sums the model: index, numbers, str objects, NaN', () => {
    const found = estimate('i,f,b,s\n1,1.5,True,ab\n2,,False,\n3,2.5,true,Zoë\n');
    assert.deepEqual(dtypes(found), { i: 'int64', f: 'float64', b: 'bool', s: 'object' });
    assert.equal(found.rows, 3);
    assert.equal(found.rowsExact, true);
    assert.equal(found.format, 'csv');
    const text = 3 * 8 + strBytes('ab', 'Zoë') + layout.float;
    assert.equal(column(found, 's').bytes, text);
    assert.equal(found.bytes, rangeIndexBytes(layout, 3) + 3 * 8 + 3 * 8 + 3 * 1 + text);
    assert.equal(column(found, 's').distinctInSample, 2);
    assert.equal(column(found, 's').meanTextLength, 2.5);
  });

  it('holds True/False and NaN objects for a bool column with gaps', () => {
    const found = estimate('b,k\nTrue,1\n,2\nFalse,3\n');
    assert.equal(column(found, 'b').dtype, 'object');
    assert.equal(column(found, 'b').bytes, 3 * 8 + intSize(layout, 1n) + intSize(layout, 0n) + layout.float);
  });

  it('respects quotes: separators, newlines and doubled quotes inside a field', () => {
    const found = estimate('name,n\n"Smith, J",1\n"two\nlines",2\n"say ""hi""",3\n');
    assert.equal(found.rows, 3);
    assert.equal(column(found, 'name').bytes, 3 * 8 + strBytes('Smith, J', 'two\nlines', 'say "hi"'));
    assert.equal(column(found, 'n').dtype, 'int64');
  });

  it('splits on the separator asked for: tabs (read_table), semicolons, runs of whitespace', () => {
    assert.deepEqual(dtypes(estimate('a\tb\n1\tx,y\n', { sep: '\t' })), { a: 'int64', b: 'object' });
    assert.deepEqual(dtypes(estimate('a;b\n1,5;2\n', { sep: ';' })), { a: 'object', b: 'int64' });
    const spaced = estimate('a  b\n1 \t 2.5\n   \n3 4\n', { sep: '\\s+' });
    assert.deepEqual(dtypes(spaced), { a: 'int64', b: 'float64' });
    assert.equal(spaced.rows, 2);
    assert.match(reasonFor('a,b\n1,2\n', { sep: '[,;]' }), /regular expression/);
  });

  it('names columns as pandas does and skips blank lines', () => {
    const found = estimate('a,,a\n\n1,2,3\n  \n4,5,6\n');
    assert.deepEqual(Object.keys(dtypes(found)), ['a', 'Unnamed: 1', 'a.1']);
    assert.equal(found.rows, 2);
  });

  it('fills a short row with NaN and refuses a row longer than the header', () => {
    assert.equal(column(estimate('a,b\n1,2\n3\n'), 'b').dtype, 'float64');
    assert.match(reasonFor('a,b\n1,2\n3,4,5\n'), /data row 2 .* 3 fields, the header 2/);
    assert.match(reasonFor('a,b\n1,2,3\n4,5,6\n'), /index/);
  });

  it('applies nrows, skiprows (records before the header) and usecols', () => {
    const text = 'title line\na,b,c\n1,x,1.5\n2,y,\n3,z,2.5\n4,w,3.5\n';
    assert.equal(estimate(text, { skiprows: 1 }).rows, 4);
    assert.deepEqual(Object.keys(dtypes(estimate(text, { skiprows: 2 }))), ['1', 'x', '1.5']);
    const first = estimate(text, { skiprows: 1, nrows: 1 });
    assert.equal(first.rows, 1);
    // pandas infers from the rows it reads: with only the first row, c has no gap.
    assert.equal(column(first, 'c').dtype, 'float64');
    assert.equal(column(estimate('a,b\n1,x\nz,y\n', { nrows: 1 }), 'a').dtype, 'int64');
    assert.deepEqual(Object.keys(dtypes(estimate(text, { skiprows: 1, usecols: ['c', 'a'] }))), ['a', 'c']);
    assert.deepEqual(Object.keys(dtypes(estimate(text, { skiprows: 1, usecols: [1] }))), ['b']);
    assert.match(reasonFor(text, { skiprows: 1, usecols: ['d'] }), /usecols names "d"/);
    assert.match(reasonFor(text, { skiprows: 1, usecols: ['a', 1] }), /mixes/);
    assert.match(reasonFor(text, { skiprows: 1, usecols: [7] }), /column 7 of 3/);
    assert.match(reasonFor(text, { nrows: -1 }), /nrows=-1/);
    assert.match(reasonFor('a\n1\n', { skiprows: 5 }), /no header row after skiprows=5/);
  });

  it('holds one chunk under chunksize: rows and bytes are the chunk’s', () => {
    const text = `n\n${Array.from({ length: 100 }, (_, row) => row).join('\n')}\n`;
    const chunk = estimate(text, { chunksize: 10 });
    assert.equal(chunk.rows, 10);
    assert.equal(chunk.bytes, rangeIndexBytes(layout, 10) + 10 * 8);
    assert.equal(estimate(text, { chunksize: 1000 }).rows, 100);
  });

  it('sizes the dtypes asked for, per column (by label or position) or for all', () => {
    const text = 'k,city,x\n1,Lima,1.5\n2,Oslo,\n3,Lima,2.5\n';
    const found = estimate(text, { dtype: { k: 'int32', '2': 'float32', city: 'category' } });
    assert.deepEqual(dtypes(found), { k: 'int32', city: 'category', x: 'float32' });
    assert.equal(column(found, 'k').bytes, 3 * 4);
    // int8 codes, and the categories Index of two strs; found in sorted order, no hash table.
    assert.equal(column(found, 'city').bytes, 3 * 1 + 2 * 8 + strBytes('Lima', 'Oslo'));
    const masked = estimate(text, { dtype: { k: 'Int64', x: 'boolean' } });
    assert.equal(column(masked, 'k').bytes, 3 * 9);
    const text2 = estimate(text, { dtype: 'str' });
    assert.deepEqual(dtypes(text2), { k: 'object', city: 'object', x: 'object' });
    assert.equal(column(text2, 'x').bytes, 3 * 8 + strBytes('1.5', '2.5') + layout.float);
    const unknown = estimate(text, { dtype: { k: 'no such dtype' } });
    assert.equal(column(unknown, 'k').dtype, 'int64');
  });

  it('counts the categories Index hash table when the categories came unsorted', () => {
    const found = estimate('c\nb\na\nb\n', { dtype: 'category' });
    const sortedBytes = 3 * 1 + 2 * 8 + strBytes('a', 'b');
    assert.ok(column(found, 'c').bytes > sortedBytes, 'pandas recodes, building the hash table');
  });

  it('gives a text column what it would hold read as category: what that read itself is estimated to hold', () => {
    const cities = ['Oslo', 'Lima', 'Pune'];
    const text = `k,city\n${Array.from({ length: 300 }, (_, i) => `${i},${cities[i % 3]}\n`).join('')}`;
    const inferred = estimate(text);
    const asCategory = column(estimate(text, { dtype: { city: 'category' } }), 'city');
    assert.deepEqual(column(inferred, 'city').asCategory, {
      bytes: asCategory.bytes,
      categories: 3,
      stringBytes: strBytes(...cities),
    });
    assert.equal(column(inferred, 'k').asCategory, undefined);
  });

  it('makes a parse_dates column datetime64[ns]', () => {
    const found = estimate('day,n\n2021-01-01,1\n,2\n', { parseDates: ['day'] });
    assert.equal(column(found, 'day').dtype, 'datetime64[ns]');
    assert.equal(column(found, 'day').bytes, 2 * 8);
    assert.equal(column(estimate('day,n\n2021-01-01,1\n'), 'day').dtype, 'object');
  });

  it('makes the index_col column the index: its bytes replace the RangeIndex', () => {
    const text = 'd,a,b\n2020-01-01,1,x\n2020-01-02,2,y\n2020-01-03,3,z\n';
    const dated = estimate(text, { indexCol: 0, parseDates: true });
    assert.deepEqual(dtypes(dated), { a: 'int64', b: 'object' });
    assert.equal(dated.index?.dtype, 'datetime64[ns]');
    assert.equal(dated.bytes, 3 * 8 + 3 * 8 + 3 * 8 + strBytes('x', 'y', 'z'));
    // Without parse_dates=True the index holds the date strs.
    const text2 = estimate(text, { indexCol: 'd' });
    assert.equal(text2.index?.dtype, 'object');
    assert.equal(text2.index?.bytes, 3 * 8 + strBytes('2020-01-01', '2020-01-02', '2020-01-03'));
    // A position counts among the kept columns, as pandas counts it after usecols.
    const kept = estimate('d,a,b\n5,1,x\n6,,y\n', { indexCol: 0, usecols: ['a', 'b'] });
    assert.equal(kept.index?.name, 'a');
    assert.equal(kept.index?.dtype, 'float64');
    assert.match(reasonFor(text, { indexCol: ['d', 'a'] }), /MultiIndex\) is not modelled/);
    assert.match(reasonFor(text, { indexCol: 'e' }), /index_col names "e"/);
    // parse_dates=True with no index_col parses nothing.
    assert.equal(column(estimate(text, { parseDates: true }), 'd').dtype, 'object');
  });

  it('reads every record as data with header=None or names=', () => {
    const text = '1,2,x\n3,4,y\n';
    const unnamed = estimate(text, { header: null });
    assert.deepEqual(dtypes(unnamed), { '0': 'int64', '1': 'int64', '2': 'object' });
    assert.equal(unnamed.rows, 2);
    const named = estimate(text, { names: ['p', 'q', 'r'] });
    assert.deepEqual(dtypes(named), { p: 'int64', q: 'int64', r: 'object' });
    assert.equal(named.rows, 2);
    // names with header=0 replace the header row.
    assert.equal(estimate(`a,b,c\n${text}`, { names: ['p', 'q', 'r'], header: 0 }).rows, 2);
    assert.equal(estimate('title\n\na,b\n1,2\n', { header: 1 }).columns?.[0]?.name, 'a');
    assert.match(reasonFor(text, { names: ['p', 'q'] }), /names gives 2 labels for 3 fields/);
    assert.match(reasonFor(text, { names: ['p', 'p', 'q'] }), /repeats/);
    assert.match(reasonFor('1,2\n3,4,5\n', { header: null }), /the first row 2/);
  });

  it('takes the NA strings keep_default_na and na_values give', () => {
    const text = 'a,b,c\n1,NA,\n2,x,nan\n';
    const kept = estimate(text, { keepDefaultNa: false });
    assert.deepEqual(dtypes(kept), { a: 'int64', b: 'object', c: 'object' });
    assert.equal(column(kept, 'b').bytes, 2 * 8 + strBytes('NA', 'x'));
    assert.equal(column(kept, 'c').bytes, 2 * 8 + strBytes('', 'nan'));
    const only = estimate(text, { keepDefaultNa: false, naValues: ['x'] });
    assert.equal(column(only, 'b').bytes, 2 * 8 + strBytes('NA') + layout.float);
    const added = estimate('a,b\n1,-\n2,1.5\n,NA\n', { naValues: ['-'] });
    assert.deepEqual(dtypes(added), { a: 'float64', b: 'float64' });
  });

  it('reads numbers with a thousands separator as numbers, and keeps other fields as written', () => {
    const text = 'a,b,c\n"1,234",x,"2,500.5"\n12,"1,2x","1,0"\n';
    assert.deepEqual(dtypes(estimate(text)), { a: 'object', b: 'object', c: 'object' });
    const read = estimate(text, { thousands: ',' });
    assert.deepEqual(dtypes(read), { a: 'int64', b: 'object', c: 'float64' });
    assert.equal(column(read, 'b').bytes, 2 * 8 + strBytes('x', '1,2x'));
    assert.match(reasonFor(text, { thousands: ',,' }), /not one character/);
  });

  it('drops the skiprows line numbers, blank lines counted', () => {
    const found = estimate('a,b\n1,2\n\n3,4\n5,6\n', { skiprows: [2, 3] });
    assert.equal(found.rows, 2);
    const header = estimate('junk\na,b\n1,x\n2,y\n', { skiprows: [0, 3] });
    assert.deepEqual(dtypes(header), { a: 'int64', b: 'object' });
    assert.equal(header.rows, 1);
    assert.match(reasonFor('a\n1\n', { skiprows: [-1] }), /skiprows=\[-1\] is not a count/);
  });

  it('decodes a one-byte encoding the read names, and refuses the others', () => {
    const latin = Buffer.from('name,n\nZoë,1\nÅsa,2\n', 'latin1');
    const found = estimate(latin, { encoding: 'latin-1' });
    assert.equal(column(found, 'name').bytes, 2 * 8 + strBytes('Zoë', 'Åsa'));
    // 0x80 is a C1 control in latin-1, the euro sign in cp1252.
    const euro = Buffer.from([0x73, 0x0a, 0x80, 0x0a]);
    assert.equal(column(estimate(euro, { encoding: 'cp1252' }), 's').bytes, 8 + strBytes('€'));
    assert.equal(column(estimate(euro, { encoding: 'ISO_8859_1' }), 's').bytes, 8 + strBytes('\u0080'));
    assert.match(reasonFor(Buffer.from([0x73, 0x0a, 0x81, 0x0a]), { encoding: 'cp1252' }), /not cp1252 text/);
    assert.match(reasonFor(latin, { encoding: 'utf-16' }), /encoding="utf-16" is not modelled/);
    assert.match(reasonFor(latin, { unmodelled: ['na_values'] }), /na_values is not modelled/);
  });

  it('extrapolates rows from a one-byte encoded sample in file bytes', () => {
    const lines = Array.from({ length: 5000 }, (_, row) => `é${row % 10},${1000 + row}`);
    const found = estimate(Buffer.from(`s,n\n${lines.join('\n')}\n`, 'latin1'), { encoding: 'latin1' }, 8 * 1024);
    assert.equal(found.rowsExact, false);
    assert.ok(Math.abs(found.rows! - 5000) / 5000 < 0.02, `rows ${found.rows}`);
  });

  it('extrapolates the rows from a sample shorter than the file, dropping the cut line', () => {
    const rows = 20_000;
    const lines = Array.from(
      { length: rows },
      (_, row) => `${row % 1000},${(row % 7) * 0.5},name${row % 13},"quoted, ${row % 10}"`,
    );
    const found = estimate(`a,b,c,d\n${lines.join('\n')}\n`, {}, 64 * 1024);
    assert.equal(found.rowsExact, false);
    assert.ok(Math.abs(found.rows! - rows) / rows < 0.05, `rows ${found.rows} for ${rows}`);
    assert.deepEqual(dtypes(found), { a: 'int64', b: 'float64', c: 'object', d: 'object' });
    // nrows within the sample is known exactly.
    const first = estimate(`a,b,c,d\n${lines.join('\n')}\n`, { nrows: 100 }, 64 * 1024);
    assert.equal(first.rows, 100);
    assert.equal(first.rowsExact, true);
  });

  it('keeps the rows before a quoted field that the sample cuts', () => {
    const long = 'x'.repeat(5000);
    const found = estimate(`a,b\n1,2\n3,"${long}\n${long}"\n5,6\n`, {}, 6000);
    assert.equal(found.rowsExact, false);
    assert.deepEqual(dtypes(found), { a: 'int64', b: 'int64' });
  });

  it('reads CRLF line ends, whole or cut', () => {
    const text = `a,s\r\n${Array.from({ length: 500 }, (_, row) => `${1000 + row},t${row % 3}`).join('\r\n')}\r\n`;
    assert.deepEqual(dtypes(estimate(text)), { a: 'int64', s: 'object' });
    // Header 5 bytes, rows 9: the sample ends between a row's \r and \n.
    const cut = estimate(text, {}, 5 + 9 * 100 + 8);
    assert.equal(column(cut, 's').meanTextLength, 2);
    assert.ok(Math.abs(cut.rows! - 500) <= 5, `rows ${cut.rows}`);
  });

  it('sizes str objects for the CPython asked for', () => {
    const text = 's\nabc\nZoë\n';
    const on313 = estimateCsv(csvFile(text), {}, undefined, CPYTHON['3.13']).estimate!;
    const expected = 2 * 8 + strSize(CPYTHON['3.13'], 'abc') + strSize(CPYTHON['3.13'], 'Zoë');
    assert.equal(column(on313, 's').bytes, expected);
    assert.notEqual(column(estimate(text), 's').bytes, expected, 'the default CPython sizes strs otherwise');
  });

  it('cuts a sample inside a multi-byte character without harm', () => {
    const text = `s\n${'é'.repeat(50)}\n`.repeat(1) + `${'é'.repeat(50)}\n`.repeat(200);
    const found = estimate(text, {}, 1001);
    assert.equal(column(found, 's').dtype, 'object');
    assert.equal(column(found, 's').meanTextLength, 50);
  });

  it('answers a header-only file with no rows and object columns', () => {
    const found = estimate('a,b\n');
    assert.equal(found.rows, 0);
    assert.deepEqual(dtypes(found), { a: 'object', b: 'object' });
    assert.equal(found.bytes, rangeIndexBytes(layout, 0));
  });

  it('gives a reason, not an estimate, for files pandas cannot read as CSV', () => {
    assert.match(reasonFor(''), /empty/);
    assert.match(reasonFor('\n\n  \n'), /only blank lines/);
    assert.match(reasonFor(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x01])), /NUL bytes/);
    assert.match(reasonFor(Buffer.from('a,b\n\xe9,1\n', 'latin1')), /not UTF-8/);
    assert.match(reasonFor('a,b\n"open,1\n'), /not parseable as CSV/);
  });

  it('refuses a FIFO without blocking', { skip: process.platform === 'win32' ? 'no mkfifo on Windows' : false }, () => {
    const fifo = join(root, 'pipe.csv');
    const made = spawnSync('mkfifo', [fifo]);
    assert.equal(made.status, 0, `mkfifo failed: ${made.stderr}`);
    // No writer ever opens the FIFO: a blocking open or read would hang this test.
    assert.match(estimateCsv(fifo, {}).reason!, /not a regular file \(a FIFO\)/);
  });
});
