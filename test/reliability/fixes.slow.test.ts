// Every fix on its own, and all fixes together, on the rule and fix fixtures and
// a few stdlib modules that have findings: the result parses without ERROR
// nodes and compiles under python3, and fixing all is idempotent (a second run
// changes nothing). Whole-stdlib compilation runs elsewhere; this stays small.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { applyEdits, SAFE_AND_UNSAFE, SAFE_ONLY } from '../../server/src/rules/fixes';
import { parse, pythonParser } from '../../server/src/document/parser';
import { findingsIn } from '../support/analyze';
import { fixRepeatedly } from '../support/fixing';
import { FIXTURES } from '../support/paths';
import { stdlibFolder } from './fuzz';

const STDLIB_SUBSET = ['argparse.py', 'asyncore.py', 'optparse.py', 'textwrap.py'];

const sources = [
  ...['rules', 'fixes'].flatMap((dir) =>
    readdirSync(join(FIXTURES, dir))
      .filter((name) => name.endsWith('.py'))
      .sort()
      .map((name) => ({ name: `${dir}/${name}`, path: join(FIXTURES, dir, name) })),
  ),
  ...STDLIB_SUBSET.map((name) => ({ name: `stdlib/${name}`, path: join(stdlibFolder(), name) })),
];

const scratch = mkdtempSync(join(tmpdir(), 'memhints-fix-reliability-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** Compiles every text with python3 in one process; returns "label: error" for each that does not compile. */
function compileErrors(texts: readonly { label: string; text: string }[]): string[] {
  const files = texts.map(({ text }, index) => {
    const path = join(scratch, `${index}.py`);
    writeFileSync(path, text);
    return path;
  });
  const script =
    'import json, sys\nfor i, f in enumerate(json.load(sys.stdin)):\n    try:\n        compile(open(f, "rb").read(), f, "exec")\n    except SyntaxError as e:\n        print(i, repr(e))\n';
  const result = spawnSync('python3', ['-c', script], { input: JSON.stringify(files), encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [index, ...error] = line.split(' ');
      return `${texts[Number(index)]!.label}: ${error.join(' ')}`;
    });
}

async function parseErrors(text: string): Promise<boolean> {
  const tree = parse(await pythonParser(), text);
  try {
    return tree.rootNode.hasError;
  } finally {
    tree.delete();
  }
}

let fixesTried = 0;

for (const source of sources) {
  test(`${source.name}: each fix alone and all fixes together parse, compile and settle`, async () => {
    const original = readFileSync(source.path, 'utf8');
    const originalHasErrors = await parseErrors(original);
    const results: { label: string; text: string }[] = [];
    const findings = await findingsIn(original);
    for (const finding of findings) {
      if (!finding.fix) continue;
      fixesTried++;
      const label = `${finding.code} at ${finding.start} (${finding.fix.safety})`;
      const text = applyEdits(original, finding.fix.edits);
      if (!originalHasErrors) assert.equal(await parseErrors(text), false, `${label} leaves a parse error:\n${text}`);
      results.push({ label, text });
    }
    for (const [label, allowed] of [
      ['safe fixes', SAFE_ONLY],
      ['all fixes', SAFE_AND_UNSAFE],
    ] as const) {
      const fixed = await fixRepeatedly(original, allowed);
      assert.ok(fixed.settled, `${label} still apply after ${fixed.passes} passes`);
      const again = await fixRepeatedly(fixed.text, allowed);
      assert.equal(again.passes, 0, `${label}: a second run changes the text again`);
      if (!originalHasErrors) assert.equal(await parseErrors(fixed.text), false, `${label} leave a parse error`);
      results.push({ label, text: fixed.text });
    }
    assert.deepEqual(compileErrors(results), []);
  });
}

test('fixes were tried', (t) => {
  t.diagnostic(`${fixesTried} fixes applied one by one over ${sources.length} files`);
  assert.ok(fixesTried > 50, `only ${fixesTried} fixes`);
});
