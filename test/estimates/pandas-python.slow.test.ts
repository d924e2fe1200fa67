// pandas Series and DataFrames against real pandas: for each expression the
// estimate must give sys.getsizeof to the byte, memory_usage(deep=True) in
// total, for the index and for every column, the dtypes pandas chose and the
// blocks it keeps them in. The interpreter is the first that imports pandas
// (python3, then Debian's /usr/bin/python3 with apt's python3-pandas). What
// is not estimated is in pandas.test.ts.
import assert from 'node:assert/strict';
import { before, describe, it, test } from 'node:test';
import { CPYTHON, DEFAULT_PYTHON_VERSION } from '../../server/src/sizes/cpython';
import type { Estimate } from '../../server/src/estimates/estimate';
import { blocksOf, columnBytes, memoryUsage, PANDAS_VERSION, rangeIndexBytes } from '../../server/src/sizes/pandas';
import { runPythonJson } from '../support/python';
import { pandasPythonOrSkip } from '../support/pythons';
import { estimateProgram, measureInPython } from '../support/sizes';
import { SETUP } from './pandas.cases';

const interpreter = pandasPythonOrSkip();
const layout = CPYTHON[DEFAULT_PYTHON_VERSION];

interface Case {
  readonly expression: string;
  readonly setup?: string;
}

const CASES: readonly Case[] = [
  // Series of numpy arrays, ranges and lists of numbers, with and without dtype=
  { expression: 'pd.Series(np.zeros(10))' },
  { expression: 'pd.Series(np.zeros(n))' },
  { expression: 'pd.Series(np.arange(1000))' },
  { expression: 'pd.Series(np.arange(0, 1, 0.25))' },
  { expression: "pd.Series(np.ones(7, dtype='f4'))" },
  { expression: 'pd.Series(np.zeros(12, dtype=np.int8))' },
  { expression: 'pd.Series(a)' },
  { expression: 'pd.Series(a[::2])' },
  { expression: 'pd.Series(m[:, 1])' },
  { expression: 'pd.Series(range(5))' },
  { expression: 'pd.Series(range(0))' },
  { expression: 'pd.Series(range(3, 10**6, 7))' },
  { expression: 'pd.Series(range(2**31, 2**31 + 10))' },
  { expression: 'pd.Series(list(range(100)))' },
  { expression: 'pd.Series([1, 2, 3])' },
  { expression: 'pd.Series([1.5, 2, 3])' },
  { expression: 'pd.Series((4, 5, 6, 7))' },
  { expression: 'pd.Series([True, False, True])' },
  { expression: 'pd.Series([0] * 500)' },
  { expression: 'pd.Series([0.5, 1] * 300)' },
  { expression: 'pd.Series([i * 0.5 for i in range(100)])' },
  { expression: 'pd.Series([i * i for i in range(2000)])' },
  { expression: 'pd.Series([-(2**62), 2**62])' },
  { expression: 'pd.Series(values)', setup: 'values = [3, 1, 4, 1, 5, 9, 2, 6]' },
  { expression: 'pd.Series(values)', setup: 'values = [0.5] * 40\ntotal = len(values) + max(values)' },
  { expression: "pd.Series([1, 2, 3], dtype='float32')" },
  { expression: "pd.Series(np.zeros(10), dtype='int32')" },
  { expression: 'pd.Series(range(10), dtype=np.int8)' },
  { expression: 'pd.Series(range(10), dtype=float)' },
  { expression: "pd.Series(range(10), dtype='<i2')" },
  { expression: "pd.Series(np.arange(6), dtype='float16')" },
  { expression: 'pd.Series(np.arange(6), dtype=complex)' },
  { expression: 'pd.Series(np.arange(6), dtype=bool)' },
  { expression: "pd.Series(np.zeros(4), name='x', copy=True)" },
  { expression: 'pd.Series(np.zeros(4), name=3)' },
  // object columns: each row's item counted by __sizeof__, a shared str once per row
  { expression: "pd.Series(['a', 'bb', 'a'])" },
  { expression: "pd.Series(['x'] * 1000)" },
  { expression: "pd.Series(['é', 'ü€', '🐍', None, 'plain'])" },
  { expression: "pd.Series(['a', 1, 2.5, True, None, b'raw'])" },
  { expression: 'pd.Series(names)' },
  { expression: "pd.Series(['id', 10**30])" },
  // DataFrames of dicts of columns (consolidated into one block per dtype) and of 2-D arrays
  { expression: "pd.DataFrame({'a': np.zeros(10), 'b': np.arange(10)})" },
  { expression: "pd.DataFrame({'a': np.zeros(n), 'b': np.arange(n), 'c': np.ones(n)})" },
  { expression: "pd.DataFrame({'a': np.zeros(10), 'b': np.arange(10), 'c': np.ones(10), 'd': ['x'] * 10})" },
  { expression: "pd.DataFrame({'a': [1, 2], 'b': [1.5, 2.5], 'c': ['u', 'v'], 'd': [True, False]})" },
  { expression: "pd.DataFrame({'n': range(4), 'name': names, 'f': np.ones(4, dtype=np.float32)})" },
  { expression: 'pd.DataFrame({1: range(3), 2: [7, 8, 9]})' },
  { expression: "pd.DataFrame({'a': range(5), 'b': range(5)}, dtype='float32')" },
  { expression: "pd.DataFrame({'a': np.arange(3)[::-1], 'b': m[:3, 0]})" },
  { expression: 'pd.DataFrame(np.zeros((10, 3)))' },
  { expression: 'pd.DataFrame(np.zeros((0, 3)))' },
  { expression: 'pd.DataFrame(np.zeros((1000, 20)))' },
  { expression: 'pd.DataFrame(m)' },
  { expression: 'pd.DataFrame(m.T)' },
  { expression: "pd.DataFrame(np.arange(12).reshape(4, 3), columns=['x', 'y', 'z'])" },
  { expression: "pd.DataFrame(np.zeros((5, 2)), dtype='int16')" },
  // the constructors reached through other imports
  { expression: 'DataFrame({"a": [1, 2, 3]})', setup: 'from pandas import DataFrame' },
  { expression: 'pandas.Series(range(9))', setup: 'import pandas' },
  { expression: 'S(np.zeros(3))', setup: 'from pandas import Series as S' },
];

