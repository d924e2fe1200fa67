// MEM404 on the command line: --memory-budget (or memory-budget in
// pyproject.toml) is the limit a read of a data file under the current folder
// is compared with; without one, the machine's memory is, which a generated
// CSV of a few MiB is far from. --data-sample-size bounds what is read of it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { join } from 'node:path';
import { estimateCsv } from '../../server/src/data/csv';
import { CPYTHON, DEFAULT_PYTHON_VERSION } from '../../server/src/sizes/cpython';
import { shortBytes } from '../../server/src/sizes/format';
import { jsonFindings, memhintsAsShipped as memhints, project } from '../support/cli';

/** 40,000 rows of an id, a user of 500, a city of 4 and a byte count: about 1.3 MiB on disk. */
function events(): string {
  const cities = ['Oslo', 'Lima', 'Pune', 'Kyiv'];
  const rows = Array.from(
    { length: 40_000 },
    (_, i) => `${i},user${(i * 7919) % 500},${cities[i % 4]},${(i * 104729) % 1_000_000}\n`,
  );
  return `id,user,city,bytes\n${rows.join('')}`;
}

const REPORT = 'import pandas as pd\n\nevents = pd.read_csv("data/events.csv")\nprint(events["bytes"].sum())\n';

function eventsProject(t: Parameters<typeof project>[0], extra: Readonly<Record<string, string>> = {}): string {
  return project(t, { 'data/events.csv': events(), 'report.py': REPORT, ...extra });
}

test('--memory-budget 1MiB: the read is a MEM404 warning that leads with what it holds; without it, silence', (t) => {
  const dir = eventsProject(t);
  const expected = estimateCsv(
    join(dir, 'data', 'events.csv'),
    {},
    undefined,
    CPYTHON[DEFAULT_PYTHON_VERSION],
  ).estimate;
  assert.ok(expected && expected.bytes > 2 ** 20, 'the CSV holds more than the budget');
  const run = memhints(['check', 'report.py', '--format', 'json', '--memory-budget', '1MiB'], dir);
  assert.equal(run.status, 1, run.stderr);
  const findings = jsonFindings(run).filter((finding) => finding.code === 'MEM404');
  assert.deepEqual(
    findings.map((f) => [f.line, f.column, f.severity, f.scale, f.holds?.bytes]),
    [[3, 10, 'warning', 'large', expected.bytes]],
  );
  assert.match(
    findings[0]!.message,
    new RegExp(
      `^≈ ${shortBytes(expected.bytes)} once loaded, more than the 1 MiB memory budget: read only the column used \\(≈ `,
    ),
  );

  const unbudgeted = memhints(['check', 'report.py', '--format', 'json', '--select', 'MEM404'], dir);
  assert.equal(unbudgeted.status, 0, unbudgeted.stderr);
  assert.deepEqual(jsonFindings(unbudgeted), []);
});

test('memory-budget in pyproject.toml does the same; --memory-budget replaces it', (t) => {
  const dir = eventsProject(t, { 'pyproject.toml': '[tool.memhints]\nmemory-budget = "2 MiB"\n' });
  const fromFile = memhints(['check', 'report.py', '--format', 'json', '--select', 'MEM404'], dir);
  assert.match(jsonFindings(fromFile)[0]?.message ?? '', /the 2 MiB memory budget/);
  const replaced = memhints(
    ['check', 'report.py', '--format', 'json', '--select', 'MEM404', '--memory-budget', '1GiB'],
    dir,
  );
  assert.deepEqual(jsonFindings(replaced), []);
});

test('a bad size is a usage error (exit 2) on the command line and a configuration error in pyproject.toml', (t) => {
  const dir = eventsProject(t);
  const usage = memhints(['check', 'report.py', '--memory-budget', '16G'], dir);
  assert.equal(usage.status, 2);
  assert.match(usage.stderr, /--memory-budget must be 0 \(this machine's memory\), or a size from 1 MiB/);
  const config = eventsProject(t, { 'pyproject.toml': '[tool.memhints]\ndata-sample-size = 0\n' });
  const run = memhints(['check', 'report.py'], config);
  assert.equal(run.status, 2);
  assert.match(run.stderr, /pyproject\.toml: tool\.memhints\.data-sample-size: must be a size from 1 KiB to 64 MiB/);
});

test('--data-sample-size bounds the sample: with 4 KiB the estimate is extrapolated, and still over the budget', (t) => {
  const dir = eventsProject(t);
  const args = ['check', 'report.py', '--format', 'json', '--select', 'MEM404', '--memory-budget', '1MiB'];
  const whole = jsonFindings(memhints(args, dir))[0]?.holds?.bytes;
  const sampled = jsonFindings(memhints([...args, '--data-sample-size', '4KiB'], dir))[0]?.holds?.bytes;
  assert.ok(whole !== undefined && sampled !== undefined);
  assert.notEqual(sampled, whole, 'a 4 KiB sample gives another estimate than the whole file');
  assert.ok(Math.abs(sampled - whole) / whole < 0.25, `${sampled} near ${whole}`);
});
