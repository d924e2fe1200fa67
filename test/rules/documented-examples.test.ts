// Every rule's documentation is held to what the rule does: its example is
// flagged and its replacement is not (documented-examples-python.slow.test.ts
// compiles both under python3). They are checked as if they stood among the
// rule fixtures, whose data files (`data/events.csv`) they may read.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ALL_RULES } from '../../server/src/rules';
import type { Rule } from '../../server/src/rules/types';
import { findingsIn } from '../support/analyze';
import { fixtureDataReads } from './ruleFixtures';

async function findingsOf(rule: Rule, source: string) {
  return findingsIn(source, { rules: [rule], dataReads: fixtureDataReads('documented-example.py') });
}

for (const rule of ALL_RULES) {
  test(`${rule.code}: the documented example is flagged and its replacement is not`, async () => {
    for (const field of ['whatItDoes', 'whyBadForMemory', 'example', 'useInstead', 'fixSafety'] as const) {
      assert.ok(rule.docs[field].trim().length > 0, `${rule.code} docs.${field}`);
    }
    assert.match(rule.docs.whyBadForMemory, /\d[\d,]* (bytes|MB|GB)/, 'the cost is given in bytes');
    assert.ok((await findingsOf(rule, rule.docs.example)).length > 0, 'the example is flagged');
    assert.deepEqual(await findingsOf(rule, rule.docs.useInstead), [], 'the replacement is not flagged');
  });
}
