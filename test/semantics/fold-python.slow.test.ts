// Constant folding: values checked against python3's own evaluation of the
// same expressions (one python3 process for the file). Which names fold is in
// fold.test.ts.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { Folder } from '../../server/src/semantics/fold';
import type { PyValue } from '../../server/src/sizes/values';
import { runPythonJson } from '../support/python';
import { parsed as parseSource } from '../support/tree';

const EXPRESSIONS = [
  '10**6',
  '1_000_000',
  '2 * 500',
  '0x_ff + 0o17 + 0b101',
  '-7 // 2',
  '7 // -2',
  '-7 % 3',
  '7 % -3',
  '2 ** 100',
  '2 ** -2',
  '1 << 65',
  '-(2**64) >> 3',
  '~5',
  '6 & 3 | 8 ^ 1',
  '7 / 2',
  '7.5 // 2',
  '-7.5 % 2',
  '1e3 * 3',
  'True + True',
  '3 if 2 > 1 else 4',
  '1 < 2 < 3',
  '1 < 3 < 2',
  'not 0',
  '0 or 5',
  '2 and 0',
  "'ab' * 3",
  "'ab' + 'cd'",
  "3 * 'x'",
  "b'ab' * 2",
  '(1, 2) + (3,)',
  '(10 ** 3) * (2 + 3)',
];

// Python's value of each expression, as {type, value} with ints as decimal text.
const EVALUATE = String.raw`
import json, sys
out = []
for source in json.load(sys.stdin):
    value = eval(source)
    def encode(v):
        if isinstance(v, bool): return {"type": "bool", "value": v}
        if isinstance(v, int): return {"type": "int", "value": str(v)}
        if isinstance(v, float): return {"type": "float", "value": v}
        if isinstance(v, str): return {"type": "str", "value": v}
        if isinstance(v, bytes): return {"type": "bytes", "value": v.decode("latin-1")}
        if isinstance(v, tuple): return {"type": "tuple", "items": [encode(i) for i in v]}
        return {"type": repr(type(v))}
    out.append(encode(value))
print(json.dumps(out))
`;

type Encoded = { type: string; value?: string | number | boolean; items?: Encoded[] };

function encode(value: PyValue): Encoded {
  if (value.type === 'int') return { type: 'int', value: value.value.toString() };
  if (value.type === 'tuple') return { type: 'tuple', items: value.items.map(encode) };
  if ('value' in value) return { type: value.type, value: value.value };
  return { type: value.type };
}

describe('constant folding agrees with python3', () => {
  let expected: Encoded[] = [];
  before(() => {
    expected = runPythonJson<Encoded[]>(EVALUATE, EXPRESSIONS);
  });
  for (const [index, expression] of EXPRESSIONS.entries()) {
    it(expression, async () => {
      const source = await parseSource(`value = ${expression}\n`);
      const value = new Folder(source.facts).constant(source.expression(expression));
      assert.ok(value, 'not folded');
      assert.deepEqual(encode(value), expected[index]);
    });
  }
});
