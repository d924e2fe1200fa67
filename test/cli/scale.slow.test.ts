// Scale on the command line: small findings are left out unless
// --report-small (or report-small in pyproject.toml) asks for them, and then
// are hints; JSON and SARIF carry each finding's scale and what it holds.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { join } from 'node:path';
import { estimateCsv } from '../../server/src/data/csv';
import { CPYTHON, DEFAULT_PYTHON_VERSION } from '../../server/src/sizes/cpython';
import { shortBytes } from '../../server/src/sizes/format';
import { jsonFindings, memhintsAsShipped as memhints, project } from '../support/cli';

// One finding of each scale (MEM103): a short range, a range of a million, and a parameter's length.
const SOURCE = [
  'for i in list(range(10)):',
  '    print(i)',
  'for i in list(range(10**6)):',
  '    print(i)',
  'def show(rows):',
  '    for i in list(range(len(rows))):',
  '        print(rows[i])',
  '',
].join('\n');

test('by default small findings are left out; large ones are warnings and unknown ones information', (t) => {
  const root = project(t, { 'a.py': SOURCE });
  const findings = jsonFindings(memhints(['check', 'a.py', '--format', 'json', '--select', 'MEM103'], root));
  assert.deepEqual(
    findings.map((finding) => [finding.line, finding.scale, finding.severity]),
    [
      [3, 'large', 'warning'],
      [6, 'unknown', 'information'],
    ],
  );
});

test('--report-small adds the small finding, as a hint', (t) => {
  const root = project(t, { 'a.py': SOURCE });
  const findings = jsonFindings(
    memhints(['check', 'a.py', '--format', 'json', '--select', 'MEM103', '--report-small'], root),
  );
  assert.deepEqual(findings[0] && [findings[0].line, findings[0].scale, findings[0].severity], [1, 'small', 'hint']);
  assert.equal(findings.length, 3);
});

test('report-small = true in pyproject.toml does the same, and small-threshold moves the line', (t) => {
  const reported = project(t, { 'a.py': SOURCE, 'pyproject.toml': '[tool.memhints]\nreport-small = true\n' });
  assert.equal(jsonFindings(memhints(['check', 'a.py', '--format', 'json', '--select', 'MEM103'], reported)).length, 3);
  // Under a 100 MiB threshold the 34 MiB list is small too.
  const raised = project(t, {
    'a.py': SOURCE,
    'pyproject.toml': `[tool.memhints]\nsmall-threshold = ${100 * 1024 * 1024}\n`,
  });
  assert.deepEqual(
    jsonFindings(memhints(['check', 'a.py', '--format', 'json', '--select', 'MEM103'], raised)).map((f) => f.scale),
    ['unknown'],
  );
});

test('JSON holds: bytes when the count is known, bytes per item of a named count otherwise; the message leads with it', (t) => {
  const root = project(t, { 'a.py': SOURCE });
  const [large, unknown] = jsonFindings(memhints(['check', 'a.py', '--format', 'json', '--select', 'MEM103'], root));
  assert.ok(
    large?.holds && large.holds.bytes > 8 * 10 ** 6 && large.holds.perItem === null && large.holds.count === null,
  );
  assert.ok(large.message.startsWith(large.holds.text), large.message);
  assert.ok(unknown?.holds && unknown.holds.perItem !== null && unknown.holds.count === 'len(rows)');
  assert.ok(unknown.message.startsWith(unknown.holds.text.split(', ')[0]!), unknown.message);
});

test('SARIF results carry the scale and what the finding holds as properties', (t) => {
  const root = project(t, { 'a.py': SOURCE });
  const log = JSON.parse(memhints(['check', 'a.py', '--format', 'sarif', '--select', 'MEM103'], root).stdout) as {
    runs: { results: { properties?: { scale?: string; holds?: { text: string } } }[] }[];
  };
  assert.deepEqual(
    log.runs[0]!.results.map((result) => result.properties?.scale),
    ['large', 'unknown'],
  );
  assert.ok(log.runs[0]!.results.every((result) => result.properties?.holds?.text));
});

