// MEM301, MEM401, MEM402, MEM403: the behaviours that fixtures show less
// directly. The fixtures themselves are checked by fixtures.test.ts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyEdits, combinedEdits, SAFE_AND_UNSAFE } from '../../server/src/rules/fixes';
import { ruleByCode } from '../../server/src/rules';
import type { Finding } from '../../server/src/rules/types';
import { findingsIn } from '../support/analyze';

async function findingsOf(code: string, source: string): Promise<Finding[]> {
  return findingsIn(source, { rules: [ruleByCode(code)!] });
}

async function fixed(code: string, source: string): Promise<string> {
  return applyEdits(source, combinedEdits(await findingsOf(code, source), SAFE_AND_UNSAFE));
}

test('MEM301 follows the class through its uses, not its name', async () => {
  const cls = 'class P:\n    def __init__(self, a):\n        self.a = a\n';
  assert.equal((await findingsOf('MEM301', `${cls}ps = [P(i) for i in range(100)]\n`)).length, 1);
  assert.equal(
    (await findingsOf('MEM301', `${cls}def f(P):\n    return [P(i) for i in range(100)]\n`)).length,
    0,
    'a parameter named P',
  );
  assert.equal(
    (await findingsOf('MEM301', `${cls}make = P\nps = [make(i) for i in range(100)]\n`)).length,
    0,
    'an alias is not followed',
  );
  assert.equal(
    (await findingsOf('MEM301', `${cls}ps = [P(i) for i in range(2) for j in range(5)]\n`)).length,
    0,
    'ten instances in all',
  );
  assert.equal(
    (await findingsOf('MEM301', `${cls}ps = [P(i) for i in range(3) for j in range(4)]\n`)).length,
    1,
    'twelve instances',
  );
  assert.equal(
    (await findingsOf('MEM301', `${cls}ps = [x for x in [P(1)]]\n`)).length,
    0,
    'the first iterable runs once',
  );
  assert.equal(
    (await findingsOf('MEM301', `${cls}def g():\n    P = make\n    return [P(i) for i in range(100)]\n`)).length,
    0,
    "a local P in the loop's scope",
  );
  assert.equal(
    (
      await findingsOf(
        'MEM301',
        `${cls}def g():\n    P = make\n    return [P(i) for i in range(100)]\nps = [P(i) for i in range(100)]\n`,
      )
    ).length,
    1,
    'the class itself called in a loop elsewhere',
  );
  assert.equal(
    (await findingsOf('MEM301', `${cls}def g():\n    global P\n    P = make\nps = [P(i) for i in range(100)]\n`))
      .length,
    0,
    'rebound through a global declaration',
  );
  assert.equal(
    (await findingsOf('MEM301', `from shapes import *\n${cls}ps = [P(i) for i in range(100)]\n`)).length,
    0,
    'a star import may rebind it',
  );
  assert.equal(
    (await findingsOf('MEM301', `import weakref\n${cls}ps = [P(i) for i in range(100)]\n`)).length,
    0,
    'weakref in use',
  );
});

test('MEM301 follows bases the file defines, however the header is laid out, and no others', async () => {
  const init = '    def __init__(self, a):\n        self.a = a\n';
  const loop = 'ps = [P(i) for i in range(100)]\n';
  const findings = async (source: string) => (await findingsOf('MEM301', source)).length;
  // With a local base, the one finding (at P) says what the base's __slots__ would hold too.
  const throughBase = async (source: string) =>
    (await findingsOf('MEM301', source)).filter((finding) => finding.message.includes('in `Base`')).length;
  assert.equal(await findings(`class P(object):\n${init}${loop}`), 1, 'object');
  assert.equal(
    await throughBase(`class P(Base):\n${init}class Base:\n    pass\n${loop}`),
    1,
    'a base defined below it',
  );
  assert.equal(
    await throughBase(`class Base:\n    pass\nclass P( Base , ):\n${init}${loop}`),
    1,
    'spaces and a trailing comma',
  );
  assert.equal(
    await throughBase(`class \\\n  Base:\n    pass\nclass P(Base):\n${init}${loop}`),
    1,
    'a continued class line',
  );
  assert.equal(
    await findings(`from builtins import object as Root\nclass P(Root):\n${init}${loop}`),
    1,
    'object under another name',
  );
  assert.equal(await findings(`class P(Exception):\n${init}${loop}`), 0, 'a builtin base');
  assert.equal(await findings(`import enum\nclass P(enum.Enum):\n${init}${loop}`), 0, 'an imported base');
  assert.equal(await findings(`# class Base\nclass P(Base):\n${init}${loop}`), 0, 'a base only named in a comment');
});

