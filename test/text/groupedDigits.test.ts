import assert from 'node:assert/strict';
import { test } from 'node:test';
import { groupedDigits } from '../../server/src/text/groupedDigits';

test("groupedDigits writes what toLocaleString('en-US') writes, for integers and short fractions", () => {
  let state = 20_261_207;
  const next = () => (state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0);
  const values = [
    0,
    1,
    12,
    123,
    999,
    1000,
    1001,
    999_999,
    1_000_000,
    -1,
    -1000,
    -1_234_567,
    2 ** 53 - 1,
    1.5,
    -1234.25,
  ];
  for (let i = 0; i < 2_000; i++) values.push(next() % 10 ** (1 + (i % 12)), -(next() % 10 ** (1 + (i % 9))));
  for (const value of values)
    assert.equal(groupedDigits(value), value.toLocaleString('en-US', { maximumFractionDigits: 20 }), String(value));
});

test('groupedDigits leaves what has no digits to group as String() writes it', () => {
  for (const value of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e21, -2e30])
    assert.equal(groupedDigits(value), String(value));
});
