// `--format github`: one GitHub Actions workflow command per finding, escaped as
// GitHub documents, so that each becomes an annotation on its line.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escapeData, escapeProperty, githubCommand } from '../../server/src/cli/report/github';
import type { ReportedFinding } from '../../server/src/cli/report/findings';
import { ruleByCode } from '../../server/src/rules';
import { jsonFindings, memhints, project } from '../support/cli';

/** Reads a workflow command back as GitHub's runner does: percent-escapes undone after splitting. */
function parseCommand(line: string): { command: string; properties: Record<string, string>; message: string } {
  const match = /^::([a-z]+) ([^:]*)::(.*)$/.exec(line);
  assert.ok(match, `not a workflow command: ${line}`);
  const decodeProperty = (text: string) => text.replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
  const properties = Object.fromEntries(
    match[2]!.split(',').map((pair) => {
      const at = pair.indexOf('=');
      return [pair.slice(0, at), decodeProperty(pair.slice(at + 1))];
    }),
  );
  return { command: match[1]!, properties, message: decodeProperty(match[3]!) };
}

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
  const root = project(t, { 'src/a,b:c%.py': SOURCE, 'pyproject.toml': '[tool.memhints.severity]\nMEM102 = "warning"\n' });
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
    assert.equal(command, { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' }[finding.severity]);
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
  assert.ok(severities.has('warning') && [...severities].some((severity) => severity === 'information' || severity === 'hint'), [...severities].join());
  assert.match(lines[0]!, /file=src\/a%2Cb%3Ac%25\.py,line=/);
});

test('an error finding is an ::error command', () => {
  const finding: ReportedFinding = { file: 'm.py', line: 1, column: 2, endLine: 3, endColumn: 4, code: 'MEM101', message: 'm', severity: 'error', scale: 'large', holds: null, fix: null };
  assert.equal(githubCommand(finding, 'generator-in-call'), '::error file=m.py,line=1,col=2,endLine=3,endColumn=4,title=MEM101 (generator-in-call)::m');
});

test('escaping: %, CR and LF everywhere; also , and : in properties; undone exactly by the runner', () => {
  assert.equal(escapeData('50% done\r\nnext: a, b'), '50%25 done%0D%0Anext: a, b');
  assert.equal(escapeProperty('50% done\r\nnext: a, b'), '50%25 done%0D%0Anext%3A a%2C b');
  const alphabet = ['%', '\r', '\n', ',', ':', 'a', ' ', '%25', '😀', '='];
  let seed = 7;
  for (let round = 0; round < 200; round++) {
    let text = '';
    for (let i = 0; i < 12; i++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      text += alphabet[seed % alphabet.length];
    }
    const line = `::warning file=${escapeProperty(text)},title=${escapeProperty(text)}::${escapeData(text)}`;
    assert.ok(!/[\r\n]/.test(line));
    const parsed = parseCommand(line);
    assert.deepEqual(parsed.properties, { file: text, title: text });
    assert.equal(parsed.message, text);
  }
});
