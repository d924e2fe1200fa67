// A finding's scale and severity: a size known in bytes decides on its own,
// otherwise the data's origin does; warnings are kept for large data.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Finding } from '../../server/src/rules/types';
import { atScale, settledScale, severityAtScale } from '../../server/src/engine/findingScale';
import { exactSize, perCountSize } from '../../server/src/sizes/size';

const finding = (extra: Partial<Finding> = {}): Finding => ({
  code: 'MEM101',
  message: 'm',
  severity: 'warning',
  start: 0,
  end: 1,
  ...extra,
});

test('a size known in bytes decides the scale against the threshold, wherever the data comes from', () => {
  assert.equal(settledScale(finding({ holds: exactSize(1000), scale: 'large' }), 65536), 'small');
  assert.equal(settledScale(finding({ holds: exactSize(65536), scale: 'small' }), 65536), 'large');
  assert.equal(settledScale(finding({ holds: exactSize(65535) }), 65536), 'small');
});

test('a size that grows with a count leaves the scale to the origin; no origin is unknown', () => {
  assert.equal(settledScale(finding({ holds: perCountSize(56, 8, 'len(rows)'), scale: 'large' }), 65536), 'large');
  assert.equal(settledScale(finding({ holds: perCountSize(56, 8, 'len(rows)') }), 65536), 'unknown');
  assert.equal(settledScale(finding(), 65536), 'unknown');
});

test('large keeps the rule severity, unknown is at most information, small is a hint', () => {
  assert.equal(severityAtScale('warning', 'large'), 'warning');
  assert.equal(severityAtScale('information', 'large'), 'information');
  assert.equal(severityAtScale('warning', 'unknown'), 'information');
  assert.equal(severityAtScale('error', 'unknown'), 'information');
  assert.equal(severityAtScale('hint', 'unknown'), 'hint');
  assert.equal(severityAtScale('warning', 'small'), 'hint');
});

test('small findings are dropped unless asked for, and then hints', () => {
  const small = finding({ holds: exactSize(800) });
  assert.equal(atScale(small, { smallBytes: 65536, reportSmall: false }), undefined);
  assert.deepEqual(atScale(small, { smallBytes: 65536, reportSmall: true }), {
    ...small,
    scale: 'small',
    severity: 'hint',
  });
  assert.deepEqual(atScale(small, { smallBytes: 100, reportSmall: false }), {
    ...small,
    scale: 'large',
    severity: 'warning',
  });
});
