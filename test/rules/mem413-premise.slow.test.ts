// MEM413's premise, measured: its documented example reads orders.csv at
// 10^6 rows (12 columns, 67 MB), with `low_memory=False` and as its fix reads
// it, without; and with a `dtype=` for every column, with and without the
// keyword; each in a process of its own, on every CPython the suite has with
// pandas. The tokens the C parser holds are malloc's, which tracemalloc does
// not see: the peak is the process's resident set (rss_run.py). The message
// says the whole file is held as tokens while parsing, 16 B a field and a
// line's 16, and the text: the peak with the keyword must exceed the frame by
// that much, and the fix must lower it.
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { test } from 'node:test';
import { csvTokenBytes, lowMemoryChunkRows } from '../../server/src/data/csvTokens';
import { applyEdits } from '../../server/src/rules/fixes';
import { mem413 } from '../../server/src/rules/mem413-low-memory-false';
import { dataFolder } from '../support/dataFiles';
import { assertClaim } from '../support/premise/claims';
import { findingsOf } from '../support/premise/documented';
import { forEachPython } from '../support/premise/interpreters';
import { writeOrdersCsv } from '../support/premise/ordersCsv';
import { rssPeakUnavailable, rssRun, type RssRun } from '../support/premise/rssRun';

const ROWS = 1_000_000;
const COLUMNS = 12;
const ORDERS = writeOrdersCsv(dataFolder('mem413-premise'), ROWS);
const FILE_BYTES = statSync(ORDERS).size;
/** Every column's dtype as the parser infers it: a `dtype=` that changes nothing but the path pandas takes. */
const DTYPES =
  '{"order_id": "int64", "customer_id": "int64", "days_late": "int64", "quantity": "int64", "amount": "float64", "price": "float64", "discount": "float64", "tax": "float64", "weight": "float64", "distance": "float64", "city": "object", "status": "object"}';

const READS = {
  lowMemoryFalse: 'orders = pd.read_csv("orders.csv", low_memory=False)',
  byDefault: 'orders = pd.read_csv("orders.csv")',
  dtypes: `orders = pd.read_csv("orders.csv", dtype=${DTYPES})`,
  dtypesLowMemoryFalse: `orders = pd.read_csv("orders.csv", dtype=${DTYPES}, low_memory=False)`,
};

/** The file copied in, and pandas' parser loaded and warmed on a few lines: none of that is what is measured. */
const SETUP = `import io
import shutil
import pandas as pd
shutil.copy(${JSON.stringify(ORDERS)}, "orders.csv")
pd.read_csv(io.StringIO("a,b\\n1,x\\n"))
pd.read_csv(io.StringIO("a,b\\n1,x\\n"), low_memory=False)
`;

