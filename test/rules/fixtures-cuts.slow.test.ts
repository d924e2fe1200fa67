// The long sweep of fixtures.test.ts's cut-downs: every rule fixture cut short,
// and rotated, every 89 characters (mid-token, mid-string, mid-block) analyses
// with every rule without throwing.
import { test } from 'node:test';
import { analyseCutDowns, everyOffset, ruleFixtures } from './ruleFixtures';

const STRIDE = 89;

for (const { name, source } of ruleFixtures()) {
  test(`${name}: cut short or rotated every ${STRIDE} characters, it analyses without throwing`, async () => {
    const text = source();
    await analyseCutDowns(text, everyOffset(text.length, STRIDE));
  });
}
