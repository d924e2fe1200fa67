// Joining the scales of a value's parts: the largest wins, and a lazy join stops
// asking at the first large part.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { joinScales, joinScalesOf, type Scale } from '../../server/src/scale/scale';

test('joinScalesOf gives what joinScales gives, for every pair and triple of scales', () => {
  const scales: Scale[] = ['small', 'unknown', 'large'];
  for (const a of scales)
    for (const b of scales)
      for (const c of [undefined, ...scales]) {
        const parts = c === undefined ? [a, b] : [a, b, c];
        assert.equal(
          joinScalesOf(parts, (scale) => scale),
          joinScales(parts),
          parts.join(),
        );
      }
  assert.equal(
    joinScalesOf([], () => 'large'),
    'small',
  );
});

test('joinScalesOf asks no part after the first large one', () => {
  const asked: number[] = [];
  const parts: Scale[] = ['unknown', 'large', 'small', 'unknown'];
  assert.equal(
    joinScalesOf(parts.keys(), (index) => {
      asked.push(index);
      return parts[index]!;
    }),
    'large',
  );
  assert.deepEqual(asked, [0, 1]);
});
