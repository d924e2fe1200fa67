// Each test/fixtures/rules/MEMxxx.py (or MEMxxx-topic.py, for cases that need
// a file of their own) is checked by its rule alone against MEMxxx.snap (UPDATE_SNAPSHOTS=1 rewrites the snapshots). Lines marked
// `# hit:` must be reported (small ones too: the fixtures show each rule's
// reach, and the snapshot each finding's scale) and lines marked `# ok:` must not, so a snapshot
// accepted by mistake still cannot hide a missed or a wrong finding.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { test } from 'node:test';
import { lineOfOffset, lineStarts } from '../../server/src/document/positions';
import { ruleByCode } from '../../server/src/rules';
import { findingsIn } from '../support/analyze';
import { FIXTURES } from '../support/paths';
import { renderFindings } from '../support/render';

const RULE_FIXTURES = join(FIXTURES, 'rules');
const UPDATE = process.env.UPDATE_SNAPSHOTS === '1';

const FIXTURE_NAME = /^(MEM\d+)(-[a-z0-9-]+)?\.py$/;
const fixtureFiles = readdirSync(RULE_FIXTURES).filter((name) => name.endsWith('.py')).sort();

test('every fixture is named after a rule', () => {
  assert.ok(fixtureFiles.length > 0, `no fixtures in ${RULE_FIXTURES}`);
  for (const file of fixtureFiles) {
    const code = FIXTURE_NAME.exec(file)?.[1];
    assert.ok(code && ruleByCode(code), `${file} is not named MEMxxx.py or MEMxxx-topic.py after a rule`);
  }
});

for (const file of fixtureFiles) {
  const code = FIXTURE_NAME.exec(file)?.[1];
  if (!code) continue;
  const name = basename(file, '.py');

  test(`${name}: findings and fixes match ${name}.snap`, async () => {
    const source = readFileSync(join(RULE_FIXTURES, file), 'utf8');
    const findings = await findingsIn(source, { rules: [ruleByCode(code)!] });
    const rendered = renderFindings(source, findings);
    const snapshotPath = join(RULE_FIXTURES, `${name}.snap`);
    if (UPDATE) {
      writeFileSync(snapshotPath, rendered);
      return;
    }
    assert.ok(existsSync(snapshotPath), `${snapshotPath} is missing: run the tests with UPDATE_SNAPSHOTS=1 and review it`);
    assert.equal(rendered, readFileSync(snapshotPath, 'utf8'));
  });

  test(`${name}: every \`# hit:\` line is reported and no \`# ok:\` line is`, async () => {
    const source = readFileSync(join(RULE_FIXTURES, file), 'utf8');
    const findings = await findingsIn(source, { rules: [ruleByCode(code)!] });
    const starts = lineStarts(source);
    const reported = new Set(findings.map((finding) => lineOfOffset(starts, finding.start)));
    const lines = source.split(/\r\n|\r|\n/);
    const hits = lines.flatMap((text, index) => (/#\s*hit:/.test(text) ? [index] : []));
    const oks = lines.flatMap((text, index) => (/#\s*ok:/.test(text) ? [index] : []));
    assert.ok(hits.length > 0 && oks.length > 0, `${file} needs both cases that fire (# hit:) and cases that must not (# ok:)`);
    const missed = hits.filter((line) => !reported.has(line)).map((line) => `${line + 1}: ${lines[line]!.trim()}`);
    assert.deepEqual(missed, [], `${code} missed lines marked # hit:`);
    const wrong = oks.filter((line) => reported.has(line)).map((line) => `${line + 1}: ${lines[line]!.trim()}`);
    assert.deepEqual(wrong, [], `${code} reported lines marked # ok:`);
    const unmarked = [...reported].filter((line) => !/#\s*hit:/.test(lines[line]!)).map((line) => `${line + 1}: ${lines[line]!.trim()}`);
    assert.deepEqual(unmarked, [], `${code} reported lines not marked # hit:`);
  });
}
