// The text after a measured line and its hover: the measured figure, the model's estimate when
// there is one, and where the memory went.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decorationText, measuredLineMarkdown, shownMeasurements } from '../../client/src/measure/labels';
import type { LineMeasurement } from '../../server/src/measure/result';
import { bytesWithExact, shortBytes } from '../../server/src/sizes/format';

const SCRIPT = '/home/me/project/main.py';
const frame = (file: string, line: number, code: string) => ({ file, line, code });
const LINE: LineMeasurement = {
  line: 5,
  bytes: 36_911_000,
  count: 300_004,
  sites: [
    { frames: [frame('/usr/lib/python3.11/json/decoder.py', 353, 'obj, end = self.scan_once(s, idx)'), frame('/usr/lib/python3.11/json/__init__.py', 346, 'return _default_decoder.decode(s)')], moreFrames: false, bytes: 26_000_000, count: 300_000 },
    { frames: [frame('/home/me/project/helpers.py', 4, 'blob = b"`" * n')], moreFrames: false, bytes: 10_000_033, count: 1 },
    { frames: [], moreFrames: false, bytes: 900_000, count: 2 },
    { frames: [frame('/home/me/project/helpers.py', 1, 'def build(n):')], moreFrames: false, bytes: 96, count: 1 },
  ],
  allocatedBytes: 36_911_000,
  allocatedCount: 300_004,
};

test('the text after the line: the measured peak, and the estimate beside it only when there is one', () => {
  assert.equal(decorationText(LINE, undefined), `measured peak ${shortBytes(LINE.bytes)}`);
  assert.equal(decorationText(LINE, { line: 4, bytes: 38_386_740, approximate: false, what: 'a list' }), `measured peak ${shortBytes(LINE.bytes)} · estimated ${shortBytes(38_386_740)}`);
  assert.equal(decorationText(LINE, { line: 4, bytes: 2048, approximate: true, what: 'a list' }), `measured peak ${shortBytes(LINE.bytes)} · estimated ≈ 2 KiB`);
});

test('the hover: the exact figures, the estimate or its absence, and the largest sites with where and what code', () => {
  const withEstimate = measuredLineMarkdown(LINE, { line: 4, bytes: 38_386_740, approximate: false, what: 'a list of 1,000,000 items' }, SCRIPT);
  assert.ok(withEstimate.includes(`held ${bytesWithExact(LINE.bytes)} in 300,004 memory blocks`), withEstimate);
  assert.ok(withEstimate.includes(`${shortBytes(38_386_740)} for a list of 1,000,000 items`), withEstimate);
  const items = withEstimate.split('\n').filter((line) => line.startsWith('- '));
  assert.deepEqual(items, [
    `- **${shortBytes(26_000_000)}** in 300,000 memory blocks at \`json/decoder.py:353 ← json/__init__.py:346\`: \`obj, end = self.scan_once(s, idx)\``,
    `- **${shortBytes(10_000_033)}** in 1 memory block at \`helpers.py:4\`: \`\` blob = b"\`" * n \`\``,
    `- **${shortBytes(900_000)}** in 2 memory blocks on this line itself`,
  ]);
  assert.match(measuredLineMarkdown(LINE, undefined, SCRIPT), /The size model has no estimate for this line\./);
});

test('lines shown: at least a KiB, the 50 largest', () => {
  const lines = Array.from({ length: 60 }, (_, index): LineMeasurement => ({ line: index + 1, bytes: 100_000 - index, count: 1, sites: [], allocatedBytes: 0, allocatedCount: 0 }));
  assert.equal(shownMeasurements(lines).length, 50);
  assert.deepEqual(shownMeasurements([{ line: 1, bytes: 1023, count: 1, sites: [], allocatedBytes: 0, allocatedCount: 0 }]), []);
});
