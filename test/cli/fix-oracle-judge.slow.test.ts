// The fix oracle's judge (scripts/fix-oracle/python/check_fixes.py), given
// fixed texts made by hand: each rule's own transformation passes, and a near
// miss of it (a clause dropped, a name changed, a second change) fails on the
// check that should catch it, under every interpreter the oracle uses.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { REPO_ROOT } from '../support/paths';
import { interpreterFor } from '../support/pythons';

const JUDGE = join(REPO_ROOT, 'scripts', 'fix-oracle', 'python', 'check_fixes.py');

type Verdict = 'ok' | 'skipped' | 'parse' | 'tree' | 'comments';

interface JudgeCase {
  readonly name: string;
  readonly original: string;
  readonly fixed: string;
  readonly codes: readonly string[];
  /** 'one' transformation (a fix alone) or 'some' (a file fixed all at once). */
  readonly expect?: 'one' | 'some';
  /** Whether the fix is safe, so that its comments are checked. */
  readonly safe?: boolean;
  readonly cell?: boolean;
  /** The finding's first and last lines: its fix must transform code there. */
  readonly lines?: readonly [number, number];
  readonly verdict: Verdict;
}

const CASES: readonly JudgeCase[] = [
  // MEM101
  {
    name: 'generator in a call',
    original: 'sum([x for x in y])\n',
    fixed: 'sum(x for x in y)\n',
    codes: ['MEM101'],
    verdict: 'ok',
  },
  {
    name: 'generator beside an argument',
    original: 'sum([x for x in y], 0)\n',
    fixed: 'sum((x for x in y), 0)\n',
    codes: ['MEM101'],
    verdict: 'ok',
  },
  {
    name: 'generator over another iterable',
    original: 'sum([x for x in y])\n',
    fixed: 'sum(x for x in z)\n',
    codes: ['MEM101'],
    verdict: 'tree',
  },
  {
    name: 'set comprehension',
    original: 's = set([x for x in y])\n',
    fixed: 's = {x for x in y}\n',
    codes: ['MEM101'],
    verdict: 'ok',
  },
  {
    name: 'set comprehension with a condition added',
    original: 's = set([x for x in y])\n',
    fixed: 's = {x for x in y if x}\n',
    codes: ['MEM101'],
    verdict: 'tree',
  },
  {
    name: 'generator in an f-string',
    original: 'f"{max([x for x in y])}"\n',
    fixed: 'f"{max(x for x in y)}"\n',
    codes: ['MEM101'],
    verdict: 'ok',
  },
  {
    name: "another rule's transformation",
    original: 'sum([x for x in y])\n',
    fixed: 'sum(x for x in y)\n',
    codes: ['MEM103'],
    verdict: 'tree',
  },
  // MEM102
  {
    name: 'copy unwrapped',
    original: 'for a in list(b):\n    pass\n',
    fixed: 'for a in b:\n    pass\n',
    codes: ['MEM102'],
    verdict: 'ok',
  },
  {
    name: 'copy through builtins unwrapped',
    original: 'import builtins\nfor a in builtins.tuple(b):\n    pass\n',
    fixed: 'import builtins\nfor a in b:\n    pass\n',
    codes: ['MEM102'],
    verdict: 'ok',
  },
  {
    name: 'sorted copy unwrapped',
    original: 'for a in sorted(b):\n    pass\n',
    fixed: 'for a in b:\n    pass\n',
    codes: ['MEM102'],
    verdict: 'tree',
  },
  // MEM103
  {
    name: 'range unwrapped',
    original: 'r = list(range(3))\n',
    fixed: 'r = range(3)\n',
    codes: ['MEM103'],
    verdict: 'ok',
  },
  {
    name: 'range changed',
    original: 'r = list(range(3))\n',
    fixed: 'r = range(4)\n',
    codes: ['MEM103'],
    verdict: 'tree',
  },
  // MEM104
  {
    name: 'comprehension counted',
    original: 'n = len([x for x in y if x])\n',
    fixed: 'n = sum(1 for x in y if x)\n',
    codes: ['MEM104'],
    verdict: 'ok',
  },
  {
    name: 'comprehension counted without its condition',
    original: 'n = len([x for x in y if x])\n',
    fixed: 'n = sum(1 for x in y)\n',
    codes: ['MEM104'],
    verdict: 'tree',
  },
  {
    name: 'iterator counted',
    original: 'n = len(list(it))\n',
    fixed: 'n = sum(1 for _ in it)\n',
    codes: ['MEM104'],
    verdict: 'ok',
  },
  {
    name: 'iterator counted through a name of its own',
    original: 'n = len(list(it))\n',
    fixed: 'n = sum(1 for x in it)\n',
    codes: ['MEM104'],
    verdict: 'tree',
  },
  // MEM106
  {
    name: 'file iterated',
    original: 'for line in f.readlines():\n    pass\n',
    fixed: 'for line in f:\n    pass\n',
    codes: ['MEM106'],
    verdict: 'ok',
  },
  {
    name: 'file iterated, line endings stripped',
    original: 'for line in f.read().splitlines():\n    print(line)\n',
    fixed: 'for line in f:\n    line = line.rstrip("\\r\\n")\n    print(line)\n',
    codes: ['MEM106'],
    verdict: 'ok',
  },
  {
    name: 'file iterated, line endings kept',
    original: 'for line in f.read().splitlines():\n    print(line)\n',
    fixed: 'for line in f:\n    print(line)\n',
    codes: ['MEM106'],
    verdict: 'tree',
  },
  {
    name: 'stripped lines in a comprehension',
    original: 'a = [x for x in f.read().splitlines()]\n',
    fixed: 'a = [x for x in (x.rstrip("\\r\\n") for x in f)]\n',
    codes: ['MEM106'],
    verdict: 'ok',
  },
  // MEM401, MEM405
  {
    name: 'columns read',
    original: 'pd.read_csv(p)\n',
    fixed: 'pd.read_csv(p, usecols=["a", "b"])\n',
    codes: ['MEM401'],
    verdict: 'ok',
  },
  {
    name: 'a column read twice',
    original: 'pd.read_csv(p)\n',
    fixed: 'pd.read_csv(p, usecols=["a", "a"])\n',
    codes: ['MEM401'],
    verdict: 'tree',
  },
  {
    name: 'columns read twice',
    original: 'pd.read_csv(p, usecols=["a"])\n',
    fixed: 'pd.read_csv(p, usecols=["a"], usecols=["b"])\n',
    codes: ['MEM401'],
    verdict: 'parse',
  },
  {
    name: 'categories',
    original: 'pd.read_csv(p)\n',
    fixed: 'pd.read_csv(p, dtype={"s": "category"})\n',
    codes: ['MEM405'],
    verdict: 'ok',
  },
  {
    name: 'another dtype',
    original: 'pd.read_csv(p)\n',
    fixed: 'pd.read_csv(p, dtype={"s": "int"})\n',
    codes: ['MEM405'],
    verdict: 'tree',
  },
  {
    name: 'columns and categories, all at once',
    original: 'pd.read_csv(p)\n',
    fixed: 'pd.read_csv(p, dtype={"s": "category"}, usecols=["s"])\n',
    codes: ['MEM401', 'MEM405'],
    expect: 'some',
    verdict: 'ok',
  },
  // MEM403
  {
    name: 'array from a generator',
    original: 'np.array([i for i in range(n)], dtype=np.int64)\n',
    fixed: 'np.fromiter((i for i in range(n)), dtype=np.int64, count=n)\n',
    codes: ['MEM403'],
    verdict: 'ok',
  },
  {
    name: 'array from a generator of a negative count',
    original: 'np.array([i for i in range(n)], dtype=np.int64)\n',
    fixed: 'np.fromiter((i for i in range(n)), dtype=np.int64, count=-1)\n',
    codes: ['MEM403'],
    verdict: 'tree',
  },
  // MEM406, MEM407
  {
    name: 'mask counted',
    original: 'len(df[df["a"] > 1])\n',
    fixed: 'int((df["a"] > 1).sum())\n',
    codes: ['MEM406'],
    verdict: 'ok',
  },
  {
    name: 'shape of a mask counted',
    original: 'df.loc[m].shape[0]\n',
    fixed: 'int(m.sum())\n',
    codes: ['MEM406'],
    verdict: 'ok',
  },
  {
    name: 'another mask counted',
    original: 'len(df[df["a"] > 1])\n',
    fixed: 'int((df["a"] > 2).sum())\n',
    codes: ['MEM406'],
    verdict: 'tree',
  },
  {
    name: 'column of masked rows',
    original: 'df[df["a"] > 1]["c"]\n',
    fixed: 'df.loc[df["a"] > 1, "c"]\n',
    codes: ['MEM407'],
    verdict: 'ok',
  },
  {
    name: 'another column of masked rows',
    original: 'df[df["a"] > 1]["c"]\n',
    fixed: 'df.loc[df["a"] > 1, "d"]\n',
    codes: ['MEM407'],
    verdict: 'tree',
  },
  // MEM413
  {
    name: 'low_memory=False dropped',
    original: 'pd.read_csv(p, low_memory=False, sep=";")\n',
    fixed: 'pd.read_csv(p, sep=";")\n',
    codes: ['MEM413'],
    verdict: 'ok',
  },
  {
    name: 'another keyword dropped with low_memory=False',
    original: 'pd.read_csv(p, low_memory=False, sep=";")\n',
    fixed: 'pd.read_csv(p)\n',
    codes: ['MEM413'],
    verdict: 'tree',
  },
  {
    name: 'low_memory=False made True',
    original: 'pd.read_csv(p, low_memory=False)\n',
    fixed: 'pd.read_csv(p, low_memory=True)\n',
    codes: ['MEM413'],
    verdict: 'tree',
  },
  // What every fix is held to.
  {
    name: 'a fix that breaks the syntax',
    original: 'sum([x for x in y])\n',
    fixed: 'sum(x for x in y]\n',
    codes: ['MEM101'],
    verdict: 'parse',
  },
  {
    name: 'a fix that changes nothing',
    original: 'sum([x for x in y])\n',
    fixed: 'sum([x for x in y])  \n',
    codes: ['MEM101'],
    verdict: 'tree',
  },
  {
    name: 'a fix on its finding',
    original: 'a = sum([x for x in y])\nb = max([x for x in y])\n',
    fixed: 'a = sum([x for x in y])\nb = max(x for x in y)\n',
    codes: ['MEM101'],
    lines: [2, 2],
    verdict: 'ok',
  },
  {
    name: 'a fix away from its finding',
    original: 'a = sum([x for x in y])\nb = max([x for x in y])\n',
    fixed: 'a = sum(x for x in y)\nb = max([x for x in y])\n',
    codes: ['MEM101'],
    lines: [2, 2],
    verdict: 'tree',
  },
  {
    name: 'two transformations for one fix',
    original: 'a = sum([x for x in y])\nb = max([x for x in y])\n',
    fixed: 'a = sum(x for x in y)\nb = max(x for x in y)\n',
    codes: ['MEM101'],
    verdict: 'tree',
  },
  {
    name: 'two transformations, all at once',
    original: 'a = sum([x for x in y])\nb = max([x for x in y])\n',
    fixed: 'a = sum(x for x in y)\nb = max(x for x in y)\n',
    codes: ['MEM101'],
    expect: 'some',
    verdict: 'ok',
  },
  {
    name: 'a safe fix that drops a comment',
    original: 'sum([x  # each\n     for x in y])\n',
    fixed: 'sum(x for x in y)\n',
    codes: ['MEM101'],
    safe: true,
    verdict: 'comments',
  },
  {
    name: 'an unsafe fix that drops a comment',
    original: 'sum([x  # each\n     for x in y])\n',
    fixed: 'sum(x for x in y)\n',
    codes: ['MEM101'],
    safe: false,
    verdict: 'ok',
  },
  {
    name: 'a safe fix that keeps its comment',
    original: 'sum([x  # each\n     for x in y])\n',
    fixed: 'sum(x  # each\n     for x in y)\n',
    codes: ['MEM101'],
    safe: true,
    verdict: 'ok',
  },
  // A cell may await at top level: it compiles, so what the fix breaks in compiling shows.
  {
    name: 'a cell awaiting at top level',
    original: 'await f()\nf(a=1)\n',
    fixed: 'await f()\nf(a=1, a=2)\n',
    codes: ['MEM401'],
    cell: true,
    verdict: 'parse',
  },
  {
    name: 'an original no interpreter here parses',
    original: 'print "x"\n',
    fixed: 'print "y"\n',
    codes: ['MEM101'],
    verdict: 'skipped',
  },
];

