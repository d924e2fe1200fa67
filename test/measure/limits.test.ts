// The editor's limits for measuring a file: the settings' values, their defaults as
// package.json declares them, and what a bad value gives.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DEFAULT_LIMITS, measureLimits } from '../../client/src/measure/limits';
import { REPO_ROOT } from '../support/paths';

test("the settings' values, 0 for no limit", () => {
  assert.deepEqual(measureLimits(30, 512), { timeoutSeconds: 30, memoryLimitMb: 512 });
  assert.deepEqual(measureLimits(0, 0), { timeoutSeconds: 0, memoryLimitMb: 0 });
});

test('a missing or bad value gives the default', () => {
  for (const bad of [undefined, null, -1, Number.NaN, Number.POSITIVE_INFINITY, '30', {}]) {
    assert.deepEqual(measureLimits(bad, bad), DEFAULT_LIMITS, String(bad));
  }
});

test('the defaults are those package.json declares, so that the settings UI shows what is used', () => {
  const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
    contributes: { configuration: { properties: Record<string, { default: unknown }> } };
  };
  const properties = manifest.contributes.configuration.properties;
  assert.equal(properties['memhints.measure.timeout']?.default, DEFAULT_LIMITS.timeoutSeconds);
  assert.equal(properties['memhints.measure.memoryLimit']?.default, DEFAULT_LIMITS.memoryLimitMb);
});
