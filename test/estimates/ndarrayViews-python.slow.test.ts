// numpy views and copies against python3: a view's sys.getsizeof is its
// header alone and its data belongs to the base array; a copy owns its data.
// Which one numpy made (flags.owndata, .base) is checked as well as the bytes.
// What is not guessed, and the hover, are in ndarrayViews.test.ts.
import assert from 'node:assert/strict';
import { before, describe, it, test } from 'node:test';
import { CPYTHON, DEFAULT_PYTHON_VERSION } from '../../server/src/sizes/cpython';
import type { Estimate } from '../../server/src/estimates/estimate';
import { runPythonJson } from '../support/python';
import { estimateProgram, measureInPython } from '../support/sizes';
import { SETUP } from './ndarrayViews.cases';

const EXPRESSIONS = [
  'a[::2]',
  'a[1:]',
  'a[10:20]',
  'a[-5:]',
  'a[::-1]',
  'a[5:1]',
  'a[1000:]',
  'a[::7]',
  'a[-3::-2]',
  'a.reshape(10, 100)',
  'a.reshape((10, 100))',
  'a.reshape(-1, 8)',
  'a.reshape([2, -1, 5])',
  'a.T',
  'a.T.T',
  'm.T',
  'm.transpose()',
  'a.view()',
  'm.view()',
  'a.ravel()',
  'm.ravel()',
  'r.ravel()',
  'r[2:5].ravel()',
  'm[0]',
  'm[:, 0]',
  'm[1:3]',
  'm[..., 1]',
  'm[None]',
  'm[:, np.newaxis, 2:4]',
  'a[None, :]',
  'm[3, 2:]',
  'c[1:]',
  'c.T',
  'c.ravel()',
  'c.copy()',
  'm.T.ravel()',
  'a[::2].ravel()',
  'r.T[::2]',
  'r[::-1].T',
  'a.copy()',
  'm.copy()',
  'a[::2].copy()',
  'm.flatten()',
  'm.T.flatten()',
  'a.astype(np.float32)',
  "m.astype('int8')",
  'a[[1, 2, 3]]',
  'm[[0, 5]]',
  'np.array(a)',
  'np.copy(m)',
  'np.array(m.T)',
  'np.zeros(12)[3:]',
  'np.arange(100).reshape(10, 10)',
];

// What numpy says about each: its size, whether it owns its data, and which named array its data belongs to.
const INSPECT = String.raw`
import json, sys
setup, expressions = json.load(sys.stdin)
namespace = {}
exec(setup, namespace)
named = {name: value for name, value in namespace.items() if type(value).__name__ == 'ndarray'}
results = []
for expression in expressions:
    value = eval(expression, namespace)
    base = value.base
    owner = next((name for name, array in named.items() if base is array), None) if base is not None else None
    results.append({"shallow": sys.getsizeof(value), "owndata": bool(value.flags.owndata), "owner": owner})
print(json.dumps(results))
`;

interface Inspected {
  readonly shallow: number;
  readonly owndata: boolean;
  readonly owner: string | null;
}

describe('numpy views and copies agree with python3', () => {
  const estimates: (Estimate | undefined)[] = [];
  let inspected: readonly Inspected[] = [];

  before(async () => {
    const layout = CPYTHON[DEFAULT_PYTHON_VERSION];
    estimates.push(
      ...(await Promise.all(
        EXPRESSIONS.map((expression) => estimateProgram(`${SETUP}\nvalue = ${expression}\n`, layout)),
      )),
    );
    inspected = runPythonJson<Inspected[]>(INSPECT, [SETUP, EXPRESSIONS]);
  });

  for (const [index, expression] of EXPRESSIONS.entries()) {
    it(expression, () => {
      const estimate = estimates[index];
      const truth = inspected[index]!;
      assert.ok(estimate?.ndarray, 'no array estimate');
      assert.equal(estimate.shallow.bytes, truth.shallow, 'sys.getsizeof');
      assert.equal(estimate.deep?.bytes, truth.shallow, 'an array holds no Python objects');
      assert.equal(estimate.ndarray.owner === undefined, truth.owndata, 'owns its data');
      if (truth.owner !== null)
        assert.equal(estimate.ndarray.owner?.name, truth.owner, 'the array whose data it reads');
      if (!truth.owndata) assert.match(estimate.what, /^a view of `[^`]+`: no new data/);
    });
  }
});

test('containers holding an array and views of it count the data once', async () => {
  const cases = [
    '[a, a[::2], a.T]',
    '(a, a.reshape(10, 100))',
    '{1: a, 2: a[1:]}',
    '[a.copy(), a[::2].copy()]',
    '[m, m.T, m.ravel()]',
  ].map((expression) => ({
    setup: SETUP,
    expression,
  }));
  const layout = CPYTHON[DEFAULT_PYTHON_VERSION];
  const programs = cases.map((sizeCase) => `${sizeCase.setup}\nvalue = ${sizeCase.expression}\n`);
  const measured = measureInPython(programs.map((program) => ({ program })));
  // The id() walk counts each array once by sys.getsizeof: a view adds its header, never the data again.
  for (const [index, program] of programs.entries()) {
    const estimate = await estimateProgram(program, layout);
    assert.ok(estimate?.deep, cases[index]!.expression);
    assert.equal(estimate.deep.bytes, measured.results[index]!.deep, cases[index]!.expression);
  }
});
