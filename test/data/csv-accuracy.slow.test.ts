// estimateCsv against real pandas, on each CPython the suite has with numpy
// and pandas (python3's or Debian's 3.11 with pandas 1.5, install.sh's 3.9 and
// 3.13): CSV files of 10^4, 10^5 and 10^6 rows of mixed columns (ints, floats
// with NaN, an int column with gaps, bools with and without gaps, short, long,
// low-cardinality and non-ASCII text, dates as text) read with several option
// sets must come within 15% of pd.read_csv(...).memory_usage(deep=True).sum(),
// with pandas' dtypes; each error is printed as a diagnostic. Small files the
// sample holds whole must match to the byte (pandas 1.5 and later). Without
// pandas the test skips and says why; under CI=true it fails.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, type TestContext } from 'node:test';
import { estimateCsv } from '../../server/src/data/csv';
import type { DataEstimate, TableReadOptions } from '../../server/src/data/dataEstimate';
import { CPYTHON } from '../../server/src/sizes/cpython';
import { REPO_ROOT } from '../support/paths';
import { forEachPython, type PremisePython } from '../support/premise/interpreters';

const SCRIPT = join(REPO_ROOT, 'test', 'data', 'csv_accuracy.py');
const ROW_COUNTS = [10_000, 100_000, 1_000_000];
const TOLERANCE = 0.15;

const root = mkdtempSync(join(tmpdir(), 'memhints-csv-accuracy-'));
after(() => rmSync(root, { recursive: true, force: true }));

interface Measured {
  readonly bytes: number;
  readonly rows: number;
  readonly dtypes: Readonly<Record<string, string>>;
}

