// Each rule's declared fix availability agrees with what its fixtures show:
// "always" never reports a finding without a fix, "none" never one with a fix,
// and "sometimes" shows at least one fix.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ALL_RULES } from '../../server/src/rules';
import { findingsIn } from '../support/analyze';
import { FIXTURES } from '../support/paths';

const RULE_FIXTURES = join(FIXTURES, 'rules');

for (const rule of ALL_RULES) {
  test(`${rule.code}: fix availability "${rule.fixAvailability}" matches its fixtures`, async () => {
    const fixtures = readdirSync(RULE_FIXTURES).filter(
      (name) => name === `${rule.code}.py` || name.startsWith(`${rule.code}-`),
    );
    assert.ok(fixtures.length > 0, `no fixtures for ${rule.code}`);
    let withFix = 0;
    let withoutFix = 0;
    for (const name of fixtures) {
      const findings = await findingsIn(readFileSync(join(RULE_FIXTURES, name), 'utf8'), { rules: [rule] });
      withFix += findings.filter((finding) => finding.fix !== undefined).length;
      withoutFix += findings.filter((finding) => finding.fix === undefined).length;
    }
    if (rule.fixAvailability === 'always') assert.equal(withoutFix, 0, 'findings without a fix');
    if (rule.fixAvailability === 'none') assert.equal(withFix, 0, 'findings with a fix');
    if (rule.fixAvailability === 'sometimes') assert.ok(withFix > 0, 'no finding in the fixtures has a fix');
  });
}
