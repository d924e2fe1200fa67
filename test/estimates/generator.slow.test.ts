// Generator expressions inside functions: a name of the enclosing function
// the generator reads becomes a free variable, one more slot in its frame.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { estimateSize } from '../../server/src/estimates/estimate';
import { runPythonJson } from '../support/python';
import { parsed as parseSource } from '../support/tree';

const PROGRAM = [
  'SCALE = 3',
  'def scaled(k, xs):',
  '    return (x * k for x in xs)',
  'def globals_only(xs):',
  '    return (x * SCALE for x in xs)',
  'def two_free(k, m, xs):',
  '    return (x * k + m for x in xs)',
  '',
].join('\n');

const GENERATORS = ['(x * k for x in xs)', '(x * SCALE for x in xs)', '(x * k + m for x in xs)'];

test('free variables of an enclosing function add frame slots, globals do not', async () => {
  const truth = runPythonJson<number[]>(
    String.raw`
import json, sys
namespace = {}
exec(json.load(sys.stdin), namespace)
print(json.dumps([
    sys.getsizeof(namespace["scaled"](2, [1])),
    sys.getsizeof(namespace["globals_only"]([1])),
    sys.getsizeof(namespace["two_free"](2, 3, [1])),
]))
`,
    PROGRAM,
  );
  const parsed = await parseSource(PROGRAM);
  const estimated = GENERATORS.map((generator) => estimateSize(parsed.expression(generator), { facts: parsed.facts }));
  assert.deepEqual(
    estimated.map((estimate) => estimate?.shallow.bytes),
    truth,
  );
  assert.ok(estimated.every((estimate) => estimate && !estimate.shallow.approximate));
});
