// A rule page: Ruff's sections, in Ruff's order, filled from the rule itself.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixAvailabilityText, ruleMarkdown } from '../../server/src/docs/ruleMarkdown';
import { ALL_RULES, ruleByCode } from '../../server/src/rules';

const HEADINGS = [
  '## What it does',
  '## Why is this bad for memory?',
  '## Example',
  '## Use instead',
  '## Fix safety',
  '## Options',
];

test('every page has a title, the summary, severity and fix availability, then the sections in order', () => {
  for (const rule of ALL_RULES) {
    const page = ruleMarkdown(rule);
    const lines = page.split('\n');
    assert.equal(lines[0], `# ${rule.name} (${rule.code})`);
    assert.ok(lines[2]!.startsWith(rule.summary), rule.code);
    assert.equal(
      lines[4],
      `Default severity: ${rule.defaultSeverity} at data scale, at most information where the scale is unknown, and a hint (reported only on request) where it is small. ${fixAvailabilityText(rule.fixAvailability)}`,
    );
    assert.deepEqual(
      lines.filter((line) => line.startsWith('#') && !line.startsWith('# ')),
      HEADINGS,
      `${rule.code}: no other headings, and none inside the code blocks`,
    );
    for (const text of [rule.docs.whatItDoes, rule.docs.whyBadForMemory, rule.docs.fixSafety])
      assert.ok(page.includes(text), rule.code);
    assert.ok(!/[ \t]$/m.test(page), `${rule.code}: no trailing whitespace`);
  }
});

test("examples are python code blocks holding the rule's example and its replacement line by line", () => {
  const rule = ruleByCode('MEM101')!;
  const page = ruleMarkdown(rule);
  const blocks = [...page.matchAll(/```python\n([\s\S]*?)\n```/g)].map((match) => match[1]);
  assert.deepEqual(blocks, [rule.docs.example, rule.docs.useInstead]);
});

test('the three kinds of fix availability read as Ruff words them', () => {
  assert.equal(fixAvailabilityText('always'), 'Fix is always available.');
  assert.equal(fixAvailabilityText('sometimes'), 'Fix is sometimes available.');
  assert.equal(fixAvailabilityText('none'), 'Fix is not available.');
});
