// The MEM2xx fixtures: every line marked `# hit: <why>` has a finding of the
// fixture's code starting on it, and no other line has one (in particular no
// line marked `# ok: <why>`). The fixtures must be valid Python.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse, pythonParser } from '../../server/src/document/parser';
import { lineOfOffset, lineStarts } from '../../server/src/document/positions';
import { severityAtScale } from '../../server/src/engine/findingScale';
import { findingsIn } from '../support/analyze';
import { assertCompilesUnderPython } from '../support/python';
import { FIXTURES } from '../support/paths';

const CODES = ['MEM201', 'MEM202', 'MEM204'];
/** A trailing comment after code: `x += 1  # hit: why`. */
const MARK = /^\s*[^#\s].*#\s*(hit|ok):\s*(.*)$/;

interface Marks {
  readonly hit: number[];
  readonly ok: number[];
}

/** 1-based line numbers of the `# hit:` and `# ok:` comments. */
function marks(source: string): Marks {
  const result: Marks = { hit: [], ok: [] };
  source.split(/\r\n|\r|\n/).forEach((line, index) => {
    const mark = MARK.exec(line);
    if (!mark) return;
    assert.ok(mark[2]!.trim().length > 0, `line ${index + 1}: a mark says why`);
    result[mark[1] as 'hit' | 'ok'].push(index + 1);
  });
  return result;
}

async function findingLines(source: string, code: string): Promise<number[]> {
  const starts = lineStarts(source);
  const findings = (await findingsIn(source)).filter((finding) => finding.code === code);
  return findings.map((finding) => lineOfOffset(starts, finding.start) + 1);
}

for (const code of CODES) {
  const path = join(FIXTURES, 'rules', `${code}.py`);

  test(`${code}: every # hit: line has a finding and no other line does`, async () => {
    const source = readFileSync(path, 'utf8');
    const { hit, ok } = marks(source);
    assert.ok(hit.length >= 10 && ok.length >= 10, `${code}.py has many cases of each kind (${hit.length} hit, ${ok.length} ok)`);
    const found = await findingLines(source, code);
    assert.deepEqual(hit.filter((line) => !found.includes(line)), [], 'hit lines without a finding');
    assert.deepEqual(found.filter((line) => !hit.includes(line)), [], 'findings on lines not marked hit');
    assert.ok(!found.some((line) => ok.includes(line)));
  });

  test(`${code}: the fixture is valid Python`, async () => {
    const source = readFileSync(path, 'utf8');
    const tree = parse(await pythonParser(), source);
    try {
      assert.equal(tree.rootNode.hasError, false, 'tree-sitter finds no ERROR or MISSING node');
    } finally {
      tree.delete();
    }
    assertCompilesUnderPython(source, `${code}.py`);
  });

}

test('MEM2xx rules survive code being typed: cut-down fixtures analyse without throwing', async () => {
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
  for (const code of CODES) {
    const source = readFileSync(join(FIXTURES, 'rules', `${code}.py`), 'utf8');
    // Cuts land mid-token, mid-string and mid-block.
    for (let cut = 0; cut < source.length; cut += 97) {
      await findingsIn(source.slice(0, cut));
      await findingsIn(source.slice(cut) + source.slice(0, cut));
    }
  }
});

test('MEM202: an unbounded cache is a warning; a bounded one is information and says how many instances it holds', async () => {
  const method = (decorator: string) => `import functools\n\nLIMIT = 2_048\n\nclass Report:\n    @${decorator}\n    def summary(self):\n        return 1\n`;
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
  assert.deepEqual((await findingsIn(method('functools.lru_cache(maxsize=0)'))).filter((finding) => finding.code === 'MEM202'), [], 'maxsize=0 stores nothing');
});

test('MEM201 messages stay under 120 characters, and prepending (a cost in time, not memory) is information only', async () => {
  const source = readFileSync(join(FIXTURES, 'rules', 'MEM201.py'), 'utf8');
  const findings = (await findingsIn(source)).filter((finding) => finding.code === 'MEM201');
  assert.ok(findings.length >= 10);
  for (const finding of findings) {
    assert.ok(finding.message.length <= 120, `${finding.message.length} characters: ${finding.message}`);
    const prepends = /prepending/.test(finding.message);
    // A warning at data scale, lowered where the scale is unknown or small; prepending never more than information.
    assert.equal(finding.severity, severityAtScale(prepends ? 'information' : 'warning', finding.scale!), finding.message);
  }
  assert.ok(findings.some((finding) => finding.severity === 'information'), 'the fixture prepends');
});
