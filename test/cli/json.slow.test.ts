// `--format json`: the contract other tools read (see DESIGN.md).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { FINDING_KEYS, jsonFindings, memhints, project, python, type JsonFinding } from '../support/cli';

// An emoji (two UTF-16 units, one code point) and accented letters before the
// findings, and a finding spanning three lines.
const SOURCE = [
  'xs = [3, 1, 4, 1, 5]',
  'label = "😀 café"; total = sum([x * x for x in xs])',
  'print(label, total)',
  'print("日本", max([',
  '    x  # the largest',
  '    for x in xs',
  ']))',
  '',
].join('\n');

/** 1-based code-point column of a UTF-16 index on a line, computed without the code under test. */
function codePointColumn(line: string, index: number): number {
  return Array.from(line.slice(0, index)).length + 1;
}

/** Applies contract edits (1-based lines, code-point columns) to text, last edit first. */
function applyJsonEdits(text: string, edits: NonNullable<JsonFinding['fix']>['edits']): string {
  const lines = text.split('\n').map((line) => Array.from(line));
  const flat = (line: number, column: number): number =>
    lines.slice(0, line - 1).reduce((sum, l) => sum + l.length + 1, 0) + column - 1;
  let result = Array.from(text);
  for (const edit of [...edits].sort((a, b) => flat(b.line, b.column) - flat(a.line, a.column))) {
    result = [
      ...result.slice(0, flat(edit.line, edit.column)),
      ...Array.from(edit.text),
      ...result.slice(flat(edit.endLine, edit.endColumn)),
    ];
  }
  return result.join('');
}

test('json output is one array of findings with exactly the contract keys', (t) => {
  const root = project(t, { 'pkg/mod.py': SOURCE });
  const run = memhints(['check', '--format', 'json', 'pkg'], root);
  assert.equal(run.status, 1, run.stderr);
  const findings = jsonFindings(run);
  assert.ok(Array.isArray(findings) && findings.length >= 2);
  for (const finding of findings) {
    // `related` comes only with findings reported once for several lines (none here).
    assert.deepEqual(Object.keys(finding), FINDING_KEYS);
    assert.equal(finding.file, join('pkg', 'mod.py'));
    assert.match(finding.code, /^MEM[0-9]{3}$/);
    assert.ok(['error', 'warning', 'information', 'hint'].includes(finding.severity));
    assert.ok(finding.message.length > 0);
    if (finding.fix !== null) {
      assert.deepEqual(Object.keys(finding.fix), ['safety', 'edits']);
      assert.ok(['safe', 'unsafe'].includes(finding.fix.safety));
      for (const edit of finding.fix.edits)
        assert.deepEqual(Object.keys(edit), ['line', 'column', 'endLine', 'endColumn', 'text']);
    }
  }
});

test('a finding reported once for several lines adds `related` after the contract keys, in the same positions', (t) => {
  const source = [
    'import sys',
    'log = ""',
    'for chunk in sys.stdin:',
    '    log += chunk',
    '    log += "😀\\n"',
    '',
  ].join('\n');
  const root = project(t, { 'log.py': source });
  const [finding, ...others] = jsonFindings(
    memhints(['check', '--format', 'json', '--select', 'MEM201', 'log.py'], root),
  );
  assert.equal(others.length, 0);
  assert.deepEqual(Object.keys(finding!), [...FINDING_KEYS, 'related']);
  assert.deepEqual([finding!.line, finding!.column], [4, 5]);
  const last = source.split('\n')[4]!;
  assert.deepEqual(finding!.related, [
    { line: 5, column: 5, endLine: 5, endColumn: codePointColumn(last, last.length), message: '`log` also grows here' },
  ]);
});

