// MEM405 on the command line over a workspace that holds its CSV files: a
// column of few states in a large file is a warning that gives what it holds,
// a column of unique names is no finding, a file the workspace lacks leaves
// the scale unknown; `--fix --unsafe-fixes` reads the column as category, and
// the fixed script prints the same masks under real pandas.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { estimateCsv } from '../../server/src/data/csv';
import { CPYTHON, DEFAULT_PYTHON_VERSION } from '../../server/src/sizes/cpython';
import { shortBytes } from '../../server/src/sizes/format';
import { jsonFindings, memhintsAsShipped as memhints, project } from '../support/cli';
import { pandasPythonOrSkip } from '../support/pythons';

const STATES = ['CA', 'NY', 'TX', 'WA', 'OR', 'NV'];
const ROWS = 60_000;

const FILES = {
  'data/sales.csv': `id,state,amount\n${Array.from({ length: ROWS }, (_, i) => `${i},${STATES[(i * 5) % 6]},${i % 97}.5\n`).join('')}`,
  'data/people.csv': `id,name\n${Array.from({ length: ROWS }, (_, i) => `${i},person-${i}\n`).join('')}`,
  'report.py': [
    'import pandas as pd',
    'sales = pd.read_csv("data/sales.csv")',
    'print((sales["state"] == "CA").sum(), sales.loc[sales.state.isin(["NY", "TX"]), "amount"].sum())',
    'people = pd.read_csv("data/people.csv")',
    'print((people["name"] == "person-7").sum())',
    'def elsewhere():',
    '    frame = pd.read_csv("data/absent.csv")',
    '    return frame[frame["state"] != "CA"]',
    '',
  ].join('\n'),
};

const interpreter = pandasPythonOrSkip();

test('a workspace CSV decides: a warning with what the column holds, none for unique names, unknown without the file', (t) => {
  const root = project(t, FILES);
  const findings = jsonFindings(memhints(['check', 'report.py', '--format', 'json', '--select', 'MEM405'], root));
  assert.deepEqual(
    findings.map((f) => [f.line, f.scale, f.severity]),
    [
      [2, 'large', 'warning'],
      [7, 'unknown', 'information'],
    ],
  );
  const estimate = estimateCsv(join(root, 'data/sales.csv'), {}, undefined, CPYTHON[DEFAULT_PYTHON_VERSION]).estimate;
  const state = estimate?.columns?.find((column) => column.name === 'state');
  assert.ok(estimate?.rows && state?.asCategory);
  const asText = estimate.rows * 8 + state.asCategory.stringBytes;
  assert.equal(
    findings[0]!.message,
    `≈ ${shortBytes(asText)} of "state" text, 6 distinct strings: \`dtype={"state": "category"}\` holds ≈ ${shortBytes(state.asCategory.bytes)}`,
  );
  assert.equal(findings[0]!.holds?.bytes, asText - state.asCategory.bytes);
});

test('--fix --unsafe-fixes reads the column as category; the script prints the same under pandas', {
  skip: interpreter.skip,
}, (t) => {
  const root = project(t, FILES);
  const run = (label: string) => {
    const result = spawnSync(interpreter.python!, ['report.py'], { cwd: root, encoding: 'utf8' });
    assert.equal(result.status, 0, `${label}: ${result.stderr}`);
    return result.stdout;
  };
  // The function that reads an absent file is never called: the script runs as it is.
  const before = run('before');
  const fixed = memhints(['check', '--select', 'MEM405', '--fix', '--unsafe-fixes', 'report.py'], root);
  assert.equal(fixed.status, 0, fixed.stdout + fixed.stderr);
  const text = readFileSync(join(root, 'report.py'), 'utf8');
  assert.match(text, /^sales = pd\.read_csv\("data\/sales\.csv", dtype=\{"state": "category"\}\)$/m);
  assert.match(text, /^people = pd\.read_csv\("data\/people\.csv"\)$/m);
  assert.equal(run('after'), before);
});
