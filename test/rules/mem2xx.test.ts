// MEM201, MEM202, MEM204: severities and messages, and what the fixtures show
// less directly. The fixtures themselves are checked by fixtures.test.ts.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse, pythonParser } from '../../server/src/document/parser';
import { severityAtScale } from '../../server/src/engine/findingScale';
import { findingsIn } from '../support/analyze';
import { FIXTURES } from '../support/paths';

test('a module tree-sitter gives up on (an ERROR node at its root) analyses without throwing', async () => {
  // A comment that lost its `#` opens a string that never closes; here tree-sitter
  // gives up on a module and puts an ERROR node at the root.
  const brokenRoot = `as Ruff's B019 reports it), so\n${readFileSync(join(FIXTURES, 'rules', 'MEM202.py'), 'utf8')}`;
  const tree = parse(await pythonParser(), brokenRoot);
  try {
    assert.equal(tree.rootNode.type, 'ERROR');
  } finally {
    tree.delete();
  }
  await findingsIn(brokenRoot);
});

test('MEM202: an unbounded cache is a warning; a bounded one is information and says how many instances it holds', async () => {
  const method = (decorator: string) =>
    `import functools\n\nLIMIT = 2_048\n\nclass Report:\n    @${decorator}\n    def summary(self):\n        return 1\n`;
  const only = async (decorator: string) => {
    const findings = (await findingsIn(method(decorator))).filter((finding) => finding.code === 'MEM202');
    assert.equal(findings.length, 1, decorator);
    return findings[0]!;
  };
  for (const unbounded of ['functools.cache', 'functools.lru_cache(maxsize=None)', 'functools.lru_cache(None)']) {
    const finding = await only(unbounded);
    assert.equal(finding.severity, 'warning', unbounded);
    assert.match(finding.message, /keeps every instance it is called on alive/, unbounded);
  }
  const bounds: [string, string][] = [
    ['functools.lru_cache', 'up to 128 instances'],
    ['functools.lru_cache()', 'up to 128 instances'],
    ['functools.lru_cache(maxsize=1_000)', 'up to 1,000 instances'],
    ['functools.lru_cache(16, typed=True)', 'up to 16 instances'],
    ['functools.lru_cache(maxsize=LIMIT)', 'up to 2,048 instances'],
  ];
  for (const [decorator, limit] of bounds) {
    const finding = await only(decorator);
    assert.equal(finding.severity, 'information', decorator);
    assert.ok(finding.message.includes(limit), `${decorator}: ${finding.message}`);
    assert.ok(finding.message.length <= 120, `${decorator}: a message of ${finding.message.length} characters`);
  }
  assert.deepEqual(
    (await findingsIn(method('functools.lru_cache(maxsize=0)'))).filter((finding) => finding.code === 'MEM202'),
    [],
    'maxsize=0 stores nothing',
  );
});

test('MEM201 messages stay under 120 characters, and prepending (a cost in time, not memory) is information only', async () => {
  const source = readFileSync(join(FIXTURES, 'rules', 'MEM201.py'), 'utf8');
  const findings = (await findingsIn(source)).filter((finding) => finding.code === 'MEM201');
  assert.ok(findings.length >= 10);
  for (const finding of findings) {
    assert.ok(finding.message.length <= 120, `${finding.message.length} characters: ${finding.message}`);
    const prepends = /prepending/.test(finding.message);
    // A warning at data scale, lowered where the scale is unknown or small; prepending never more than information.
    assert.equal(
      finding.severity,
      severityAtScale(prepends ? 'information' : 'warning', finding.scale!),
      finding.message,
    );
  }
  assert.ok(
    findings.some((finding) => finding.severity === 'information'),
    'the fixture prepends',
  );
});
