// Every rule's documented example and its replacement are valid Python: both
// compile under python3 (documented-examples.test.ts holds them to what the
// rule finds).
import { test } from 'node:test';
import { ALL_RULES } from '../../server/src/rules';
import { assertCompilesUnderPython } from '../support/python';

for (const rule of ALL_RULES) {
  test(`${rule.code}: the documented example and its replacement compile under python3`, () => {
    assertCompilesUnderPython(rule.docs.example, `${rule.code} example`);
    assertCompilesUnderPython(rule.docs.useInstead, `${rule.code} use instead`);
  });
}
