// MEM404 compares what a read will hold with the memory limit: the budget
// when one is set, else the machine's memory, asked of a port these tests
// fill in. The estimates here are made up, so that gigabytes can be tested
// without gigabyte files; the fixture (test/fixtures/rules/MEM404.py) reads
// real files, and test/cli/memoryBudget.slow.test.ts runs the command line.
import assert from 'node:assert/strict';
import { totalmem } from 'node:os';
import { test } from 'node:test';
import type { DataColumn, DataEstimate } from '../../server/src/data/dataEstimate';
import { mem404 } from '../../server/src/rules/mem404-read-exceeds-memory';
import type { Finding } from '../../server/src/rules/types';
import type { DataReadScales } from '../../server/src/scale/dataScale';
import { memoryLimit, THIS_MACHINE, type MachineMemory, type MemoryLimit } from '../../server/src/scale/memoryLimit';
import { shortBytes } from '../../server/src/sizes/format';
import { findingsIn } from '../support/analyze';

const GiB = 2 ** 30;

/** A workspace where every read holds `estimate`, checked against `limit`. */
function workspace(estimate: DataEstimate | undefined, limit: MemoryLimit): DataReadScales {
  return {
    estimateOf: () => estimate,
    scaleOf: () => (estimate ? 'large' : undefined),
    memoryLimit: () => limit,
  };
}

function column(name: string, bytes: number, dtype = 'int64'): DataColumn {
  return { name, dtype, bytes };
}

/** A text column of five four-letter values over `rows` rows, pandas counting `bytes` for it; as category, a byte a row. */
function textOfFive(name: string, bytes: number, rows: number): DataColumn {
  const strs = 5 * 53;
  const asCategory = { bytes: rows + strs + 5 * 8, categories: 5, stringBytes: strs };
  return { ...column(name, bytes, 'object'), distinctInSample: 5, meanTextLength: 4, asCategory };
}

/** A CSV of `rows` rows and these columns, as read_csv would hold it. */
function table(columns: readonly DataColumn[], rows = 10 ** 8, format: DataEstimate['format'] = 'csv'): DataEstimate {
  const bytes = columns.reduce((total, each) => total + each.bytes, 0);
  return { format, fileBytes: bytes / 3, rows, rowsExact: false, columns, bytes, bytesExact: false };
}

const budget = (bytes: number): MemoryLimit => ({ source: 'budget', bytes });

async function findings(source: string, reads: DataReadScales | undefined): Promise<Finding[]> {
  return findingsIn(source, { rules: [mem404], ...(reads ? { dataReads: reads } : {}) });
}

const USED_FOUR = [
  'import pandas as pd',
  'events = pd.read_csv("events.csv")',
  'print(events["a"].sum(), events["b"].max(), events.c.min(), events[["d"]].count())',
  '',
].join('\n');

/** 9.6 GiB: twelve columns of 0.8 GiB, of which the code uses four. */
const TWELVE_COLUMNS = table(
  Array.from({ length: 12 }, (_, i) => column('abcdefghijkl'[i]!, 0.8 * GiB)),
  10 ** 8,
);

test('memoryLimit: the budget when one is set, else what the machine has and has available', () => {
  const machine: MachineMemory = { total: () => 16 * GiB, available: () => 5 * GiB };
  assert.deepEqual(memoryLimit(8 * GiB, machine), { source: 'budget', bytes: 8 * GiB });
  assert.deepEqual(memoryLimit(0, machine), { source: 'machine', bytes: 16 * GiB, availableBytes: 5 * GiB });
});

test('this machine: its memory, or a container’s limit below it, and no more available than that', () => {
  const total = THIS_MACHINE.total();
  assert.ok(total > 0 && total <= totalmem(), `${total}`);
  const available = THIS_MACHINE.available();
  assert.ok(available > 0 && available <= total, `${available} of ${total}`);
});

