// What every rule's message owes its reader: a few words, the cost first.
// Each fixture's findings are checked: under about 120 characters (a line of
// code quoted in one, a column list or a long name, may take it to 130), and
// where a finding knows what it holds, the message opens with that size.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { countSymbol } from '../../server/src/sizes/format';
import { findingsIn } from '../support/analyze';
import { FIXTURES } from '../support/paths';

const MOST = 130;
const RULE_FIXTURES = join(FIXTURES, 'rules');

for (const file of readdirSync(RULE_FIXTURES)
  .filter((name) => name.endsWith('.py'))
  .sort()) {
  test(`${file}: messages are short and lead with what the finding holds`, async () => {
    const findings = await findingsIn(readFileSync(join(RULE_FIXTURES, file), 'utf8'));
    for (const finding of findings) {
      assert.ok(finding.message.length <= MOST, `${finding.message.length} characters: ${finding.message}`);
      if (!finding.holds) continue;
      // The size, or a verb and the size ("Saves ≈ 8·n B …"), opens the message.
      const opening = finding.message.slice(0, 30);
      const { perCount } = finding.holds;
      const amount = perCount ? `${perCount.bytes}·${countSymbol(perCount.count)} B` : /[\d.]+ (B|KiB|MiB|GiB)/;
      if (typeof amount === 'string') assert.ok(opening.includes(amount), finding.message);
      else assert.match(opening, amount, finding.message);
    }
  });
}