interface Answer {
  readonly python: string;
  readonly cases: ReadonlyArray<{
    readonly id: number;
    readonly status: string;
    readonly failures: ReadonlyArray<{ check: string; detail: string }>;
  }>;
}

function judge(python: string): Answer {
  const request = {
    units: Object.fromEntries(CASES.map((c, id) => [String(id), { text: c.original, cell: c.cell ?? false }])),
    cases: CASES.map((c, id) => ({
      id,
      unit: String(id),
      fixed: c.fixed,
      codes: c.codes,
      expect: c.expect ?? 'one',
      comments: c.safe ?? true,
      ...(c.lines ? { lines: c.lines } : {}),
    })),
  };
  const run = spawnSync(python, [JUDGE], { input: JSON.stringify(request), encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as Answer;
}

function verdictOf(answer: Answer['cases'][number]): Verdict {
  if (answer.status === 'ok' || answer.status === 'skipped') return answer.status;
  return answer.failures[0]!.check as Verdict;
}

const pythons = ['python3', interpreterFor('3.9'), interpreterFor('3.13')].filter((p): p is string => p !== undefined);

for (const python of pythons) {
  describe(`the fix oracle's judge under ${python}`, () => {
    const answer = judge(python);
    for (const [id, c] of CASES.entries()) {
      test(`${c.name}: ${c.verdict}`, () => {
        const got = answer.cases.find((verdict) => verdict.id === id)!;
        assert.equal(verdictOf(got), c.verdict, JSON.stringify(got.failures));
      });
    }
  });
}
