// The progress notification of a measure: the time it has run, the traced memory's peak so far
// as the tracer reports it, and what happens once Cancel is pressed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { elapsedText, progressText } from '../../client/src/measure/progressText';
import { shortBytes } from '../../server/src/sizes/format';

test('elapsed time in seconds, then minutes and seconds, then hours and minutes', () => {
  assert.deepEqual([0, 8.9, 59.99, 60, 65, 3599, 3600, 7385].map(elapsedText), [
    '0 s',
    '8 s',
    '59 s',
    '1 min 00 s',
    '1 min 05 s',
    '59 min 59 s',
    '1 h 00 min',
    '2 h 03 min',
  ]);
});

test('the message: the time, the peak once the tracer has said it, and what Cancel does', () => {
  const progress = { seconds: 64.5, tracedBytes: 300 * 1024 ** 2, peakBytes: 340 * 1024 ** 2, ending: false };
  assert.equal(progressText(2.2, undefined, false), '2 s');
  assert.equal(progressText(65, progress, false), `1 min 05 s · peak ${shortBytes(progress.peakBytes)}`);
  assert.equal(
    progressText(66, progress, true),
    `1 min 06 s · peak ${shortBytes(progress.peakBytes)} · stopping, keeping what was measured`,
  );
  assert.equal(
    progressText(67, { ...progress, ending: true }, false),
    `1 min 07 s · peak ${shortBytes(progress.peakBytes)} · writing the report`,
  );
});
