// MEM401's premise on the idioms notebooks use most, measured as its
// documented example is (mem401-premise.slow.test.ts): the same sales.csv of
// 10^5 rows, the 3 columns the code uses and 17 numeric others, run before and
// after the rule's own fix under tracemalloc. A frame cut to a few columns by
// the statement right after the read (`sales = sales[[…]]`) holds them only
// until then: what the fix saves is the peak of the read, not what is held
// after; the fix keeps the subset line unless the file's own order (known when
// the workspace holds the file) makes it idle. Columns named through constants
// are the documented example again, and save what it saves.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SAMPLE_LIMITS } from '../../server/src/data/dataEstimate';
import { defaultDataFiles } from '../../server/src/data/estimators';
import { dataReadScales } from '../../server/src/engine/dataReadScales';
import { applyEdits } from '../../server/src/rules/fixes';
import { mem401 } from '../../server/src/rules/mem401-read-csv-usecols';
import type { Finding } from '../../server/src/rules/types';
import { DEFAULT_SMALL_BYTES } from '../../server/src/scale/scale';
import { CPYTHON, DEFAULT_PYTHON_VERSION } from '../../server/src/sizes/cpython';
import { findingsIn } from '../support/analyze';
import { assertClaim } from '../support/premise/claims';
import { describeRuns, measureFix } from '../support/premise/fixRuns';
import { forEachPython } from '../support/premise/interpreters';
import { DATA_SCALE } from '../support/premise/tracedRun';

const USED = ['price', 'quantity', 'region'];
const OTHER_COLUMNS = 17;
const HEADER = [...USED, ...Array.from({ length: OTHER_COLUMNS }, (_, k) => `other${k}`)];

/** sales.csv: random prices, quantities and regions, and the other columns the code never reads. */
const SETUP = String.raw`
import random
rng = random.Random(1)
with open("sales.csv", "w") as out:
    out.write(",".join(${JSON.stringify(HEADER)}) + "\n")
    for i in range(${DATA_SCALE}):
        used = ["%.2f" % (rng.random() * 100), str(rng.randrange(1, 20)), rng.choice(["north", "south", "east", "west"])]
        out.write(",".join(used + ["%.3f" % rng.random() for _ in range(${OTHER_COLUMNS})]) + "\n")
`;

/** What the columns the code leaves unused hold once read, from a read of its own after the run. */
const OTHERS_HELD = `int(pd.read_csv("sales.csv").drop(columns=${JSON.stringify(USED)}).memory_usage(index=False, deep=True).sum())`;

const USES = 'total = (sales["price"] * sales["quantity"]).sum()\nregions = sales.region.unique()\n';

interface Idiom {
  readonly name: string;
  readonly code: string;
  /** The workspace holds sales.csv (its header and a few rows), as the editor would see it. */
  readonly workspaceFile: boolean;
  /** The fix drops the subset line. */
  readonly dropsLine: boolean;
  /** Cut by the next statement: only the peak is lower, what is held after is the same. */
  readonly cut: boolean;
}

const IDIOMS: readonly Idiom[] = [
  {
    name: 'a cut in the file’s order, the file in the workspace',
    code: `import pandas as pd\n\nsales = pd.read_csv("sales.csv")\nsales = sales[["price", "quantity", "region"]]\n${USES}`,
    workspaceFile: true,
    dropsLine: true,
    cut: true,
  },
  {
    name: 'a cut in another order',
    code: `import pandas as pd\n\nsales = pd.read_csv("sales.csv")\nsales = sales[["region", "price", "quantity"]]\n${USES}`,
    workspaceFile: true,
    dropsLine: false,
    cut: true,
  },
  {
    name: 'a cut through a list bound to a name, the file unknown',
    code: `import pandas as pd\n\nKEPT = ["price", "quantity", "region"]\nsales = pd.read_csv("sales.csv")\nsales = sales[KEPT]\n${USES}`,
    workspaceFile: false,
    dropsLine: false,
    cut: true,
  },
  {
    name: 'columns named through constants',
    code: `import pandas as pd\n\nTARGET = "price"\nFEATURES = ["quantity", "region"]\nsales = pd.read_csv("sales.csv")\nX = sales[FEATURES]\ny = sales[TARGET]\n`,
    workspaceFile: false,
    dropsLine: false,
    cut: false,
  },
];

/** The rule's one finding on the code, with the workspace holding a small sales.csv of the same columns when asked. */
async function findingOn(idiom: Idiom): Promise<Finding> {
  const folder = mkdtempSync(join(tmpdir(), 'memhints-mem401-'));
  try {
    writeFileSync(join(folder, 'sales.csv'), `${HEADER.join(',')}\n${HEADER.map((_, k) => k).join(',')}\n`);
    const dataReads = idiom.workspaceFile
      ? dataReadScales(defaultDataFiles([folder]), {
          documentPath: join(folder, 'sales.py'),
          layout: CPYTHON[DEFAULT_PYTHON_VERSION],
          smallBytes: DEFAULT_SMALL_BYTES,
          sampleBytes: DEFAULT_SAMPLE_LIMITS.maxSampleBytes,
          memoryBudget: 0,
          machine: { total: () => 256 * 1024, available: () => 160 * 1024 },
        })
      : undefined;
    const findings = await findingsIn(idiom.code, { rules: [mem401], ...(dataReads ? { dataReads } : {}) });
    assert.equal(findings.length, 1, `${idiom.name}: one finding`);
    return findings[0]!;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

for (const idiom of IDIOMS) {
  forEachPython(
    `MEM401, ${idiom.name}: the rule's fix keeps the unused columns out of memory`,
    async ({ python }, context) => {
      const finding = await findingOn(idiom);
      assert.match(finding.message, idiom.cut ? /read though the next statement keeps only/ : /held, `sales` uses/);
      const after = applyEdits(idiom.code, finding.fix!.edits);
      if (idiom.cut)
        assert.equal(
          !after.includes('sales = sales['),
          idiom.dropsLine,
          `whether the fix drops the subset line:\n${after}`,
        );
      const runs = measureFix(python, {
        setup: SETUP,
        before: idiom.code,
        after,
        // The frame too: its columns, their order and dtypes, and its data must come out the same.
        results: idiom.cut ? ['sales', 'total', 'regions'] : ['X', 'y'],
        figures: { others: OTHERS_HELD },
      });
      const claimed = runs.before.figures.others!;
      context.diagnostic(describeRuns(`MEM401 ${idiom.name}`, runs, claimed));
      assertClaim('peak saved', runs.peakSaved, claimed, {
        below: 0.01,
        above: 5,
        why: "pandas converts each column it reads through temporary arrays that usecols= also skips: the peak drops by 2 (pandas 1.1) to 4 (pandas 1.5, 2.2) times the columns' final size",
      });
      if (idiom.cut)
        assertClaim('memory held after saved', runs.heldSaved, 0, {
          below: 0,
          above: 0,
          slack: claimed * 0.01,
          why: 'the cut frame is a copy of the same columns either way; only its blocks and labels may differ by a few KB',
        });
      else
        assertClaim('memory held by the frame saved', runs.heldSaved, claimed, {
          below: 0.01,
          above: 0.02,
          why: 'the frame without those columns also has fewer blocks and column labels, a few KB',
        });
    },
    ['pandas'],
  );
}