test('the fix turns the documented example into its replacement, and calls it unsafe', async () => {
  const [finding, ...others] = await findingsOf(mem413, mem413.docs.example);
  assert.equal(others.length, 0);
  assert.equal(finding?.fix?.safety, 'unsafe');
  assert.equal(applyEdits(mem413.docs.example, finding.fix.edits), mem413.docs.useInstead);
  // Without the file, the message says from what size the keyword costs: pandas' chunk for 12 columns.
  assert.match(finding.message, /^Past 2\^20 fields \(([\d,]+) rows of 12 columns\) the whole file is held as tokens/);
  assert.equal(/\(([\d,]+) rows/.exec(finding.message)![1]!.replaceAll(',', ''), String(lowMemoryChunkRows(12)));
});

const unavailable = rssPeakUnavailable();

const FIGURES = { rows: 'len(orders)', columns: 'orders.shape[1]', frame: 'int(orders.memory_usage().sum())' };

forEachPython(
  `MEM413's premise on a ${ROWS.toLocaleString('en-US')}-row CSV of ${COLUMNS} columns`,
  async ({ python }, t) => {
    if (unavailable) return t.skip(unavailable);
    const runs = Object.fromEntries(
      Object.entries(READS).map(([label, code]) => [label, rssRun(python, { setup: SETUP, code, figures: FIGURES })]),
    ) as Record<keyof typeof READS, RssRun>;
    const { rows, columns, frame } = runs.byDefault.figures as Record<string, number>;
    const tokens = csvTokenBytes(rows!, columns!, FILE_BYTES);
    const pandas2 = /pandas 2\./.test(runs.byDefault.interpreter);
    t.diagnostic(runs.byDefault.interpreter);
    t.diagnostic(`file ${FILE_BYTES} B, frame ${frame} B (shallow), tokens by the model ${tokens} B`);
    for (const [label, run] of Object.entries(runs)) t.diagnostic(`${label}: peak ${run.peak} B, held ${run.held} B`);
    assert.equal(rows, ROWS);
    assert.equal(columns, COLUMNS);

    // "The whole file held as tokens while parsing": with the keyword, the peak is the frame and the tokens beside it.
    assertClaim('peak with low_memory=False, less the frame', runs.lowMemoryFalse.peak - frame!, tokens, {
      below: 0.1,
      above: 0.15,
      why: 'the resident set counts whole pages and what malloc keeps between realloc steps; a column being converted comes on top',
    });
    // "drop low_memory=False": by default the parser holds one chunk's tokens, and the peak is the frame twice (chunks, then their concatenation).
    assertClaim('peak by default, against two copies of the frame', runs.byDefault.peak, 2 * frame!, {
      below: 0.05,
      above: 0.05,
      why: 'the C parser concatenates the columns of its chunks: their copies and the result are alive together',
    });
    assert.ok(
      runs.byDefault.peak < runs.lowMemoryFalse.peak * 0.6,
      'the fix lowers the peak by the tokens less a copy of the frame',
    );
    // dtype= instead (what pandas' DtypeWarning advises): as cheap as the default with pandas 1.x; with pandas 2.2 a dict of
    // dtypes makes the frame through a path that copies every column more than once, and peaks above even low_memory=False.
    if (pandas2)
      assert.ok(
        runs.dtypes.peak > runs.lowMemoryFalse.peak,
        'pandas 2.2: dtype= as a dict peaks above low_memory=False',
      );
    else
      assertClaim('peak with dtype=, against the default', runs.dtypes.peak, runs.byDefault.peak, {
        below: 0.05,
        above: 0.05,
        why: 'pandas 1.x converts the columns as the default does',
      });
    // With dtype= too, low_memory=False still tokenizes the whole file: no lower than without dtype=.
    assert.ok(runs.dtypesLowMemoryFalse.peak >= runs.lowMemoryFalse.peak * 0.95);
  },
  ['pandas'],
);

/** A file of one chunk's rows (12 columns: 65,536), which the C parser tokenizes whole with or without the keyword. */
const ONE_CHUNK_ROWS = 60_000;
const SMALL_ORDERS = writeOrdersCsv(dataFolder('mem413-premise-one-chunk'), ONE_CHUNK_ROWS);

forEachPython(
  `MEM413 is silent on a file of one chunk: ${ONE_CHUNK_ROWS.toLocaleString('en-US')} rows of ${COLUMNS} columns peak alike`,
  async ({ python }, t) => {
    if (unavailable) return t.skip(unavailable);
    assert.ok(ONE_CHUNK_ROWS <= lowMemoryChunkRows(COLUMNS));
    const setup = SETUP.replace(JSON.stringify(ORDERS), JSON.stringify(SMALL_ORDERS));
    const [withKeyword, byDefault] = [READS.lowMemoryFalse, READS.byDefault].map((code) =>
      rssRun(python, { setup, code, figures: FIGURES }),
    );
    t.diagnostic(`low_memory=False: peak ${withKeyword!.peak} B; by default: peak ${byDefault!.peak} B`);
    assertClaim('peak with low_memory=False, against the default', withKeyword!.peak, byDefault!.peak, {
      below: 0.05,
      above: 0.05,
      why: 'one chunk holds the whole file either way; the resident set counts whole pages',
    });
  },
  ['pandas'],
);