function runScript<T>(python: string, args: readonly string[], input?: unknown): T {
  // The timeout only guards against a hang; reading 10^6 rows takes seconds.
  const result = spawnSync(python, [SCRIPT, ...args], {
    input: input === undefined ? '' : JSON.stringify(input),
    encoding: 'utf8',
    timeout: 600_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw new Error(`${python} ${args[0]} could not run: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${python} ${args[0]} failed (${result.status}):\n${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}

/** The read's options as pd.read_csv's keyword arguments. */
function pandasKeywords(options: TableReadOptions): Record<string, unknown> {
  const { parseDates, indexCol, keepDefaultNa, naValues, ...rest } = options;
  return {
    ...rest,
    ...(parseDates !== undefined ? { parse_dates: parseDates } : {}),
    ...(indexCol !== undefined ? { index_col: indexCol } : {}),
    ...(keepDefaultNa !== undefined ? { keep_default_na: keepDefaultNa } : {}),
    ...(naValues !== undefined ? { na_values: naValues } : {}),
  };
}

function measure(
  python: string,
  cases: readonly { readonly path: string; readonly options: TableReadOptions }[],
): Measured[] {
  return runScript<Measured[]>(
    python,
    ['measure'],
    cases.map(({ path, options }) => ({ path, options: pandasKeywords(options) })),
  );
}

let generated: string[] | undefined;
/** The mixed files, written once (by the first interpreter) for all. */
function mixedFiles(python: string): string[] {
  generated ??= runScript<string[]>(python, ['generate', root, ...ROW_COUNTS.map(String)]);
  return generated;
}

function optionSets(rows: number): Readonly<Record<string, TableReadOptions>> {
  return {
    default: {},
    usecols: { usecols: ['id', 'price', 'city', 'comment'] },
    category: { dtype: { city: 'category', code: 'category', place: 'category' } },
    'dtype narrow': { dtype: { count: 'int32', price: 'float32', code: 'str', id: 'Int64' } },
    nrows: { nrows: rows / 2 },
    parse_dates: { parseDates: ['day'] },
    chunksize: { chunksize: 3000 },
    'index_col date, parse_dates=True': { indexCol: 'day', parseDates: true },
    'index_col text': { indexCol: 'code' },
    'keep_default_na=False': { keepDefaultNa: false },
    'skiprows list': { skiprows: [1, 2, 5, 8] },
  };
}

/** pandas' dtype names as estimateCsv writes them. */
function dtypeName(dtype: string): string {
  return dtype === '<M8[ns]' ? 'datetime64[ns]' : dtype;
}

function assertSameDtypes(found: DataEstimate, measured: Measured, label: string): void {
  const ours = Object.fromEntries((found.columns ?? []).map((column) => [column.name, column.dtype]));
  const theirs = Object.fromEntries(Object.entries(measured.dtypes).map(([name, dtype]) => [name, dtypeName(dtype)]));
  assert.deepEqual(ours, theirs, `${label}: dtypes`);
}

function estimated(path: string, options: TableReadOptions, python: PremisePython, label: string): DataEstimate {
  const result = estimateCsv(path, options, undefined, CPYTHON[python.version]);
  assert.ok(result.estimate, `${label}: ${result.reason}`);
  return result.estimate;
}

function pandasVersion(python: string): number[] {
  const result = spawnSync(python, ['-c', 'import pandas; print(pandas.__version__)'], { encoding: 'utf8' });
  return result.stdout.trim().split('.').map(Number);
}

forEachPython(
  'estimateCsv is within 15% of pandas on files of 10^4 to 10^6 rows',
  (python, context: TestContext) => {
    const files = mixedFiles(python.python);
    const cases = files.flatMap((path, index) =>
      Object.entries(optionSets(ROW_COUNTS[index]!)).map(([name, options]) => ({
        path,
        rows: ROW_COUNTS[index]!,
        name,
        options,
      })),
    );
    const measured = measure(python.python, cases);
    const failures: string[] = [];
    cases.forEach((item, index) => {
      const label = `${item.rows} rows, ${item.name}`;
      const found = estimated(item.path, item.options, python, label);
      const real = measured[index]!;
      assertSameDtypes(found, real, label);
      const error = (found.bytes - real.bytes) / real.bytes;
      const line = `${label}: estimated ${found.bytes} B (${found.rows} rows${found.rowsExact ? ', exact' : ''}), pandas ${real.bytes} B (${real.rows} rows): ${(100 * error).toFixed(2)}%`;
      context.diagnostic(line);
      if (Math.abs(error) > TOLERANCE) failures.push(line);
    });
    assert.deepEqual(failures, [], 'estimates off by more than 15%');
  },
  ['numpy', 'pandas'],
);

interface SmallCase {
  readonly text: string;
  /** How the file is written (UTF-8 unless said). */
  readonly fileEncoding?: BufferEncoding;
  readonly options?: TableReadOptions;
  /** The pandas major version the figure holds from. */
  readonly sincePandas?: number;
}

// Files the sample holds whole: their rows are counted and every str sized, so the figure is pandas' own.
const SMALL_CASES: readonly SmallCase[] = [
  { text: 'i,f,b,s\n1,1.5,True,ab\n2,,False,\n3,2.5,true,Zoë\n' },
  { text: 'b,k\nTrue,1\n,2\nFalse,3\n' },
  { text: 'i,n,u\n1,1,9223372036854775808\n2,,1\n 3 ,nan,2\n' },
  { text: 'big,k\n9223372036854775808,1\nNA,2\n' },
  { text: 'x,k\n1.5,1\ninf,2\n-Infinity,3\nNaN,4\n1e5,5\n' },
  { text: 'name,n\n"Smith, J",1\n"two\nlines",2\n"say ""hi""",3\n' },
  { text: 'a\tb\n1\tx,y\n2\tz\n', options: { sep: '\t' } },
  { text: 'a  b\n1 \t 2.5\n   \n3 4\n', options: { sep: '\\s+' } },
  { text: 'a,,a\n\n1,2,3\n  \n4,5,6\n' },
  { text: 'a,b\n1,2\n3\n' },
  {
    text: 'title line\na,b,c\n1,x,1.5\n2,y,\n3,z,2.5\n4,w,3.5\n',
    options: { skiprows: 1, nrows: 2, usecols: ['c', 'a'] },
  },
  { text: 'a,b\n1,x\nz,y\n', options: { nrows: 1 } },
  {
    text: `n,s\n${Array.from({ length: 50 }, (_, row) => `${row},s${row % 7}`).join('\n')}\n`,
    options: { chunksize: 10 },
  },
  {
    text: 'k,city,x\n1,Lima,1.5\n2,Oslo,\n3,Lima,2.5\n',
    options: { dtype: { k: 'int32', x: 'float32', city: 'category' } },
  },
  {
    text: 'k,city,x\n1,Oslo,1.5\n2,Lima,\n3,Oslo,2.5\n',
    options: { dtype: { k: 'Int64', city: 'category', x: 'str' } },
  },
  {
    text: `c,k\n${Array.from({ length: 400 }, (_, row) => `v${(row * 37) % 300},${row}`).join('\n')}\n`,
    options: { dtype: { c: 'category' } },
  },
  { text: 'k,city,x\n1,Oslo,1.5\n2,Lima,\n3,Oslo,2.5\n', options: { dtype: 'str' } },
  { text: 'day,n\n2021-01-01,1\n,2\n2021-03-01,3\n', options: { parseDates: ['day'] } },
  // pandas 1.x gives a header-only frame an empty object Index (0 B), 2.x a RangeIndex.
  { text: 'a,b\n', sincePandas: 2 },
  { text: 'latin,ucs2,ucs4,one\nZoë,Αθήνα,🙂 ok,é\nnaïve,東京,a🙂,ß\n' },
  // index_col: the column becomes the index (Int64Index, Float64Index, an object Index, a DatetimeIndex).
  { text: 'd,a,b\n2020-01-01,1,x\n2020-01-02,2,y\n2020-01-03,3,z\n', options: { indexCol: 0, parseDates: true } },
  { text: 'd,a,b\n2020-01-01,1,x\n2020-01-02,2,yy\n', options: { indexCol: 'd' } },
  { text: 'd,a,b\n5,1,x\n6,,y\n', options: { indexCol: [1] } },
  { text: 'd,a,b\nTrue,1,x\nFalse,,y\n', options: { indexCol: 0 } },
  { text: 'd,a,b\n5,1,x\n6,,y\n', options: { indexCol: 0, usecols: ['a', 'b'] } },
  { text: 'd,a,b\n2020-01-01,1,x\n,2,y\n', options: { indexCol: 'd', parseDates: ['d'] } },
  // header=None and names=: every record is data.
  { text: '1,2,x\n3,4,y\n', options: { header: null } },
  { text: '1,2,x\n3,4,y\n', options: { names: ['p', 'q', 'r'] } },
  { text: 'a,b,c\n1,2,x\n3,4,y\n', options: { names: ['p', 'q', 'r'], header: 0, usecols: ['r'] } },
  { text: 'title\n\na,b\n1,2\n', options: { header: 1 } },
  // keep_default_na=False and na_values.
  { text: 'a,b,c\n1,NA,\n,x,nan\n', options: { keepDefaultNa: false } },
  { text: 'a,b\n1,NA\n2,x\n3,\n', options: { keepDefaultNa: false, naValues: ['x'] } },
  { text: 'a,b\n1,NA\n2,x\n-,1.5\n', options: { naValues: ['x', '-'] } },
  { text: 'a,b\nTrue,NA\nFalse,\n', options: { keepDefaultNa: false } },
  // thousands: numbers with separators between their digits are numbers; other fields stay text.
  { text: 'a,b,c\n"1,234",x,"2,500.5"\n12,"1,2x","1,0"\n', options: { thousands: ',' } },
  { text: 'a;b\n1.234;x\n2;y\n', options: { sep: ';', thousands: '.' } },
  // skiprows as line numbers, blank lines counted.
  { text: 'a,b\n1,2\n\n3,4\n5,6\n', options: { skiprows: [2, 3] } },
  { text: 'junk\na,b\n1,x\n2,y\n', options: { skiprows: [0, 3] } },
  // A one-byte encoding.
  { text: 'name,n\nZoë,1\nÅsa,2\nplain,3\n', fileEncoding: 'latin1', options: { encoding: 'latin-1' } },
  { text: 'name,n\ncafé,1\nß,2\n', fileEncoding: 'latin1', options: { encoding: 'cp1252' } },
];

forEachPython(
  'estimateCsv matches pandas to the byte on files its sample holds whole',
  (python, context: TestContext) => {
    const [major = 0, minor = 0] = pandasVersion(python.python);
    if (major < 1 || (major === 1 && minor < 5)) {
      context.skip(`pandas ${major}.${minor} is older than the 1.5 this follows`);
      return;
    }
    const applicable = SMALL_CASES.filter((item) => major >= (item.sincePandas ?? 1));
    const cases = applicable.map((item, index) => {
      const path = join(root, `small-${python.version}-${index}.csv`);
      writeFileSync(path, item.text, item.fileEncoding ?? 'utf8');
      return { path, options: item.options ?? {} };
    });
    const measured = measure(python.python, cases);
    cases.forEach((item, index) => {
      const label = `${JSON.stringify(applicable[index]!.text.slice(0, 40))} ${JSON.stringify(item.options)}`;
      const found = estimated(item.path, item.options, python, label);
      assertSameDtypes(found, measured[index]!, label);
      assert.equal(found.rows, measured[index]!.rows, `${label}: rows`);
      assert.equal(found.bytes, measured[index]!.bytes, `${label}: bytes`);
    });
  },
  ['numpy', 'pandas'],
);
