// Fixes are checked by running code: every test/fixtures/fixes/*.py is a
// script that prints what it computes; with all fixes applied (safe and
// unsafe) it must still parse, run and print exactly the same, and so must a
// MEMxxx_topic.py with its rule's fixes alone. The rule fixtures, full of odd
// shapes, must compile before and after their fixes.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { SAFE_AND_UNSAFE, SAFE_ONLY } from '../../server/src/rules/fixes';
import { parse, pythonParser } from '../../server/src/document/parser';
import { ruleByCode } from '../../server/src/rules';
import { fixRepeatedly } from '../support/fixing';
import { FIXTURES } from '../support/paths';
import { runPythonScript, type ScriptRun } from '../support/python';

const FIX_FIXTURES = join(FIXTURES, 'fixes');
const RULE_FIXTURES = join(FIXTURES, 'rules');
const scratch = mkdtempSync(join(tmpdir(), 'memhints-fixes-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

function runPython(name: string, text: string, args: readonly string[] = []): ScriptRun {
  return runPythonScript(scratch, name, text, args);
}

async function hasSyntaxErrors(text: string): Promise<boolean> {
  const tree = parse(await pythonParser(), text);
  try {
    return tree.rootNode.hasError;
  } finally {
    tree.delete();
  }
}

const scripts = readdirSync(FIX_FIXTURES)
  .filter((name) => name.endsWith('.py'))
  .sort();

test('there are fix fixtures', () => {
  assert.ok(scripts.length > 0, `no scripts in ${FIX_FIXTURES}`);
});

for (const script of scripts) {
  test(`${script}: fixed script prints the same as the original`, async () => {
    const original = readFileSync(join(FIX_FIXTURES, script), 'utf8');
    const before = runPython(`original-${script}`, original);
    assert.equal(before.status, 0, `the original fails:\n${before.stderr}`);

    const fixed = await fixRepeatedly(original, SAFE_AND_UNSAFE);
    assert.ok(fixed.settled, `fixes still applied after ${fixed.passes} passes`);
    assert.notEqual(fixed.text, original, 'no fix applied');
    assert.equal(await hasSyntaxErrors(fixed.text), false, `the fixed text does not parse:\n${fixed.text}`);
    const afterAll = runPython(`fixed-${script}`, fixed.text);
    assert.equal(afterAll.status, 0, `the fixed script fails:\n${afterAll.stderr}\n${fixed.text}`);
    assert.equal(afterAll.stdout, before.stdout);

    const safe = await fixRepeatedly(original, SAFE_ONLY);
    assert.ok(safe.settled, `safe fixes still applied after ${safe.passes} passes`);
    const afterSafe = runPython(`safe-${script}`, safe.text);
    assert.equal(afterSafe.status, 0, `the script with safe fixes fails:\n${afterSafe.stderr}\n${safe.text}`);
    assert.equal(afterSafe.stdout, before.stdout);
  });
}

/** Fix fixtures named after one rule: MEMxxx_topic.py. */
const ruleFixScripts = scripts.flatMap((script) => {
  const rule = ruleByCode(/^(MEM\d+)_/.exec(script)?.[1] ?? '');
  return rule ? [{ script, rule }] : [];
});

for (const { script, rule } of ruleFixScripts) {
  test(`${script}: python3 prints the same before and after the ${rule.code} fixes alone`, async () => {
    const original = readFileSync(join(FIX_FIXTURES, script), 'utf8');
    const before = runPython(`alone-original-${script}`, original);
    assert.equal(before.status, 0, `the original fails:\n${before.stderr}`);
    const everything = await fixRepeatedly(original, SAFE_AND_UNSAFE, [rule]);
    assert.ok(everything.settled, `fixes still applied after ${everything.passes} passes`);
    assert.notEqual(everything.text, original, `no ${rule.code} fix applied`);
    const variants = new Map([['all fixes', everything.text]]);
    const safeOnly = await fixRepeatedly(original, SAFE_ONLY, [rule]);
    if (safeOnly.text !== original && safeOnly.text !== everything.text) variants.set('safe fixes', safeOnly.text);
    for (const [label, text] of variants) {
      const after = runPython(`alone-fixed-${script}`, text);
      assert.equal(after.status, 0, `${label}: ${after.stderr}\n${text}`);
      assert.equal(after.stdout, before.stdout, `${label} changed the output:\n${text}`);
    }
  });
}

const ruleFixtures = readdirSync(RULE_FIXTURES)
  .filter((name) => name.endsWith('.py'))
  .sort();

for (const fixture of ruleFixtures) {
  test(`${fixture}: compiles before and after its fixes`, async () => {
    const original = readFileSync(join(RULE_FIXTURES, fixture), 'utf8');
    const compiled = runPython(`original-${fixture}`, original, ['-m', 'py_compile']);
    assert.equal(compiled.status, 0, `the fixture itself does not compile:\n${compiled.stderr}`);
    for (const [label, allowed] of [
      ['safe', SAFE_ONLY],
      ['all', SAFE_AND_UNSAFE],
    ] as const) {
      const fixed = await fixRepeatedly(original, allowed);
      assert.ok(fixed.settled, `${label} fixes still applied after ${fixed.passes} passes`);
      assert.equal(await hasSyntaxErrors(fixed.text), false, `${label} fixes leave a parse error`);
      const result = runPython(`${label}-${fixture}`, fixed.text, ['-m', 'py_compile']);
      assert.equal(result.status, 0, `${label} fixes do not compile:\n${result.stderr}\n${fixed.text}`);
    }
  });
}