test('MEM301 stays silent wherever an import names the weakref module, and only there', async () => {
  const cls = 'class P:\n    def __init__(self, a):\n        self.a = a\n';
  const findings = async (imports: string) =>
    (await findingsOf('MEM301', `${imports}\n${cls}ps = [P(i) for i in range(100)]\n`)).length;
  const importing = [
    'import os, weakref',
    'import weakref as w',
    'import weakref.finalize',
    'from weakref import ref',
    'from weakref import (\n    ref,\n)',
    'def f():\n    import weakref',
  ];
  for (const imports of importing) assert.equal(await findings(imports), 0, imports);
  const notImporting = [
    'from cache import weakref',
    'from cache import weakref as w',
    'import cache.weakref',
    'from .weakref import ref',
    'weakref = None  # weakref',
    'print("import weakref")',
  ];
  for (const imports of notImporting) assert.equal(await findings(imports), 1, imports);
});

test('MEM301 reports at the class name and points at one instantiation whose instances are kept', async () => {
  const source =
    'class P:\n    pass\n\nonce = P()\nfor i in range(100):\n    P()\nps = []\nfor row in rows:\n    ps.append(P())\n';
  const [finding] = await findingsOf('MEM301', source);
  assert.ok(finding);
  assert.equal(source.slice(finding.start, finding.end), 'P');
  assert.match(finding.message, /, kept by a loop:/);
  const [made] = finding.related ?? [];
  assert.equal(made && source.slice(made.start, made.end), 'P()');
  assert.equal(made && source.slice(0, made.start).split('\n').length, 9, 'the kept instances, line 9');
  assert.equal(finding.severity, 'information');
  assert.equal(finding.fix, undefined);
});

test('MEM401 stays silent for headers other than an integer and for the frame used whole in a comprehension', async () => {
  const read = (call: string, use: string) => `import pandas as pd\ndf = ${call}\n${use}\n`;
  assert.equal((await findingsOf('MEM401', read('pd.read_csv(p, header=0)', 'print(df["a"])'))).length, 1);
  assert.equal((await findingsOf('MEM401', read('pd.read_csv(p, header=None)', 'print(df["a"])'))).length, 0);
  assert.equal((await findingsOf('MEM401', read('pd.read_csv(p, header=[0, 1])', 'print(df["a"])'))).length, 0);
  assert.equal((await findingsOf('MEM401', read('pd.read_csv(p)', 'print([d for d in df])'))).length, 0);
  assert.equal(
    (await findingsOf('MEM401', read('pd.read_csv(p)', 'print(df._data)'))).length,
    0,
    'private attributes are not columns',
  );
  assert.equal((await findingsOf('MEM401', read('pd.read_csv(p)', 'print(df[b"a"])'))).length, 0, 'bytes keys');
  assert.equal(
    (await findingsOf('MEM401', read('pd.read_excel(p, sheet_name=["a", "b"])', 'print(df["a"])'))).length,
    0,
  );
  assert.equal((await findingsOf('MEM401', read('pd.read_csv()', 'print(df["a"])'))).length, 0, 'no file argument');
});

test('MEM401 fix lists each column once, sorted, and keeps keyword arguments', async () => {
  const source =
    'import pandas as pd\ndf = pd.read_csv(p, sep="\\t")\nx = df.b + df["a"] + df[["b", "c"]].sum().sum()\n';
  assert.equal(await fixed('MEM401', source), source.replace('sep="\\t")', 'sep="\\t", usecols=["a", "b", "c"])'));
});

test('MEM401 stays silent for a column name that cannot be written back as a plain literal', async () => {
  const source = 'import pandas as pd\ndf = pd.read_csv(p)\nx = df["say \\"hi\\""]\n';
  assert.deepEqual(await findingsOf('MEM401', source), []);
});

test('MEM402 stays silent in a file that defines its own iterrows', async () => {
  const loop = 'for i, row in table.iterrows():\n    print(row)\n';
  assert.equal((await findingsOf('MEM402', loop)).length, 1);
  assert.equal(
    (await findingsOf('MEM402', `class Table:\n    def iterrows(self):\n        return []\n\n${loop}`)).length,
    0,
  );
});