test('json lines and columns are 1-based and count code points, not UTF-16 units', (t) => {
  const root = project(t, { 'mod.py': SOURCE });
  const findings = jsonFindings(memhints(['check', '--format', 'json', 'mod.py'], root));
  const lines = SOURCE.split('\n');

  const sum = findings.find((finding) => finding.line === 2);
  assert.ok(sum, 'a finding on the line with the emoji');
  const open = lines[1]!.indexOf('[x');
  const close = lines[1]!.indexOf(']') + 1;
  assert.deepEqual(
    { line: sum.line, column: sum.column, endLine: sum.endLine, endColumn: sum.endColumn },
    { line: 2, column: codePointColumn(lines[1]!, open), endLine: 2, endColumn: codePointColumn(lines[1]!, close) },
  );
  // The fix removes exactly the two brackets.
  assert.deepEqual(sum.fix?.edits, [
    {
      line: 2,
      column: codePointColumn(lines[1]!, open),
      endLine: 2,
      endColumn: codePointColumn(lines[1]!, open + 1),
      text: '',
    },
    {
      line: 2,
      column: codePointColumn(lines[1]!, close - 1),
      endLine: 2,
      endColumn: codePointColumn(lines[1]!, close),
      text: '',
    },
  ]);

  const max = findings.find((finding) => finding.line === 4);
  assert.ok(max, 'a finding for the comprehension spanning lines 4-7');
  assert.deepEqual(
    { line: max.line, column: max.column, endLine: max.endLine, endColumn: max.endColumn },
    {
      line: 4,
      column: codePointColumn(lines[3]!, lines[3]!.indexOf('[')),
      endLine: 7,
      endColumn: codePointColumn(lines[6]!, 1),
    },
  );
});

test('each fix in the json, applied by its code-point positions, gives code with the same output', (t) => {
  const root = project(t, { 'mod.py': SOURCE });
  const findings = jsonFindings(memhints(['check', '--format', 'json', 'mod.py'], root));
  const before = python(join(root, 'mod.py'), root);
  assert.equal(before.status, 0, before.stderr);
  const fixable = findings.filter((finding) => finding.fix !== null);
  assert.ok(fixable.length >= 2);
  for (const finding of fixable) {
    const fixedRoot = project(t, { 'mod.py': applyJsonEdits(SOURCE, finding.fix!.edits) });
    const after = python(join(fixedRoot, 'mod.py'), fixedRoot);
    assert.equal(after.status, 0, `${finding.code} at line ${finding.line}: ${after.stderr}`);
    assert.equal(after.stdout, before.stdout);
    assert.notEqual(readFileSync(join(fixedRoot, 'mod.py'), 'utf8'), SOURCE);
  }
});

test('json file paths are relative to the current directory, absolute outside it', (t) => {
  const root = project(t, { 'a/b/mod.py': SOURCE });
  const elsewhere = project(t, {});
  const inside = jsonFindings(memhints(['check', '--format', 'json', './a/b/../b/mod.py'], root));
  assert.ok(inside.every((finding) => finding.file === join('a', 'b', 'mod.py')));
  const outside = jsonFindings(memhints(['check', '--format', 'json', join(root, 'a')], elsewhere));
  assert.ok(outside.length > 0 && outside.every((finding) => finding.file === join(root, 'a', 'b', 'mod.py')));
});

test('json for a clean project is an empty array', (t) => {
  const root = project(t, { 'clean.py': 'print(sum(x for x in range(3)))\n' });
  const run = memhints(['check', '--format', 'json'], root);
  assert.equal(run.status, 0);
  assert.deepEqual(JSON.parse(run.stdout), []);
});

test('a byte order mark and CRLF line ends do not shift json positions', (t) => {
  const crlf = SOURCE.replace(/\n/g, '\r\n');
  const root = project(t, {
    'plain.py': SOURCE,
    'bom.py': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(crlf)]),
  });
  const strip = (findings: JsonFinding[]) => findings.map(({ file: _file, ...rest }) => rest);
  const plain = jsonFindings(memhints(['check', '--format', 'json', 'plain.py'], root));
  const bom = jsonFindings(memhints(['check', '--format', 'json', 'bom.py'], root));
  assert.deepEqual(strip(bom), strip(plain));
});
