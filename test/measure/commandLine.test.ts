// `memhints measure`'s command line: its options, arguments after --, and what
// is refused (cli.slow.test.ts runs the command).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCommandLine } from '../../server/src/cli/args';
import { UsageError } from '../../server/src/cli/errors';

test('the command line: options, arguments after --, and what is refused', () => {
  const command = parseCommandLine([
    'measure',
    'a.py',
    '--python',
    '/usr/bin/python3.11',
    '--timeout',
    '2.5',
    '--memory-limit',
    '512',
    '--top',
    '5',
    '--plot',
    'memory.svg',
    '--frames',
    '8',
    '--',
    '--format',
    'x',
  ]);
  assert.deepEqual(command, {
    kind: 'measure',
    options: {
      file: 'a.py',
      scriptArgs: ['--format', 'x'],
      python: '/usr/bin/python3.11',
      timeoutSeconds: 2.5,
      memoryLimitMb: 512,
      format: 'text',
      top: 5,
      plot: 'memory.svg',
      frames: 8,
    },
  });
  const defaults = parseCommandLine(['measure', 'a.py']);
  assert.ok(defaults.kind === 'measure');
  assert.deepEqual(
    { ...defaults.options, file: undefined },
    {
      file: undefined,
      scriptArgs: [],
      python: 'python3',
      timeoutSeconds: 0,
      memoryLimitMb: 0,
      format: 'text',
      top: 20,
      plot: undefined,
      frames: undefined,
    },
  );
  const help = parseCommandLine(['measure', '--help']);
  assert.ok(help.kind === 'help' && help.text.startsWith('Usage: memhints measure'));
  const refused: readonly [readonly string[], RegExp][] = [
    [['measure'], /needs the Python file/],
    [['measure', 'a.py', 'b.py'], /runs one file; arguments for it go after "--"/],
    [['measure', 'a.py', '--timeout', '0'], /--timeout must be a number of seconds greater than 0/],
    [['measure', 'a.py', '--memory-limit', 'lots'], /--memory-limit must be a number of MiB/],
    [['measure', 'a.py', '--format', 'sarif'], /--format must be one of text, json for memhints measure/],
    [['measure', 'a.py', '--top=-1'], /--top must be a whole number/],
    [['measure', 'a.py', '--plot', 'memory.png'], /--plot writes an SVG file, so its name ends in \.svg/],
    [['check', '--plot', 'x.svg'], /--plot is an option of memhints measure, not of memhints check/],
    [['measure', 'a.py', '--frames', '0'], /--frames must be a whole number of frames from 1 to 65535, not "0"/],
    [['measure', 'a.py', '--frames', '2.5'], /--frames must be a whole number/],
    [['measure', 'a.py', '--fix'], /--fix is not an option of memhints measure/],
    [['check', '--python', 'python3'], /--python is an option of memhints measure, not of memhints check/],
  ];
  for (const [args, says] of refused) {
    assert.throws(
      () => parseCommandLine(args),
      (error: unknown) => error instanceof UsageError && says.test(error.message),
      args.join(' '),
    );
  }
  // "--" still ends check's options: what follows are paths.
  const check = parseCommandLine(['check', 'a', '--', '--odd.py']);
  assert.ok(check.kind === 'check');
  assert.deepEqual(check.options.paths, ['a', '--odd.py']);
});
