// The command line → the options of a check.
import assert from 'node:assert/strict';
import { availableParallelism } from 'node:os';
import { test } from 'node:test';
import { defaultJobs, parseCommandLine } from '../../server/src/cli/args';
import { UsageError } from '../../server/src/cli/errors';

function checkOptions(argv: readonly string[]) {
  const command = parseCommandLine(argv);
  assert.equal(command.kind, 'check');
  return command.kind === 'check' ? command.options : assert.fail();
}

test('no path means the current directory; defaults are text, no fixes, progress on, one job per core left idle', () => {
  const options = checkOptions(['check']);
  assert.ok(options.jobs >= 1 && options.jobs <= availableParallelism(), String(options.jobs));
  assert.deepEqual(
    { ...options, jobs: 0 },
    {
      paths: ['.'],
      format: 'text',
      fix: false,
      unsafeFixes: false,
      diff: false,
      statistics: false,
      select: [],
      ignore: [],
      exclude: [],
      ignoreNoqa: false,
      reportSmall: false,
      exitZero: false,
      progress: true,
      jobs: 0,
      maxFileSize: 2 * 1024 * 1024,
    },
  );
});

test('the default jobs: this thread and one per core the load average leaves idle, in part or whole', () => {
  assert.equal(defaultJobs(2, 0.1), 2);
  assert.equal(defaultJobs(2, 1.5), 2);
  assert.equal(defaultJobs(2, 1.99), 2);
  assert.equal(defaultJobs(2, 2), 1);
  assert.equal(defaultJobs(2, 11.5), 1);
  assert.equal(defaultJobs(8, 3.2), 6);
  assert.equal(defaultJobs(4, 0), 4);
  assert.equal(defaultJobs(1, 0), 1);
});

test('--jobs takes a whole number of at least 1', () => {
  assert.equal(checkOptions(['check', '--jobs', '3']).jobs, 3);
  assert.equal(checkOptions(['check', '-j', '1']).jobs, 1);
  for (const bad of ['0', '-2', '1.5', 'many', '']) {
    assert.throws(
      () => parseCommandLine(['check', `--jobs=${bad}`]),
      (error: unknown) => error instanceof UsageError && /--jobs/.test(error.message),
      bad,
    );
  }
});

test('comma lists and repeated options add up; codes are upper-cased', () => {
  const options = checkOptions([
    'check',
    'a',
    '--select',
    'mem101, MEM1',
    '--select=MEM2',
    '--exclude',
    'x/,y',
    '--exclude',
    'z',
    'b',
    '--no-progress',
  ]);
  assert.deepEqual(options.paths, ['a', 'b']);
  assert.deepEqual(options.select, ['MEM101', 'MEM1', 'MEM2']);
  assert.deepEqual(options.exclude, ['x/', 'y', 'z']);
  assert.equal(options.progress, false);
});

test('help and version', () => {
  assert.equal(parseCommandLine(['--version']).kind, 'version');
  assert.equal(parseCommandLine(['-h']).kind, 'help');
  const checkHelp = parseCommandLine(['check', '--help']);
  assert.ok(checkHelp.kind === 'help' && checkHelp.text.startsWith('Usage: memhints check'));
});

test('bad input is a UsageError', () => {
  for (const argv of [['check', '--nope'], ['check', '--format', 'xml'], ['check', '--ignore', 'W605'], ['fix'], []]) {
    assert.throws(() => parseCommandLine(argv), UsageError, argv.join(' '));
  }
});

test('formats: text, json, sarif and github; --diff only with text, --statistics only with text or json', () => {
  for (const format of ['text', 'json', 'sarif', 'github'])
    assert.equal(checkOptions(['check', '--format', format]).format, format);
  assert.equal(checkOptions(['check', '--statistics']).statistics, true);
  assert.equal(checkOptions(['check', '--statistics', '--format', 'json', '--fix']).statistics, true);
  for (const argv of [
    ['check', '--diff', '--format', 'sarif'],
    ['check', '--diff', '--format', 'github'],
    ['check', '--statistics', '--diff'],
    ['check', '--statistics', '--format', 'sarif'],
    ['check', '--statistics', '--format', 'github'],
    ['check', '--all'],
  ]) {
    assert.throws(() => parseCommandLine(argv), UsageError, argv.join(' '));
  }
});

test('rule CODE names one rule, case-insensitively; rule --all lists them; anything else is a UsageError', () => {
  const command = parseCommandLine(['rule', 'mem103']);
  assert.ok(command.kind === 'rule' && command.rule.code === 'MEM103');
  assert.equal(parseCommandLine(['rule', '--all']).kind, 'rules');
  const help = parseCommandLine(['rule', '--help']);
  assert.ok(help.kind === 'help' && help.text.startsWith('Usage: memhints rule CODE'));
  assert.throws(
    () => parseCommandLine(['rule', 'MEM999']),
    (error: unknown) => error instanceof UsageError && error.message === 'unknown rule "MEM999"',
  );
  for (const argv of [
    ['rule'],
    ['rule', 'MEM101', 'MEM102'],
    ['rule', 'MEM101', '--all'],
    ['rule', 'MEM101', '--fix'],
    ['rule', '--all', '--format', 'json'],
  ]) {
    assert.throws(() => parseCommandLine(argv), UsageError, argv.join(' '));
  }
});
