// The one rule-fixture harness: each test/fixtures/rules/MEMxxx.py (or
// MEMxxx-topic.py, for cases that need a file of their own) is found by its
// name and checked by its rule alone against MEMxxx.snap (UPDATE_SNAPSHOTS=1
// rewrites the snapshots). Lines marked `# hit: <why>` must be reported (small
// ones too: the fixtures show each rule's reach, and the snapshot each
// finding's scale) and lines marked `# ok: <why>` must not, so a snapshot
// accepted by mistake still cannot hide a missed or a wrong finding. Each
// fixture parses cleanly, and cut short as code being typed it still analyses
// (a sample of cuts here; fixtures-cuts.slow.test.ts cuts every 89
// characters). Fixtures compile under python3 before and after their fixes:
// fixes.slow.test.ts. The fixtures' folder is their workspace: a read of
// `data/…` finds the data files beside them, on a machine of 256 KiB
// (FIXTURE_MACHINE).
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { lineOfOffset, lineStarts } from '../../server/src/document/positions';
import { parse, pythonParser } from '../../server/src/document/parser';
import { ALL_RULES } from '../../server/src/rules';
import { findingsIn } from '../support/analyze';
import { renderFindings } from '../support/render';
import { analyseCutDowns, fixtureDataReads, RULE_FIXTURES, ruleFixtures, spreadOffsets } from './ruleFixtures';

const UPDATE = process.env.UPDATE_SNAPSHOTS === '1';
/** A mark is a trailing comment after code that says why: `x += 1  # hit: why`. */
const MARK = /^\s*[^#\s].*#\s*(hit|ok):\s*\S/;
/** Cuts per fixture in this sample. */
const CUTS = 12;

const fixtures = ruleFixtures();

test('every fixture is named after a rule', () => {
  assert.ok(fixtures.length > 0, `no fixtures in ${RULE_FIXTURES}`);
  for (const fixture of fixtures)
    assert.ok(fixture.rule, `${fixture.file} is not named MEMxxx.py or MEMxxx-topic.py after a rule`);
});

test('every rule has a fixture', () => {
  const covered = new Set(fixtures.map((fixture) => fixture.rule));
  assert.deepEqual(
    ALL_RULES.filter((rule) => !covered.has(rule)).map((rule) => rule.code),
    [],
  );
});

for (const { file, name, rule, source } of fixtures) {
  if (!rule) continue;

  test(`${name}: findings and fixes match ${name}.snap`, async () => {
    const text = source();
    const findings = await findingsIn(text, { rules: [rule], dataReads: fixtureDataReads(file) });
    const rendered = renderFindings(text, findings);
    const snapshotPath = join(RULE_FIXTURES, `${name}.snap`);
    if (UPDATE) {
      writeFileSync(snapshotPath, rendered);
      return;
    }
    assert.ok(
      existsSync(snapshotPath),
      `${snapshotPath} is missing: run the tests with UPDATE_SNAPSHOTS=1 and review it`,
    );
    assert.equal(rendered, readFileSync(snapshotPath, 'utf8'));
  });

  test(`${name}: every \`# hit:\` line is reported and no \`# ok:\` line is`, async () => {
    const text = source();
    const findings = await findingsIn(text, { rules: [rule], dataReads: fixtureDataReads(file) });
    const starts = lineStarts(text);
    const reported = new Set(findings.map((finding) => lineOfOffset(starts, finding.start)));
    const lines = text.split(/\r\n|\r|\n/);
    const marked = lines.flatMap((line, index) => (/#\s*(hit|ok):/.test(line) ? [index] : []));
    const malformed = marked
      .filter((line) => !MARK.test(lines[line]!))
      .map((line) => `${line + 1}: ${lines[line]!.trim()}`);
    assert.deepEqual(malformed, [], 'marks follow code on their line and say why');
    const hits = lines.flatMap((line, index) => (/#\s*hit:/.test(line) ? [index] : []));
    const oks = lines.flatMap((line, index) => (/#\s*ok:/.test(line) ? [index] : []));
    assert.ok(
      hits.length > 0 && oks.length > 0,
      `${file} needs both cases that fire (# hit:) and cases that must not (# ok:)`,
    );
    const missed = hits.filter((line) => !reported.has(line)).map((line) => `${line + 1}: ${lines[line]!.trim()}`);
    assert.deepEqual(missed, [], `${rule.code} missed lines marked # hit:`);
    const wrong = oks.filter((line) => reported.has(line)).map((line) => `${line + 1}: ${lines[line]!.trim()}`);
    assert.deepEqual(wrong, [], `${rule.code} reported lines marked # ok:`);
    const unmarked = [...reported]
      .filter((line) => !/#\s*hit:/.test(lines[line]!))
      .map((line) => `${line + 1}: ${lines[line]!.trim()}`);
    assert.deepEqual(unmarked, [], `${rule.code} reported lines not marked # hit:`);
  });

  test(`${name}: tree-sitter parses it without ERROR or MISSING nodes`, async () => {
    const tree = parse(await pythonParser(), source());
    try {
      assert.equal(tree.rootNode.hasError, false);
    } finally {
      tree.delete();
    }
  });

  test(`${name}: cut short or rotated at ${CUTS} places (code being typed), it analyses without throwing`, async () => {
    const text = source();
    await analyseCutDowns(text, spreadOffsets(text.length, CUTS));
  });
}
