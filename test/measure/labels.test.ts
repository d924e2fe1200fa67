// The text after a measured line and its hover: the measured figures at the peak and at the end,
// the model's estimate when there is one, and where the memory went.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decorationText, labelForms, measuredLineMarkdown, shownMeasurements } from '../../client/src/measure/labels';
import type { LineMeasurement } from '../../server/src/measure/result';
import { bytesWithExact, shortBytes } from '../../server/src/sizes/format';

const SCRIPT = '/home/me/project/main.py';
const frame = (file: string, line: number, code: string) => ({ file, line, code });
const LINE: LineMeasurement = {
  line: 5,
  bytes: 36_911_000,
  count: 300_004,
  sites: [
    {
      frames: [
        frame('/usr/lib/python3.11/json/decoder.py', 353, 'obj, end = self.scan_once(s, idx)'),
        frame('/usr/lib/python3.11/json/__init__.py', 346, 'return _default_decoder.decode(s)'),
      ],
      moreFrames: false,
      bytes: 26_000_000,
      count: 300_000,
    },
    {
      frames: [frame('/home/me/project/helpers.py', 4, 'blob = b"`" * n')],
      moreFrames: false,
      bytes: 10_000_033,
      count: 1,
    },
    { frames: [], moreFrames: false, bytes: 900_000, count: 2 },
    { frames: [frame('/home/me/project/helpers.py', 1, 'def build(n):')], moreFrames: false, bytes: 96, count: 1 },
  ],
  allocatedBytes: 36_911_000,
  allocatedCount: 300_004,
};

/** kept = [0] * 1_000_000, run after the peak. */
const AFTER_PEAK: LineMeasurement = {
  line: 8,
  bytes: 0,
  count: 0,
  sites: [],
  allocatedBytes: 8_000_000,
  allocatedCount: 1,
};

test('the text after the line: the measured peak (one figure when the line held the same at the end), and the estimate beside it only when there is one', () => {
  assert.equal(decorationText(LINE, undefined), `measured peak ${shortBytes(LINE.bytes)}`);
  assert.equal(
    decorationText(LINE, { line: 4, bytes: 38_386_740, approximate: false, atLeast: false, what: 'a list' }),
    `measured peak ${shortBytes(LINE.bytes)} · estimated ${shortBytes(38_386_740)}`,
  );
  assert.equal(
    decorationText(LINE, { line: 4, bytes: 2048, approximate: true, atLeast: false, what: 'a list' }),
    `measured peak ${shortBytes(LINE.bytes)} · estimated ≈ 2 KiB`,
  );
  // Items the model cannot tell are left out: the estimate is a lower bound, written as the hover writes it.
  assert.equal(
    decorationText(LINE, { line: 4, bytes: 2048, approximate: true, atLeast: true, what: 'a list' }),
    `measured peak ${shortBytes(LINE.bytes)} · estimated ≥ 2 KiB`,
  );
});

test('the text after the line: what it held at the end beside the peak when the two differ', () => {
  const freedLater = { ...LINE, allocatedBytes: 8_000_056, allocatedCount: 2 };
  assert.equal(
    decorationText(freedLater, undefined),
    `measured peak ${shortBytes(LINE.bytes)} · held at end ${shortBytes(8_000_056)}`,
  );
  assert.equal(
    decorationText(freedLater, { line: 4, bytes: 38_386_740, approximate: false, atLeast: false, what: 'a list' }),
    `measured peak ${shortBytes(LINE.bytes)} · held at end ${shortBytes(8_000_056)} · estimated ${shortBytes(38_386_740)}`,
  );
  // Taken after the peak: nothing then, all of it at the end.
  assert.equal(decorationText(AFTER_PEAK, undefined), `measured peak 0 B · held at end ${shortBytes(8_000_000)}`);
  // A few bytes apart read the same: one figure.
  assert.equal(
    decorationText({ ...LINE, allocatedBytes: LINE.bytes - 32 }, undefined),
    `measured peak ${shortBytes(LINE.bytes)}`,
  );
});