test('cost first, then the budget, then the columns used and what they hold', async () => {
  const [finding] = await findings(USED_FOUR, workspace(TWELVE_COLUMNS, budget(16 * GiB)));
  assert.equal(
    finding?.message,
    '≈ 9.6 GiB once loaded, over half of the 16 GiB memory budget: read only the 4 columns used (≈ 3.2 GiB)',
  );
  assert.equal(finding.severity, 'warning');
  assert.equal(finding.scale, 'large');
  assert.deepEqual(finding.holds, { bytes: TWELVE_COLUMNS.bytes, approximate: true });
  assert.equal(finding.fix, undefined);
});

test('a budget written in decimal units reads back so; over the whole of it says "more than"', async () => {
  const [finding] = await findings(USED_FOUR, workspace(TWELVE_COLUMNS, budget(8e9)));
  assert.match(finding?.message ?? '', /^≈ 9\.6 GiB once loaded, more than the 8 GB memory budget: /);
});

test('no budget: the machine, with what it has available', async () => {
  const limit = memoryLimit(0, { total: () => 15.5 * GiB, available: () => 9.1 * GiB });
  const [finding] = await findings(USED_FOUR, workspace(TWELVE_COLUMNS, limit));
  assert.match(
    finding?.message ?? '',
    /^≈ 9\.6 GiB once loaded, over half of this machine's 15\.5 GiB of memory \(9\.1 GiB available\): /,
  );
});

test('at most half of the limit, or with no estimate, or with no workspace, nothing is said', async () => {
  const half = table([column('a', 8 * GiB)]);
  assert.deepEqual(await findings(USED_FOUR, workspace(half, budget(16 * GiB))), []);
  const justOver = table([column('a', 8 * GiB + 1)]);
  assert.equal((await findings(USED_FOUR, workspace(justOver, budget(16 * GiB)))).length, 1);
  assert.deepEqual(await findings(USED_FOUR, workspace(undefined, budget(1))), []);
  assert.deepEqual(await findings(USED_FOUR, undefined), []);
});

test('when the columns used are still too many, the frame is read in chunks if its uses add up, else scanned', async () => {
  const wide = table([column('a', 20 * GiB), column('b', 4 * GiB), column('c', 4 * GiB)]);
  const limit = budget(16 * GiB);
  const summed = 'import pandas as pd\nevents = pd.read_csv("big.csv")\nprint(events["a"].sum())\n';
  assert.equal(
    (await findings(summed, workspace(wide, limit)))[0]?.message,
    '≈ 28 GiB once loaded, more than the 16 GiB memory budget: read only the column used (≈ 20 GiB, still over half); iterate it in chunks with `chunksize=`',
  );
  const sorted = 'import pandas as pd\nevents = pd.read_csv("big.csv")\nprint(events["a"].sort_values())\n';
  assert.match(
    (await findings(sorted, workspace(wide, limit)))[0]?.message ?? '',
    /read only the column used \(≈ 20 GiB, still over half\); scan it lazily with Polars: `pl\.scan_csv\("big\.csv"\)`$/,
  );
  const tabs = 'import pandas as pd\nevents = pd.read_table(PATH)\nprint(events)\n';
  assert.deepEqual(await findings(tabs, workspace(wide, limit)), [], 'a computed path is no read the rule sees');
  const tsv = 'import pandas as pd\nevents = pd.read_table("big.tsv")\nprint(events)\n';
  assert.match(
    (await findings(tsv, workspace(wide, limit)))[0]?.message ?? '',
    /: scan it lazily with Polars: `pl\.scan_csv\("big\.tsv", separator="\\t"\)`$/,
  );
});

