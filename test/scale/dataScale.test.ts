// Where data comes from decides its scale: literals are small, files,
// DataFrames and big ranges are large, names are as large as their values,
// loop variables as large as what the loop iterates, the rest unknown.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DataScales } from '../../server/src/scale/dataScale';
import type { Scale } from '../../server/src/scale/scale';
import { withSource } from '../support/tree';

/** The scale of `data` in the last line of the source, `use(data)`. */
async function scaleOf(source: string): Promise<Scale> {
  return withSource(source, ({ facts, find }) => {
    const calls = find('call', undefined, 0)
      .tree.rootNode.descendantsOfType('call')
      .filter((call) => call?.childForFieldName('function')?.text === 'use');
    const argument = calls[calls.length - 1]!.childForFieldName('arguments')!.namedChild(0)!;
    return new DataScales(facts).of(argument);
  });
}

const CASES: readonly (readonly [string, Scale, string])[] = [
  ['use([1, 2, 3])\n', 'small', 'a display of literals'],
  ['use(("a", "b"))\n', 'small', 'a tuple of literals'],
  ['use(range(10))\n', 'small', 'a short range'],
  ['use(range(10**6))\n', 'large', 'a range over 10^5'],
  ['use(range(0, 10**6, 100))\n', 'small', 'a range of 10^4 items, counted with its step'],
  ['N = 200_000\nuse(range(N))\n', 'large', 'a range over a constant bound once'],
  ['import pandas as pd\ndf = pd.read_csv("a.csv")\nuse(df)\n', 'large', 'a frame read from a file'],
  ['import pandas as pd\ndf = pd.read_csv("a.csv")\nuse(df["price"])\n', 'large', 'a column of it'],
  ['import pandas as pd\ndf = pd.read_csv("a.csv")\nuse(df.columns)\n', 'small', 'its column names'],
  ['import pandas as pd\ndf = pd.read_csv("a.csv")\nuse(df.groupby("k").apply(f))\n', 'large', 'a method of a frame'],
  ['import pandas as pd\ndf = pd.read_csv("a.csv")\nuse(range(len(df)))\n', 'large', 'a range over its rows'],
  ['import pandas as pd\ndf = pd.read_csv("a.csv")\nuse(range(df.shape[0]))\n', 'large', 'a range over its shape'],
  ['import pandas as pd\ndf = pd.read_csv("a.csv")\nuse(df[:5])\n', 'small', 'its first five rows'],
  [
    'import numpy as np\nX = np.load("a.npy")\nuse(range(X.shape[1]))\n',
    'unknown',
    'a range over its columns, which do not grow with its rows',
  ],
  ['import numpy as np\nX = np.load("a.npy")\nuse(range(X.size))\n', 'large', 'a range over its items'],
  [
    'import csv\nreader = csv.reader(open("a.csv"))\nuse(reader.__next__())\n',
    'unknown',
    "one row of a file's reader: its header",
  ],
  ['with open("log.txt") as f:\n    use(f.readline())\n', 'unknown', 'one line of a file'],
  [
    'import pandas as pd\ntrain = pd.read_csv("a.csv")\nuse(train.pop("target"))\n',
    'large',
    "a frame's column, which DataFrame.pop returns",
  ],
  [
    'import pandas as pd\nuse(pd.read_sql_query("select body from emails where body like \'%a%\' limit 20", con))\n',
    'unknown',
    'a query closed by LIMIT 20: twenty rows',
  ],
  [
    'import pandas as pd\nQ = "SELECT * FROM t LIMIT 500000;"\nuse(pd.read_sql(Q, con))\n',
    'large',
    'a query closed by a LIMIT over 10^5, through a name',
  ],
  [
    'import pandas as pd\nuse(pd.read_sql("SELECT * FROM (SELECT * FROM t LIMIT 5) JOIN u", con))\n',
    'large',
    'a query whose LIMIT bounds a subquery only',
  ],
  ['import pandas as pd\ndf = pd.read_csv("a.csv")\nuse(df[-5:])\n', 'small', 'its last five rows'],
  ['import pandas as pd\ndf = pd.read_csv("a.csv")\nuse(df[5:])\n', 'large', 'all but five rows'],
  ['import numpy as np\nuse(np.random.rand(1000, 3))\n', 'large', 'a numpy array'],
  ['import numpy as np\nuse(np.unique(labels))\n', 'unknown', 'a reduction, which may be far smaller: its classes'],
  ['import numpy as np\nuse(np.mean(X, axis=0))\n', 'unknown', 'a mean along an axis: one row'],
  ['with open("log.txt") as f:\n    use(f)\n', 'large', 'a file opened in a with statement'],
  ['def g(f):\n    use(f.readlines())\n', 'large', 'the lines of a file, whatever its name'],
  ['def g(rows):\n    use(rows)\n', 'unknown', 'a parameter'],
  ['rows = load()\nuse(rows)\n', 'unknown', 'what another function returns'],
  [
    'import pandas as pd\nfor chunk in pd.read_csv("a.csv", chunksize=1000):\n    use(chunk)\n',
    'large',
    'a chunk of a pandas reader',
  ],
  ['for name in ["a", "b"]:\n    use(name)\n', 'small', 'a loop variable over literals'],
  [
    'import pandas as pd\ndf = pd.read_csv("a.csv")\nuse([x * 2 for x in df["a"]])\n',
    'large',
    'a comprehension over a column',
  ],
  ['use([x for x in "abc"])\n', 'small', 'a comprehension over a literal'],
  [
    'import pandas as pd\ndf = pd.read_csv("a.csv")\nuse([c.upper() for c in df])\n',
    'small',
    'a comprehension over a frame, which yields its column names',
  ],
  [
    'import pandas as pd\ndf = pd.read_csv("a.csv", chunksize=10)\nuse([c for c in df])\n',
    'large',
    'a comprehension over the chunks of a reader',
  ],
  [
    'import pandas as pd\ndf = pd.read_csv("a.csv")\nuse(list(df))\n',
    'large',
    'list() of a frame, which makes a slot per row',
  ],
  [
    'import pandas as pd\ndf = pd.read_csv("a.csv")\nuse(zip(df["a"], [1, 2]))\n',
    'large',
    'zip is as large as its largest argument',
  ],
  ['def g(n):\n    use(range(n))\n', 'unknown', 'a range over a parameter'],
  ['import sys\nuse(sys.modules)\n', 'unknown', "a module's attribute"],
  ['import sys\nuse(sys.stdin)\n', 'large', 'standard input'],
  ['import sys\nfor line in sys.stdin:\n    use(line)\n', 'unknown', 'one line of standard input'],
  [
    'import pandas as pd\ndf = pd.read_csv("a.csv")\nfor row in df.itertuples():\n    use(row)\n',
    'unknown',
    'one row of a frame',
  ],
  ['import pandas as pd\ndf = pd.read_csv("a.csv")\nuse(df.head(5))\n', 'unknown', "a frame's first rows"],
  ['import pandas as pd\ndf = pd.read_csv("a.csv")\nuse(df.groupby("k").mean())\n', 'unknown', 'one row per group'],
  [
    'import pandas as pd\ndf = pd.read_csv("a.csv")\nuse(df[df["a"] > 3])\n',
    'large',
    "the rows a mask keeps, a share of the data's (MEM110 alone reads them as unknown)",
  ],
  ['import numpy as np\nxs = np.load("a.npy")\nuse(xs[xs > 0])\n', 'large', 'the items of an array a mask keeps'],
  ['xs = [1, 2]\nxs = fetch()\nuse(xs)\n', 'unknown', 'a name bound to small and unknown values'],
  [
    'import pandas as pd\nxs = [1, 2]\nif c:\n    xs = pd.read_csv("a.csv")\nuse(xs)\n',
    'large',
    'a name bound to small and large values',
  ],
  ['a = a + [1]\nuse(a)\n', 'unknown', 'a name defined through itself'],
];

for (const [source, expected, why] of CASES) {
  test(`${why} is ${expected}: ${JSON.stringify(source.split('\n').slice(-2).join(' ').trim())}`, async () => {
    assert.equal(await scaleOf(source), expected);
  });
}