test('the hover: the exact figures, the estimate or its absence, and the largest sites with where and what code', () => {
  const withEstimate = measuredLineMarkdown(
    LINE,
    { line: 4, bytes: 38_386_740, approximate: false, atLeast: false, what: 'a list of 1,000,000 items' },
    SCRIPT,
  );
  assert.ok(withEstimate.includes(`held ${bytesWithExact(LINE.bytes)} in 300,004 memory blocks`), withEstimate);
  assert.ok(withEstimate.includes('It still held as much when the script ended.'), withEstimate);
  assert.ok(withEstimate.includes(`${shortBytes(38_386_740)} for a list of 1,000,000 items`), withEstimate);
  const items = withEstimate.split('\n').filter((line) => line.startsWith('- '));
  assert.deepEqual(items, [
    `- **${shortBytes(26_000_000)}** in 300,000 memory blocks at \`json/decoder.py:353 ← json/__init__.py:346\`: \`obj, end = self.scan_once(s, idx)\``,
    `- **${shortBytes(10_000_033)}** in 1 memory block at \`helpers.py:4\`: \`\` blob = b"\`" * n \`\``,
    `- **${shortBytes(900_000)}** in 2 memory blocks on this line itself`,
  ]);
  assert.match(measuredLineMarkdown(LINE, undefined, SCRIPT), /The size model has no estimate for this line\./);
});

test('the hover of a line whose memory came after the peak: both figures, exact', () => {
  const hover = measuredLineMarkdown(AFTER_PEAK, undefined, SCRIPT);
  assert.ok(
    hover.startsWith(
      `**memhints: measured peak 0 B · held at end ${shortBytes(8_000_000)}**\n\nThis line held 0 bytes in 0 memory blocks when the traced memory peaked`,
    ),
    hover,
  );
  assert.ok(
    hover.includes(`When the script ended it still held ${bytesWithExact(8_000_000)} in 1 memory block.`),
    hover,
  );
  assert.doesNotMatch(hover, /allocation sites/);
});

test('lines shown: at least a KiB at the peak or at the end, the 50 largest', () => {
  const lines = Array.from(
    { length: 60 },
    (_, index): LineMeasurement => ({
      line: index + 1,
      bytes: 100_000 - index,
      count: 1,
      sites: [],
      allocatedBytes: 0,
      allocatedCount: 0,
    }),
  );
  assert.equal(shownMeasurements(lines).length, 50);
  assert.deepEqual(
    shownMeasurements([{ line: 1, bytes: 1023, count: 1, sites: [], allocatedBytes: 1023, allocatedCount: 1 }]),
    [],
  );
  assert.deepEqual(shownMeasurements([AFTER_PEAK]), [AFTER_PEAK]);
});

const ESTIMATE = { line: 4, bytes: 38_386_740, approximate: false, atLeast: false, what: 'a list' };

test('the label in three forms, longest first: all the words, short words, the one figure that matters most', () => {
  const freedLater = { ...LINE, allocatedBytes: 8_000_056, allocatedCount: 2 };
  const [peak, end, estimated] = [shortBytes(LINE.bytes), shortBytes(8_000_056), shortBytes(38_386_740)];
  assert.deepEqual(labelForms(freedLater, ESTIMATE, false), [
    `measured peak ${peak} · held at end ${end} · estimated ${estimated}`,
    `peak ${peak} · end ${end} · est. ${estimated}`,
    `peak ${peak}`,
  ]);
  assert.deepEqual(labelForms(LINE, undefined, false), [`measured peak ${peak}`, `peak ${peak}`, `peak ${peak}`]);
  // Nothing at the peak: what it held at the end is the figure that matters.
  assert.equal(labelForms(AFTER_PEAK, undefined, false).at(-1), `end ${shortBytes(8_000_000)}`);
  for (const forms of [labelForms(freedLater, ESTIMATE, true), labelForms(AFTER_PEAK, undefined, true)])
    for (let index = 1; index < forms.length; index++)
      assert.ok(forms[index]!.length <= forms[index - 1]!.length, forms.join(' | '));
});

test('a partial measurement says so in every label but the last resort, and in the hover, which leads with the full text', () => {
  const forms = labelForms(LINE, ESTIMATE, true);
  assert.ok(
    forms.slice(0, -1).every((form) => form.endsWith(' · partial')),
    forms.join(' | '),
  );
  assert.deepEqual(forms.slice(-2), [`peak ${shortBytes(LINE.bytes)} · partial`, `peak ${shortBytes(LINE.bytes)}`]);
  const hover = measuredLineMarkdown(LINE, ESTIMATE, SCRIPT, true);
  assert.ok(
    hover.startsWith(
      `**memhints: ${decorationText(LINE, ESTIMATE)} · partial**\n\nPartial: the script was stopped before its end`,
    ),
    hover,
  );
  assert.doesNotMatch(measuredLineMarkdown(LINE, ESTIMATE, SCRIPT), /partial/i);
});
