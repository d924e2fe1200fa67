// MEM412's premise, measured: its documented example reads orders/ (the
// 10^5 rows of orders.csv in 20 files of 5,000), combines the frames with
// pd.concat and sorts the result, under tracemalloc, as the example writes it
// and as its replacement does (concat of a generator), on every CPython the
// suite has with pandas; both must make the same frame. The message says the
// list keeps a second copy of every column after the concat: the replacement
// must hold less by the combined frame's own bytes at the end, and peak lower
// by that much while the sort runs. It claims nothing of the concat itself,
// whose peak is the same either way (pandas makes a list of a generator
// first), as high as one read of a single file of all the rows: measured too.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { mem412 } from '../../server/src/rules/mem412-frames-kept-after-concat';
import { dataFolder } from '../support/dataFiles';
import { assertClaim } from '../support/premise/claims';
import { findingsOf } from '../support/premise/documented';
import { describeRuns, measureFix } from '../support/premise/fixRuns';
import { forEachPython } from '../support/premise/interpreters';
import { writeOrdersCsv } from '../support/premise/ordersCsv';
import { DATA_SCALE, tracedRun } from '../support/premise/tracedRun';

const PARTS = 20;
const FOLDER = dataFolder('mem412-premise');
const ORDERS = writeOrdersCsv(FOLDER);

/** orders/part00.csv … part19.csv: orders.csv's rows, 5,000 to a file, each with the header. */
function writeParts(): string {
  const [header, ...rows] = readFileSync(ORDERS, 'utf8').trimEnd().split('\n');
  const folder = join(FOLDER, 'orders');
  mkdirSync(folder);
  const size = rows.length / PARTS;
  for (let part = 0; part < PARTS; part++) {
    const lines = rows.slice(part * size, (part + 1) * size);
    writeFileSync(join(folder, `part${String(part).padStart(2, '0')}.csv`), `${header}\n${lines.join('\n')}\n`);
  }
  return folder;
}

const PARTS_FOLDER = writeParts();
const SETUP = `import glob\nimport shutil\nimport pandas as pd\nshutil.copytree(${JSON.stringify(PARTS_FOLDER)}, "orders")\nshutil.copy(${JSON.stringify(ORDERS)}, "orders.csv")`;

/** The example's code after its imports. */
function code(example: string): string {
  return example.slice(example.search(/^(frames|orders) = /m));
}

const CONCAT_ALONE = {
  list: 'frames = []\nfor path in sorted(glob.glob("orders/*.csv")):\n    frames.append(pd.read_csv(path))\norders = pd.concat(frames, ignore_index=True)',
  generator: 'orders = pd.concat((pd.read_csv(path) for path in sorted(glob.glob("orders/*.csv"))), ignore_index=True)',
  oneFile: 'orders = pd.read_csv("orders.csv")',
};

test('the documented example is flagged once, at the concat; its replacement is not', async () => {
  const [finding, ...others] = await findingsOf(mem412, mem412.docs.example);
  assert.equal(others.length, 0);
  assert.equal(finding?.fix, undefined);
  assert.equal(finding.severity, 'warning');
  assert.equal(
    finding.message,
    '`frames` keeps a second copy of every column after `pd.concat`: `del` it then, or concat a generator',
  );
  assert.match(mem412.docs.example.slice(finding.start, finding.end), /^pd\.concat\(frames/);
  assert.deepEqual(await findingsOf(mem412, mem412.docs.useInstead), []);
});

forEachPython(
  `MEM412's premise: ${PARTS} files of ${(DATA_SCALE / PARTS).toLocaleString('en-US')} rows combined and sorted`,
  async ({ python }, t) => {
    const runs = measureFix(python, {
      setup: SETUP,
      before: code(mem412.docs.example),
      after: code(mem412.docs.useInstead),
      results: ['by_amount'],
      figures: { rows: 'len(orders)', frameBytes: 'int(orders.memory_usage(index=True).sum())' },
    });
    const { rows, frameBytes } = runs.before.figures as Record<string, number>;
    const alone = Object.fromEntries(
      Object.entries(CONCAT_ALONE).map(([label, snippet]) => [
        label,
        tracedRun(python, { setup: SETUP, code: snippet }).peak,
      ]),
    ) as Record<keyof typeof CONCAT_ALONE, number>;
    t.diagnostic(runs.before.interpreter);
    t.diagnostic(describeRuns('example', runs, frameBytes!));
    t.diagnostic(
      `the concat alone peaks ${alone.list} B from the list, ${alone.generator} B from a generator; one read of one file of the rows ${alone.oneFile} B`,
    );
    assert.equal(rows, DATA_SCALE);
    // "keeps a second copy of every column": the frames hold what the combined frame holds (their text columns' strs are shared).
    assertClaim('bytes held less at the end with the generator', runs.heldSaved, frameBytes!, {
      below: 0.02,
      above: 0.02,
      slack: 16_384,
      why: "each part's index is a RangeIndex of a few bytes; the list itself holds 20 pointers",
    });
    assertClaim('peak saved while the sort runs', runs.peakSaved, frameBytes!, {
      below: 0.05,
      above: 0.05,
      slack: 65_536,
      why: "the sort's peak comes on top of what is held: the frames' copy, and allocations of the sort that differ by a few KB",
    });
    // Nothing is claimed of the concat's own peak: the same from a generator (pandas lists it first), and as high as one read of one file.
    assertClaim('concat peak from a generator, against from the list', alone.generator, alone.list, {
      below: 0.02,
      above: 0.02,
      why: 'pandas makes a list of the frames a generator gives before it combines them',
    });
    assertClaim('one read of a single file of all the rows, against the concat', alone.oneFile, alone.list, {
      below: 0.1,
      above: 0.1,
      why: "the C parser reads in chunks and concatenates them: two copies of the columns at its peak, as the concat's",
    });
  },
  ['pandas'],
);
