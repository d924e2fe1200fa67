// The README's command-line section keeps up with the command line.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { OUTPUT_FORMATS } from '../../server/src/cli/args';
import { EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS } from '../../server/src/cli/check';
import { CHECK_HELP } from '../../server/src/cli/help';
import { REPO_ROOT } from '../support/paths';

const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
const section = readme.slice(
  readme.indexOf('## Command line'),
  readme.indexOf('\n## ', readme.indexOf('## Command line') + 1),
);

test('the Command line section lists every output format, --statistics and memhints rule', () => {
  assert.ok(section.length > 0);
  assert.ok(section.includes(`--format ${OUTPUT_FORMATS.join('|')}`), 'the synopsis names the formats');
  for (const format of OUTPUT_FORMATS) assert.ok(section.includes(`- \`${format}\``), `format ${format} is described`);
  for (const words of ['--statistics', 'memhints rule CODE', 'memhints rule --all'])
    assert.ok(section.includes(words), words);
});

test('every option that check --help lists is in the README synopsis', () => {
  const options = [...CHECK_HELP.matchAll(/^ {2}(?:-[a-zA-Z], )?(--[a-z-]+)/gm)]
    .map((match) => match[1]!)
    .filter((option) => option !== '--help');
  assert.ok(options.length >= 10, options.join(' '));
  for (const option of options) assert.ok(section.includes(option), option);
});

test('the README documents every exit code check --help lists, and that --exit-zero keeps 2', () => {
  const help = CHECK_HELP.slice(CHECK_HELP.indexOf('Exit codes:'));
  const codes = [...help.matchAll(/^ {2}(\d) /gm)].map((match) => match[1]!);
  assert.deepEqual(codes, [EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR].map(String));
  const part = section.slice(section.indexOf('### Exit codes'));
  assert.ok(part.length > 0 && section.includes('### Exit codes'));
  for (const code of codes) assert.ok(part.includes(`- \`${code}\`:`), `exit code ${code}`);
  assert.match(part, /`--exit-zero` does\s+not turn this into 0/);
});
