// `memhints check --format github` run as a subprocess: one GitHub Actions
// workflow command per finding, escaped as GitHub documents, read back as
// GitHub's runner reads it (the commands and their escaping alone:
// github.test.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ruleByCode } from '../../server/src/rules';
import { jsonFindings, memhints, project } from '../support/cli';
import { parseCommand } from './workflowCommands';

const SOURCE = [
  'xs = [3, 1, 4]',
  'label = "😀"; total = sum([x * x for x in xs])',
  'class Point:',
  '    def __init__(self, x):',
  '        self.x = x',
  'points = [Point(x) for x in xs]',
  'for x in list(xs):',
  '    print(x)',
  '',
].join('\n');

test('one command per json finding: file, line, col, endLine, endColumn, the code and rule name as title, the message', (t) => {
  // A file name with the characters that separate properties.
  // MEM101 is information (it tells no scale of its data); MEM102 is made a warning.
  const root = project(t, {
    'src/a,b:c%.py': SOURCE,
    'pyproject.toml': '[tool.memhints.severity]\nMEM102 = "warning"\n',
  });
  const findings = jsonFindings(memhints(['check', '--format', 'json'], root));
  const run = memhints(['check', '--format', 'github'], root);
  assert.equal(run.status, 1, run.stderr);
  const lines = run.stdout.trimEnd().split('\n');
  assert.equal(lines.length, findings.length);
  const severities = new Set<string>();
  for (const [index, line] of lines.entries()) {
    const finding = findings[index]!;
    severities.add(finding.severity);
    const { command, properties, message } = parseCommand(line);
    assert.equal(
      command,
      { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' }[finding.severity],
    );
    assert.deepEqual(properties, {
      file: finding.file,
      line: String(finding.line),
      col: String(finding.column),
      endLine: String(finding.endLine),
      endColumn: String(finding.endColumn),
      title: `${finding.code} (${ruleByCode(finding.code)!.name})`,
    });
    assert.equal(message, finding.message);
  }
  assert.ok(
    severities.has('warning') && [...severities].some((severity) => severity === 'information' || severity === 'hint'),
    [...severities].join(),
  );
  assert.match(lines[0]!, /file=src\/a%2Cb%3Ac%25\.py,line=/);
});