interface Measured {
  readonly getsizeof: number;
  readonly usage: number;
  readonly index: number;
  readonly columns: readonly number[];
  readonly dtypes: readonly string[];
  readonly rows: number;
  readonly blocks: readonly string[] | null;
}

// What pandas says about each value.
const INSPECT = String.raw`
import json, sys
import numpy as np
import pandas as pd
results = []
for program in json.load(sys.stdin):
    namespace = {}
    exec(program, namespace)
    value = namespace["value"]
    frame = value.to_frame() if isinstance(value, pd.Series) else value
    results.append({
        "getsizeof": sys.getsizeof(value),
        "usage": int(value.memory_usage(deep=True).sum()) if isinstance(value, pd.DataFrame) else int(value.memory_usage(deep=True)),
        "index": int(value.index.memory_usage(deep=True)),
        "columns": [int(column.memory_usage(index=False, deep=True)) for _, column in frame.items()],
        "dtypes": [str(dtype) for dtype in frame.dtypes],
        "rows": len(value),
        "blocks": sorted("%s x%d" % (block.dtype.name, block.shape[0]) for block in value._mgr.blocks) if isinstance(value, pd.DataFrame) else None,
    })
print(json.dumps(results))
`;

function programOf(sizeCase: Case): string {
  return `${SETUP}\n${sizeCase.setup ? `${sizeCase.setup}\n` : ''}value = ${sizeCase.expression}\n`;
}

describe(`pandas sizes agree with pandas (${interpreter.python ?? 'no interpreter'})`, {
  skip: interpreter.skip ?? false,
}, () => {
  const estimates: (Estimate | undefined)[] = [];
  let measured: readonly Measured[] = [];

  before(async () => {
    const programs = CASES.map(programOf);
    estimates.push(...(await Promise.all(programs.map((program) => estimateProgram(program, layout)))));
    measured = runPythonJson<Measured[]>(INSPECT, programs, interpreter.python);
  });

  for (const [index, sizeCase] of CASES.entries()) {
    it(sizeCase.expression, () => {
      const estimate = estimates[index];
      const truth = measured[index]!;
      const frame = estimate?.pandas;
      assert.ok(estimate && frame, 'no pandas estimate');
      assert.equal(estimate.shallow.bytes, truth.getsizeof, 'sys.getsizeof');
      assert.equal(estimate.deep?.bytes, truth.getsizeof, 'a walk over containers sees one object');
      assert.equal(memoryUsage(layout, frame), truth.usage, 'memory_usage(deep=True)');
      assert.equal(rangeIndexBytes(layout, frame.rows), truth.index, 'the index');
      assert.equal(frame.rows, truth.rows, 'rows');
      assert.deepEqual(
        frame.columns.map((column) => columnBytes(frame, column)),
        truth.columns,
        'each column',
      );
      assert.deepEqual(
        frame.columns.map((column) => column.dtype.name),
        truth.dtypes,
        'dtypes',
      );
      if (truth.blocks)
        assert.deepEqual(
          blocksOf(frame)
            .map((block) => `${block.dtype.name} x${block.columns.length}`)
            .sort(),
          truth.blocks,
          'blocks',
        );
      assert.equal(
        estimate.shallowParts.reduce((total, part) => total + part.size.bytes, 0),
        estimate.shallow.bytes,
        'the parts add up',
      );
    });
  }
});

