// A read of a data file the workspace holds, in a real VS Code: hovering
// `pd.read_csv("data/sales.csv")`, or the name bound to it, leads with what the
// program will hold once the read runs. The CSV is written by the test (int,
// float and text columns); the figure is checked against the server's own
// estimator and against what pandas itself says the loaded DataFrame takes.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe } from 'node:test';
import { estimateCsv } from '../../server/src/data/csv';
import { CPYTHON, DEFAULT_PYTHON_VERSION } from '../../server/src/sizes/cpython';
import { formatCount, shortBytes } from '../../server/src/sizes/format';
import { runPythonJson } from '../support/python';
import { pandasPythonOrSkip } from '../support/pythons';
import { bytesOf } from './figures';
import { useVsCode } from './session';
import { waitFor } from './waits';
import type { Workbench } from './workbench';

const CSV_PATH = 'data/sales.csv';
const ROWS = 5_000;
const HEADER = ['order_id', 'quantity', 'unit_price', 'region', 'item'];
const REGIONS = ['north', 'south', 'east', 'west', 'central'];
const PRODUCTS = ['desk lamp', 'office chair', 'monitor arm', 'usb-c hub', 'standing desk', 'notebook', 'pen'];

/**
 * A sales ledger: two int columns, a float column, a text column with five
 * distinct values and one with about a thousand. Under 1 MiB, so the server's
 * sample is the whole file and its row count is exact.
 */
function salesCsv(): string {
  const lines = [HEADER.join(',')];
  for (let i = 0; i < ROWS; i++) {
    const price = (((i * 7919) % 100_000) / 100).toFixed(2);
    const item = `${PRODUCTS[i % PRODUCTS.length]} #${(i * 31) % 1009}`;
    lines.push(`${100_000 + i},${1 + ((i * 7) % 23)},${price},${REGIONS[i % REGIONS.length]},${item}`);
  }
  return `${lines.join('\n')}\n`;
}

const READ = `pd.read_csv("${CSV_PATH}")`;
const SCRIPT_NAME = 'sales_report.py';
const SCRIPT = `import pandas as pd\n\nsales = ${READ}\nprint(sales.describe())\n`;
/** The later use of the name, with the mouse resting on its middle. */
const NAME_USE = '(sales.';

/** What pandas says the loaded DataFrame takes: memory_usage(deep=True), index included. */
const PANDAS_USAGE = `
import json, sys
import pandas as pd
print(json.dumps(int(pd.read_csv(json.load(sys.stdin)).memory_usage(deep=True).sum())))
`;

/**
 * The hover's first line, as rendered: "≈ 768 KiB as loaded: 5 columns × 5,000 rows".
 * Hovers again until it shows: the language server may still be starting when the file opens.
 */
async function firstLineOver(workbench: Workbench, text: string): Promise<string> {
  let shown: string[] = [];
  try {
    return await waitFor(`the data estimate in the hover over ${text}`, async () => {
      shown = (await workbench.hoverLinesOver(text, { timeoutMs: 5_000 })) ?? [];
      return shown.find((line) => line.includes('as loaded'));
    });
  } catch (error) {
    throw new Error(`${(error as Error).message}; the hover showed ${JSON.stringify(shown)}`);
  }
}

const interpreter = pandasPythonOrSkip();

describe('memhints in VS Code, over a read of a CSV the workspace holds', { timeout: 5 * 60_000 }, () => {
  const { scenario, folder } = useVsCode({ workspaceFiles: { [CSV_PATH]: salesCsv(), [SCRIPT_NAME]: SCRIPT } });

  scenario(
    'hovering pd.read_csv("data/sales.csv"), and the name bound to it, shows the estimate as loaded first',
    async (workbench) => {
      const estimate = estimateCsv(join(folder(), CSV_PATH), {}, undefined, CPYTHON[DEFAULT_PYTHON_VERSION]).estimate;
      assert.ok(estimate, `the server's estimator has no estimate for ${CSV_PATH}`);
      // The bytes as the server's estimator makes them; the columns and rows as the test wrote them.
      const total = `≈ ${shortBytes(estimate.bytes)} as loaded`;
      const shape = `${HEADER.length} columns × ${formatCount(ROWS)} rows`;
      const isExpected = (line: string) => line.startsWith(total) && line.endsWith(shape);

      await workbench.openFile(SCRIPT_NAME);
      const overRead = await firstLineOver(workbench, READ);
      await workbench.screenshot('data-hover');
      assert.ok(isExpected(overRead), `the hover over ${READ}: ${overRead}; expected ${total} … ${shape}`);
      const overName = await firstLineOver(workbench, NAME_USE);
      await workbench.pressEscape();
      assert.equal(overName, overRead, 'the hover over `sales` where it is used');
    },
  );

  scenario(
    "the hover's figure is within 15% of pandas' memory_usage(deep=True) for the same file",
    async (workbench) => {
      const pandas = runPythonJson<number>(PANDAS_USAGE, join(folder(), CSV_PATH), interpreter.python);
      await workbench.openFile(SCRIPT_NAME);
      const line = await firstLineOver(workbench, READ);
      await workbench.pressEscape();
      const [, figure] = /^≈ ([\d.]+ (?:B|KiB|MiB|GiB)) as loaded/.exec(line) ?? [];
      assert.ok(figure, `no size in ${JSON.stringify(line)}`);
      const shown = bytesOf(figure);
      assert.ok(
        Math.abs(shown - pandas) <= pandas * 0.15,
        `the hover says ${figure} (${shown} bytes); pandas ${interpreter.python}: ${pandas} bytes`,
      );
    },
    { skip: interpreter.skip ?? false },
  );
});