test('MEM403 adds count= only for a single range of a name or a non-negative literal', async () => {
  const fix = async (comprehension: string) =>
    fixed('MEM403', `import numpy as np\na = np.array(${comprehension}, dtype=int)\n`);
  assert.match(await fix('[i for i in range(n)]'), /np\.fromiter\(\(i for i in range\(n\)\), dtype=int, count=n\)/);
  assert.match(await fix('[i for i in range(1_000)]'), /count=1_000\)/);
  assert.doesNotMatch(await fix('[i for i in range(-3)]'), /count=/);
  assert.doesNotMatch(await fix('[i for i in range(2, n)]'), /count=/);
  assert.doesNotMatch(await fix('[i for i in range(len(xs))]'), /count=/);
  assert.match(await fix('list(i for i in range(n))'), /np\.fromiter\(\(i for i in range\(n\)\), dtype=int, count=n\)/);
});

test('MEM403 gives a fix only with a dtype and a module name for fromiter', async () => {
  const fixOf = async (source: string) => (await findingsOf('MEM403', source))[0]?.fix;
  assert.ok(await fixOf('import numpy as np\na = np.array([len(i) for i in xs], dtype=float)\n'));
  assert.equal(await fixOf('import numpy as np\na = np.array([len(i) for i in xs])\n'), undefined);
  assert.equal(await fixOf('from numpy import array\na = array([len(i) for i in xs], dtype=float)\n'), undefined);
  assert.equal(
    await fixOf('import numpy as np\na = np.array([len(i) for i in xs], dtype=float, copy=False)\n'),
    undefined,
  );
  assert.equal((await fixOf('import numpy as np\na = np.array([len(i) for i in xs], float)\n'))?.safety, 'unsafe');
});

test('MEM402 says when the loop keeps every row, and not when it keeps a value of each', async () => {
  const loop = (body: string) => `rows = []\nfor index, row in frame.iterrows():\n    ${body}\n`;
  const message = async (source: string) => {
    const findings = await findingsOf('MEM402', source);
    assert.equal(findings.length, 1, source);
    return findings[0]!.message;
  };
  assert.match(await message(loop('rows.append(row)')), /rows kept in `rows` hold a ~1 KB Series each/);
  assert.match(await message(loop('rows.append(row["price"])')), /copies a mixed-dtype frame whole/);
  assert.match(await message(loop('rows.append(row.name)')), /copies a mixed-dtype frame whole/);
  assert.match(
    await message(`kept = [row for _, row in frame.iterrows() if row["price"] > 0]\n`),
    /rows kept in the list/,
  );
  assert.match(
    await message(`kept = [row["price"] for _, row in frame.iterrows()]\n`),
    /copies a mixed-dtype frame whole/,
  );
  assert.match(
    await message(`kept = (row for _, row in frame.iterrows())\n`),
    /copies a mixed-dtype frame whole/,
    'a generator holds one row at a time',
  );
});

test('MEM410 reads frames behind a star import of pandas, and no other', async () => {
  const loop = 'orders = read_csv("orders.csv")\nfor i in range(len(orders)):\n    print(orders.iloc[i])\n';
  assert.equal((await findingsOf('MEM410', `from pandas import *\n${loop}`)).length, 1);
  assert.equal((await findingsOf('MEM410', `from numpy import *\nfrom pandas import *\n${loop}`)).length, 1);
  assert.equal(
    (await findingsOf('MEM410', `from pandas import *\nfrom shapes import *\n${loop}`)).length,
    0,
    'shapes may bind read_csv (and len) to anything',
  );
  assert.equal((await findingsOf('MEM410', `from numpy import *\n${loop}`)).length, 0, 'read_csv is unbound');
});

test("MEM406 and MEM407 weigh the frame a mask selects from, not the selection's unknown size", async () => {
  const read = 'import pandas as pd\norders = pd.read_csv("orders.csv")\nlate = orders["days_late"] > 0\n';
  const counted = await findingsOf('MEM406', `${read}n = len(orders[late])\n`);
  const selected = await findingsOf('MEM407', `${read}a = orders[orders["days_late"] > 0]["amount"]\n`);
  assert.deepEqual(
    [...counted, ...selected].map((finding) => finding.scale),
    ['large', 'large'],
  );
});