test('the pandas version the hover names is the one the figures are checked against', {
  skip: interpreter.skip ?? false,
}, () => {
  const version = runPythonJson<string>(
    'import json, pandas; print(json.dumps(pandas.__version__))',
    null,
    interpreter.python,
  );
  assert.equal(
    PANDAS_VERSION,
    version,
    `the model follows pandas ${PANDAS_VERSION}; ${interpreter.python} has pandas ${version}: check the figures and update PANDAS_VERSION`,
  );
});

test('containers of Series and DataFrames count each by sys.getsizeof', {
  skip: interpreter.skip ?? false,
}, async () => {
  const cases = [
    '[pd.Series(range(10)), pd.Series(np.zeros(5))]',
    "{'s': pd.DataFrame({'a': [1, 2]}), 't': pd.DataFrame(m)}",
    '(pd.Series(names), pd.Series(names))',
  ];
  const programs = cases.map((expression) => programOf({ expression }));
  const truth = measureInPython(
    programs.map((program) => ({ program })),
    interpreter.python,
  );
  for (const [index, program] of programs.entries()) {
    const estimate = await estimateProgram(program, layout);
    assert.equal(estimate?.deep?.bytes, truth.results[index]!.deep, cases[index]);
  }
});

// The ndarray model (written for numpy 2) against the numpy of the pandas interpreter (Debian's is 1.24).
const ARRAYS = [
  'np.zeros(10)',
  'np.zeros((1000, 1000))',
  'np.zeros(0)',
  'np.ones((3, 4, 5), dtype=np.int8)',
  "np.empty(100, dtype='float32')",
  "np.zeros(10, 'i4')",
  'np.zeros([2, 3], dtype=complex)',
  'np.arange(10**6)',
  'np.arange(0, 1, 0.1)',
  'np.arange(5, 100, 3, dtype=np.int16)',
  'a[::2]',
  'a[10:20]',
  'm.T',
  'm[:, 1]',
  'm[None]',
  'a.reshape(5, 10)',
  'm.ravel()',
  'm.T.ravel()',
  'a.copy()',
  "m.astype('int8')",
  'a[[1, 2, 3]]',
  'np.array(m.T)',
];

describe(`the ndarray model agrees with the numpy of ${interpreter.python ?? 'no interpreter'}`, {
  skip: interpreter.skip ?? false,
}, () => {
  const inspect = String.raw`
import json, sys
import numpy as np
setup, expressions = json.load(sys.stdin)
namespace = {}
exec(setup, namespace)
print(json.dumps({"version": np.__version__, "arrays": [
    {"shallow": sys.getsizeof(value), "owndata": bool(value.flags.owndata)}
    for value in (eval(expression, namespace) for expression in expressions)
]}))
`;
  let measured: { version: string; arrays: { shallow: number; owndata: boolean }[] };
  const estimates: (Estimate | undefined)[] = [];

  before(async () => {
    measured = runPythonJson(inspect, [SETUP, ARRAYS], interpreter.python);
    estimates.push(
      ...(await Promise.all(ARRAYS.map((expression) => estimateProgram(programOf({ expression }), layout)))),
    );
  });

  for (const [index, expression] of ARRAYS.entries()) {
    it(expression, () => {
      const estimate = estimates[index];
      const truth = measured.arrays[index]!;
      assert.ok(estimate?.ndarray, 'no array estimate');
      assert.equal(estimate.shallow.bytes, truth.shallow, `sys.getsizeof under numpy ${measured.version}`);
      assert.equal(estimate.ndarray.owner === undefined, truth.owndata, 'owns its data');
    });
  }
});
