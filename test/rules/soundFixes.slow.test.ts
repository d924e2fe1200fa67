// The texts fixes leave where they used to break the syntax (an escaped brace
// at the start of an f-string field, names run together) parse under every
// CPython here: python3, Debian's /usr/bin/python3, and the python3.X builds
// the suite installs or PATH has. fixes.slow.test.ts runs the same fixture
// under python3 and compares what it prints.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { PYTHON_VERSIONS } from '../../server/src/sizes/cpython';
import { SAFE_AND_UNSAFE, SAFE_ONLY } from '../../server/src/rules/fixes';
import { fixRepeatedly } from '../support/fixing';
import { FIXTURES } from '../support/paths';
import { runPythonJson } from '../support/python';
import { interpretersOf } from '../support/pythons';

const FIXTURE = readFileSync(join(FIXTURES, 'fixes', 'fix_text.py'), 'utf8');

/** Snippets whose fix is unsafe, so the fixture, which must print the same once fixed, cannot hold them. */
const UNSAFE_SNIPPETS: readonly string[] = [
  'print(f"{set([n for n in range(3)])=}")\n',
  'print(f"{set([n for n in range(3)])!r:>20}")\n',
  'import numpy as np\na = np.array([i * 2 for i in range(4)], dtype=int)\nprint(f"{np.array([i for i in range(3)], dtype=float)}")\n',
];

/** Each text, fixed with safe fixes and with all, named for the failure message. */
async function fixedTexts(): Promise<Array<[string, string]>> {
  const texts: Array<[string, string]> = [];
  for (const [name, source] of [['fix_text.py', FIXTURE], ...UNSAFE_SNIPPETS.map((s, i) => [`snippet ${i}`, s])]) {
    for (const [label, allowed] of [
      ['safe', SAFE_ONLY],
      ['all', SAFE_AND_UNSAFE],
    ] as const) {
      const fixed = await fixRepeatedly(source!, allowed);
      assert.ok(fixed.settled, `${name}: ${label} fixes still applied after ${fixed.passes} passes`);
      texts.push([`${name}, ${label} fixes`, fixed.text]);
    }
  }
  return texts;
}

/** The error each text raises under ast.parse, or null. */
const PARSE = [
  'import ast, json, sys',
  'errors = []',
  'for text in json.load(sys.stdin):',
  '    try:',
  '        ast.parse(text)',
  '        errors.append(None)',
  '    except SyntaxError as error:',
  '        errors.append(f"{error.msg} (line {error.lineno})")',
  'print(json.dumps(errors))',
].join('\n');

/** One interpreter per build: python3's own program, /usr/bin/python3, install.sh's or PATH's python3.X. */
const interpreters = [...new Set(PYTHON_VERSIONS.flatMap((version) => interpretersOf(version)))];

describe('fixed texts parse under every CPython here', () => {
  let texts: Promise<Array<[string, string]>> | undefined;
  it('finds an interpreter', () => assert.ok(interpreters.length > 0, 'no CPython here'));
  for (const python of interpreters) {
    it(`ast.parse under ${python}`, async () => {
      texts ??= fixedTexts();
      const fixed = await texts;
      const errors = runPythonJson<Array<string | null>>(
        PARSE,
        fixed.map(([, text]) => text),
        python,
      );
      for (const [index, [name, text]] of fixed.entries()) assert.equal(errors[index], null, `${name}:\n${text}`);
    });
  }
});
