import assert from 'node:assert/strict';
import { test } from 'node:test';
import { selectRules, validateSettings } from '../../server/src/config/config';
import { ALL_RULES } from '../../server/src/rules';

const codes = (select: string[], ignore: string[]) =>
  selectRules(ALL_RULES, { select, ignore }).map((rule) => rule.code);

test('select and ignore by code and prefix; the more specific one wins', () => {
  const every = ALL_RULES.map((rule) => rule.code);
  assert.deepEqual(codes([], []), every);
  assert.deepEqual(
    codes([], ['MEM101']),
    every.filter((code) => code !== 'MEM101'),
  );
  assert.deepEqual(codes(['MEM101'], []), ['MEM101']);
  assert.deepEqual(
    codes([], ['MEM1']),
    every.filter((code) => !code.startsWith('MEM1')),
  );
  assert.deepEqual(codes(['MEM101'], ['MEM1']), ['MEM101']);
  assert.deepEqual(
    codes(['MEM1'], ['MEM101']),
    every.filter((code) => code.startsWith('MEM1') && code !== 'MEM101'),
  );
  assert.deepEqual(codes(['MEM'], ['MEM']), []);
});

test('validateSettings keeps defaults for bad values and says what was wrong', () => {
  const result = validateSettings({ select: 'MEM101', ignore: ['mem102'], severity: { MEM101: 'loud' } });
  assert.deepEqual(result.value.select, []);
  assert.deepEqual(result.value.ignore, ['MEM102']);
  assert.deepEqual(result.value.severity, {});
  assert.equal(result.problems.length, 2);
  assert.match(result.problems[0]!, /select/);
  assert.match(result.problems[1]!, /severity\.MEM101/);
});

test('validateSettings accepts missing settings silently', () => {
  const result = validateSettings(undefined);
  assert.deepEqual(result.problems, []);
  assert.equal(result.value.enable, true);
});

test('reportSmall and smallThreshold are read, and bad values keep the defaults with a problem each', () => {
  const good = validateSettings({ reportSmall: true, smallThreshold: 1024 });
  assert.deepEqual(good.problems, []);
  assert.equal(good.value.reportSmall, true);
  assert.equal(good.value.smallThreshold, 1024);
  const bad = validateSettings({ reportSmall: 'yes', smallThreshold: -1 });
  assert.equal(bad.value.reportSmall, false);
  assert.equal(bad.value.smallThreshold, 64 * 1024);
  assert.deepEqual(
    bad.problems.map((problem) => problem.split(' ')[0]),
    ['memhints.reportSmall', 'memhints.smallThreshold'],
  );
});