test('a read of a data file under the current folder takes the file’s scale: a 40-row CSV is small', (t) => {
  const csv = (count: number) =>
    `id,city,price\n${Array.from({ length: count }, (_, i) => `${i},c${i % 3},${i * 1.5}\n`).join('')}`;
  const loop = (name: string) =>
    `${name} = pd.read_csv("data/${name}.csv")\nfor _, row in ${name}.iterrows():\n    print(row["price"])\n`;
  const dir = project(t, {
    'data/teaching.csv': csv(40),
    'data/sales.csv': csv(50_000),
    'nb.py': `import pandas as pd\n${loop('teaching')}${loop('sales')}${loop('elsewhere')}`,
  });
  const shipped = jsonFindings(memhints(['check', 'nb.py', '--format', 'json'], dir));
  assert.deepEqual(
    shipped.map((f) => [f.code, f.line, f.scale]),
    [
      ['MEM402', 6, 'large'],
      // A file the folder does not hold may be any size: data from outside the program is large.
      ['MEM402', 9, 'large'],
    ],
  );
  const all = jsonFindings(memhints(['check', 'nb.py', '--format', 'json', '--report-small'], dir));
  assert.deepEqual(
    all.map((f) => [f.line, f.scale, f.severity]),
    [
      [3, 'small', 'hint'],
      [6, 'large', 'warning'],
      [9, 'large', 'warning'],
    ],
  );
});

test('MEM401 over a workspace CSV leads with what the unused columns hold, and is small when none are unused', (t) => {
  const rows = Array.from({ length: 30 }, (_, i) => `${i},town${i % 4},${i * 2.5}\n`).join('');
  const dir = project(t, {
    'data/sales.csv': `id,city,price\n${rows}`,
    'data/prices.csv': 'price\n1.5\n2.5\n',
    'report.py':
      'import pandas as pd\nsales = pd.read_csv("data/sales.csv")\nprint(sales["price"].sum())\n' +
      'prices = pd.read_csv("data/prices.csv")\nprint(prices["price"].sum())\n',
  });
  const estimate = estimateCsv(join(dir, 'data', 'sales.csv'), {}, undefined, CPYTHON[DEFAULT_PYTHON_VERSION]).estimate;
  const unused = (estimate?.columns ?? []).filter((c) => c.name !== 'price').reduce((sum, c) => sum + c.bytes, 0);
  assert.ok(unused > 0);
  const findings = jsonFindings(memhints(['check', 'report.py', '--format', 'json', '--report-small'], dir));
  assert.deepEqual(
    findings.map((f) => [f.code, f.line, f.scale, f.holds?.bytes]),
    [
      ['MEM401', 2, 'small', unused],
      ['MEM401', 4, 'small', 0],
    ],
  );
  assert.match(
    findings[0]!.message,
    new RegExp(`^≈ ${shortBytes(unused)} of unused columns held, \`sales\` uses "price"`),
  );
});

test('MEM106 over a file the folder holds, opened with `with open(…) as f`, takes its scale', (t) => {
  const lines = (count: number) => Array.from({ length: count }, (_, i) => `v ${i} ${i * 2} ${i * 3}\n`).join('');
  const loop = (file: string, name: string) =>
    `with open("shapes/${file}") as ${name}:\n    for line in ${name}.readlines():\n        print(line)\n`;
  const dir = project(t, {
    'shapes/small.obj': lines(50),
    'shapes/big.obj': lines(100_000),
    'mesh.py': `${loop('small.obj', 'f')}${loop('big.obj', 'g')}${loop('absent.obj', 'h')}`,
  });
  const findings = jsonFindings(memhints(['check', 'mesh.py', '--format', 'json', '--report-small'], dir));
  assert.deepEqual(
    findings.map((f) => [f.code, f.line, f.scale, f.severity]),
    [
      ['MEM106', 2, 'small', 'hint'],
      ['MEM106', 5, 'large', 'warning'],
      ['MEM106', 8, 'large', 'warning'],
    ],
  );
});
