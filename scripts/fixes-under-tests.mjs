#!/usr/bin/env node
// A package's own test suite, run before and after memhints fixes its code:
// with the safe fixes no test may start failing; with the unsafe ones too,
// each test that starts failing is traced to the fix responsible, by applying
// the fixes one at a time to a fresh copy. Exits 1 when a safe fix breaks a test.
//
//   npm run fixes-under-tests -- PACKAGE [--python CMD] [--json] -- TEST...
//
// PACKAGE   an installed package's folder (e.g. /usr/lib/python3/dist-packages/networkx),
//           copied, without byte code, into a temporary folder
// TEST      pytest paths or ids relative to the folder that holds PACKAGE
//           (e.g. networkx/algorithms)
// --python  the interpreter that runs pytest (default /usr/bin/python3, where
//           Debian's python3-pytest installs it)
// Every fix is counted, small-scale findings' too (--report-small).
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fixesByFile, runCheck } from './fix-oracle/cli.mjs';
import { readDocument } from './fix-oracle/documents.mjs';
import { applyEdits } from './fix-oracle/positions.mjs';
import { hunkOf } from './fixes-under-tests/hunks.mjs';
import { newFailures, outcomeCounts, runPytest } from './fixes-under-tests/pytest.mjs';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    python: { type: 'string', default: '/usr/bin/python3' },
    json: { type: 'boolean', default: false },
  },
});
const [packageArgument, ...tests] = positionals;
if (!packageArgument || tests.length === 0) fail('name a package folder, then the tests to run');
const packageDir = resolve(packageArgument);
const log = (message) => process.stderr.write(`fixes-under-tests: ${message}\n`);

const work = mkdtempSync(join(tmpdir(), 'memhints-fixes-under-tests-'));
try {
  const pristine = copyPackage(join(work, 'pristine'));
  const report = await runCheck(pristine, 'none');
  const documents = new Map(report.filter((f) => f.fix).map((f) => [f.file, readDocument(join(pristine, f.file))]));
  const fixes = [...fixesByFile(report, documents)].flatMap(([file, list]) => list.map((fix) => ({ ...fix, file })));
  log(`${fixes.length} fixes in ${documents.size} files; running the tests as they are`);
  const baseline = await runPytest(values.python, pristine, tests);

  const figures = {
    package: packageDir,
    python: values.python,
    tests,
    baseline: { ...outcomeCounts(baseline), seconds: baseline.seconds },
    fixes: {
      safe: fixes.filter((fix) => fix.safety === 'safe').length,
      unsafe: fixes.filter((fix) => fix.safety === 'unsafe').length,
      files: documents.size,
    },
  };
  for (const mode of ['safe', 'all']) {
    const copy = copyPackage(join(work, mode));
    await runCheck(copy, mode);
    const changedFiles = [...documents.keys()].filter(
      (file) => readFileSync(join(copy, file), 'utf8') !== readFileSync(join(pristine, file), 'utf8'),
    );
    log(
      `${mode === 'safe' ? 'safe fixes' : 'all fixes'} applied to ${changedFiles.length} files; running the tests again`,
    );
    const after = await runPytest(values.python, copy, tests);
    const broken = newFailures(baseline, after);
    const applied = fixes.filter((fix) => mode === 'all' || fix.safety === 'safe');
    figures[mode] = {
      filesChanged: changedFiles.length,
      after: { ...outcomeCounts(after), seconds: after.seconds },
      newFailures: broken,
      blame: broken.length > 0 ? await blame(pristine, applied, broken) : [],
    };
  }
  process.stdout.write(values.json ? `${JSON.stringify(figures, null, 2)}\n` : reportText(figures));
  process.exitCode = figures.safe.newFailures.length > 0 ? 1 : 0;
} finally {
  rmSync(work, { recursive: true, force: true });
}

/** The package, without byte code, under `to`/<its name>; returns `to`. */
function copyPackage(to) {
  cpSync(packageDir, join(to, basename(packageDir)), {
    recursive: true,
    filter: (source) => basename(source) !== '__pycache__' && !source.endsWith('.pyc'),
  });
  return to;
}

/** Each fix alone, on the pristine copy: the new failures it brings back. */
async function blame(pristine, fixes, broken) {
  const found = [];
  for (const [n, fix] of fixes.entries()) {
    const path = join(pristine, fix.file);
    const original = readFileSync(path, 'utf8');
    writeFileSync(path, applyEdits(original, fix.edits));
    try {
      log(`fix ${n + 1} of ${fixes.length} alone: ${fix.code} in ${fix.file}`);
      const run = await runPytest(values.python, pristine, broken);
      const failing = broken.filter((id) => !['PASSED', 'XFAIL'].includes(run.outcomes.get(id)));
      if (failing.length > 0)
        found.push({ file: fix.file, code: fix.code, safety: fix.safety, ...hunkOf(original, fix), failing });
    } finally {
      writeFileSync(path, original);
    }
  }
  return found;
}

function reportText(figures) {
  const counts = (c) =>
    `${c.PASSED} passed, ${c.FAILED} failed, ${c.ERROR} errors, ${c.SKIPPED} skipped, ${c.XFAIL} xfailed (${c.seconds.toFixed(0)} s)`;
  const lines = [
    `${figures.package} under ${figures.python}: pytest ${figures.tests.join(' ')}`,
    `fixes: ${figures.fixes.safe} safe, ${figures.fixes.unsafe} unsafe, in ${figures.fixes.files} files`,
    `as it is:        ${counts(figures.baseline)}`,
  ];
  for (const [mode, title] of [
    ['safe', 'safe fixes:     '],
    ['all', 'all fixes:      '],
  ]) {
    const result = figures[mode];
    lines.push(
      `${title} ${counts(result.after)}; ${result.filesChanged} files changed, ${result.newFailures.length} tests newly failing`,
    );
    for (const id of result.newFailures) lines.push(`  ${id}`);
    for (const hunk of result.blame) {
      lines.push(`  ${hunk.code} (${hunk.safety}) ${hunk.file}:${hunk.line} breaks ${hunk.failing.length} of them:`);
      lines.push(...hunk.text.split('\n').map((line) => `    ${line}`));
    }
  }
  return `${lines.join('\n')}\n`;
}

function fail(message) {
  console.error(`fixes-under-tests: ${message}`);
  process.exit(2);
}
