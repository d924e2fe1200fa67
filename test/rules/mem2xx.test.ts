// The MEM2xx fixtures: every line marked `# hit: <why>` has a finding of the
// fixture's code starting on it, and no other line has one (in particular no
// line marked `# ok: <why>`). The fixtures must be valid Python.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse, pythonParser } from '../../server/src/parser';
import { lineOfOffset, lineStarts } from '../../server/src/positions';
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

test('MEM201 messages stay under 120 characters, and prepending (a cost in time, not memory) is information only', async () => {
  const source = readFileSync(join(FIXTURES, 'rules', 'MEM201.py'), 'utf8');
  const findings = (await findingsIn(source)).filter((finding) => finding.code === 'MEM201');
  assert.ok(findings.length >= 10);
  for (const finding of findings) {
    assert.ok(finding.message.length <= 120, `${finding.message.length} characters: ${finding.message}`);
    const prepends = /prepending/.test(finding.message);
    assert.equal(finding.severity, prepends ? 'information' : 'warning', finding.message);
  }
  assert.ok(findings.some((finding) => finding.severity === 'information'), 'the fixture prepends');
});