test('a text column of few values is read as category; not for Parquet, which takes no dtype', async () => {
  const city: DataColumn = { ...textOfFive('city', 6 * GiB, 10 ** 8) };
  const frame = table([column('id', 0.8 * GiB), city], 10 ** 8);
  const limit = budget(8 * GiB);
  const code = (read: string) => `import pandas as pd\nframe = ${read}\nprint(frame)\n`;
  const [csv] = await findings(code('pd.read_csv("cities.csv")'), workspace(frame, limit));
  assert.match(csv?.message ?? '', /: read "city" as category \(≈ 9\d\d MiB\)$/);
  const parquetFrame = { ...frame, format: 'parquet' as const };
  const [parquet] = await findings(code('pd.read_parquet("cities.parquet")'), workspace(parquetFrame, limit));
  assert.match(parquet?.message ?? '', /: scan it lazily with Polars: `pl\.scan_parquet\("cities\.parquet"\)`$/);
});

test('a read that holds nothing yet is left alone; one whose chunk is too large asks for a smaller one', async () => {
  const huge = table([column('a', 40 * GiB)]);
  const limit = budget(16 * GiB);
  const read = (args: string) =>
    findings(`import pandas as pd\nimport numpy as np\nx = ${args}\n`, workspace(huge, limit));
  assert.deepEqual(await read('pd.read_csv("a.csv", iterator=True)'), []);
  assert.deepEqual(await read('np.load("a.npy", mmap_mode="r")'), []);
  assert.equal((await read('pd.read_csv("a.csv", iterator=False)')).length, 1);
  assert.equal((await read('np.load("a.npy", mmap_mode=None)')).length, 1);
  // np.load of an archive reads a member only when it is indexed.
  assert.deepEqual(await read('np.load("arrays.npz")'), []);
  assert.match(
    (await read('pd.read_csv("a.csv", chunksize=1000000000)'))[0]?.message ?? '',
    /: a smaller `chunksize=`$/,
  );
});

test('an array is mapped instead, its size exact; text is iterated, bytes read in blocks, JSON streamed', async () => {
  const limit = budget(1 * GiB);
  const array: DataEstimate = {
    format: 'npy',
    fileBytes: 4 * GiB,
    rows: 5 * 10 ** 8,
    rowsExact: true,
    shape: [5 * 10 ** 8],
    dtype: 'float64',
    bytes: 4 * GiB,
    bytesExact: true,
  };
  const [npy] = await findings('import numpy as np\nx = np.load("x.npy")\n', workspace(array, limit));
  assert.equal(
    npy?.message,
    '4 GiB once loaded, more than the 1 GiB memory budget: map it instead: `np.load("x.npy", mmap_mode="r")`',
  );
  const text = { ...array, format: 'text' as const, shape: undefined, dtype: undefined };
  const cases: readonly (readonly [string, RegExp])[] = [
    ['lines = open("log.txt").readlines()\n', /: iterate the open file a line at a time: `for line in f`$/],
    ['data = open("log.bin", "rb").read()\n', /: read the open file in blocks: `f\.read\(size\)`$/],
    ['import json\nrows = json.load(open("rows.json"))\n', /: parse it as a stream \(ijson\)$/],
  ];
  for (const [source, remedy] of cases) {
    const format = source.includes('json') ? 'json' : 'text';
    const [finding] = await findings(source, workspace({ ...text, format }, limit));
    assert.match(finding?.message ?? '', remedy, source);
    assert.match(finding?.message ?? '', new RegExp(`^${shortBytes(4 * GiB)} once loaded`), source);
  }
});

test('a category saving counts against the columns used: material for them, though small beside the whole file', async () => {
  const city = textOfFive('city', 1 * GiB, 10 ** 7);
  // The city column is a twentieth of the file, but most of what the code uses.
  const frame = table([column('id', 0.8 * GiB), city, column('wide', 18 * GiB)], 10 ** 7);
  const source =
    'import pandas as pd\nframe = pd.read_csv("cities.csv")\nprint(frame["city"].nunique(), frame.id.max())\n';
  const [finding] = await findings(source, workspace(frame, budget(16 * GiB)));
  assert.match(finding?.message ?? '', /: read only the 2 columns used, "city" as category \(≈ 8\d\d MiB\)$/);
});
