// `--format github`: one GitHub Actions workflow command per finding, escaped as
// GitHub documents, so that each becomes an annotation on its line
// (github-cli.slow.test.ts runs the CLI and reads its output back).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escapeData, escapeProperty, githubCommand } from '../../server/src/cli/report/github';
import type { ReportedFinding } from '../../server/src/cli/report/findings';
import { parseCommand } from './workflowCommands';

test('an error finding is an ::error command', () => {
  const finding: ReportedFinding = {
    file: 'm.py',
    line: 1,
    column: 2,
    endLine: 3,
    endColumn: 4,
    code: 'MEM101',
    message: 'm',
    severity: 'error',
    scale: 'large',
    holds: null,
    fix: null,
  };
  assert.equal(
    githubCommand(finding, 'generator-in-call'),
    '::error file=m.py,line=1,col=2,endLine=3,endColumn=4,title=MEM101 (generator-in-call)::m',
  );
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
