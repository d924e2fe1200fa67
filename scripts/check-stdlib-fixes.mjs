#!/usr/bin/env node
// Applies every fix, unsafe ones included, to a copy of CPython's standard
// library and checks the result: each changed file must still compile, and a
// second fix run must change nothing. Exits 1 on any failure.
//
//   node scripts/check-stdlib-fixes.mjs [--stdlib DIR] [--only PATH]... [--json] [--keep]
//
// --stdlib  the library to copy (default: the stdlib of `python3`); site-packages is left out
// --only    check only these files, relative to the library (repeatable)
// --json    print the figures as one JSON object instead of text
// --keep    leave the copy in place and print where it is
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'bin', 'memhints.js');
/** Not part of the library proper: installed packages and byte code. */
const LEFT_OUT = new Set(['site-packages', '__pycache__']);

const { values } = parseArgs({
  options: {
    stdlib: { type: 'string' },
    only: { type: 'string', multiple: true },
    json: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});

const stdlib = resolve(values.stdlib ?? pythonStdlib());
if (!existsSync(stdlib)) fail(`no standard library at ${stdlib}`);
if (!existsSync(join(ROOT, 'dist', 'cli.js'))) fail('dist/ is missing: run `npm run build` first');

const work = mkdtempSync(join(tmpdir(), 'memhints-stdlib-'));
const copy = join(work, 'lib');
try {
  const files = copyLibrary(stdlib, copy, values.only);
  const original = snapshot(copy, files);

  const first = runFix(copy);
  const afterFirst = snapshot(copy, files);
  const changed = files.filter((file) => afterFirst.get(file) !== original.get(file));

  const compileFailures = compileFailuresOf(stdlib, copy, changed);

  const second = runFix(copy);
  const afterSecond = snapshot(copy, files);
  const secondRunChanged = files.filter((file) => afterSecond.get(file) !== afterFirst.get(file));

  const figures = {
    stdlib,
    files: files.length,
    filesChanged: changed.length,
    fixesApplied: first.fixed,
    compileFailures,
    secondRunFixes: second.fixed,
    secondRunChanged,
    changed,
  };
  const failed = compileFailures.length > 0 || secondRunChanged.length > 0 || second.fixed > 0;
  if (values.json) {
    console.log(JSON.stringify(figures, null, 2));
  } else {
    console.log(`standard library:        ${stdlib}`);
    console.log(`files:                   ${figures.files}`);
    console.log(`files changed:           ${figures.filesChanged}`);
    console.log(`fixes applied:           ${figures.fixesApplied}`);
    console.log(`compile failures:        ${compileFailures.length}`);
    for (const failure of compileFailures) console.log(`  ${failure.file}: ${failure.error}`);
    console.log(`second run: fixes        ${second.fixed}`);
    console.log(`second run: files changed ${secondRunChanged.length}`);
    for (const file of secondRunChanged) console.log(`  ${file}`);
    console.log(failed ? 'FAILED' : 'OK');
  }
  if (values.keep) console.error(`the fixed copy is in ${copy}`);
  process.exitCode = failed ? 1 : 0;
} finally {
  if (!values.keep) rmSync(work, { recursive: true, force: true });
}

function pythonStdlib() {
  const result = spawnSync('python3', ['-c', 'import sysconfig; print(sysconfig.get_paths()["stdlib"])'], {
    encoding: 'utf8',
  });
  if (result.status !== 0)
    fail(`python3 could not tell where its standard library is: ${result.stderr || result.error}`);
  return result.stdout.trim();
}

/** Copies the *.py files (all, or the ones named) and returns their paths relative to the copy. */
function copyLibrary(from, to, only) {
  const files = only ? [...only] : pythonFiles(from);
  for (const file of files) {
    const source = join(from, file);
    if (!existsSync(source)) fail(`${file} is not in ${from}`);
    mkdirSync(dirname(join(to, file)), { recursive: true });
    cpSync(source, join(to, file));
  }
  return files.sort();
}

function pythonFiles(directory, base = directory) {
  const found = [];
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    if (LEFT_OUT.has(entry.name)) continue;
    const path = join(directory, entry.name);
    if (entry.isDirectory()) found.push(...pythonFiles(path, base));
    else if (entry.isFile() && entry.name.endsWith('.py')) found.push(relative(base, path).split(sep).join('/'));
  }
  return found;
}

function snapshot(directory, files) {
  return new Map(
    files.map((file) => [
      file,
      createHash('sha256')
        .update(readFileSync(join(directory, file)))
        .digest('hex'),
    ]),
  );
}

/** Runs `memhints check --fix --unsafe-fixes --report-small` over the copy (every fix, whatever its scale); the number of fixes comes from its summary. */
function runFix(directory) {
  const result = spawnSync(
    process.execPath,
    [
      CLI,
      'check',
      '.',
      '--fix',
      '--unsafe-fixes',
      '--report-small',
      '--exit-zero',
      '--no-progress',
      '--format',
      'json',
    ],
    {
      cwd: directory,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    },
  );
  // Exit 2 also reports files it could not read (the stdlib has a few in legacy encodings); the others are fixed.
  if (result.status !== 0 && result.status !== 2)
    fail(`memhints check --fix failed (${result.status}):\n${result.stderr}`);
  const summary = /Fixed (\d+) findings? in (\d+) files?/.exec(result.stderr);
  return { fixed: summary ? Number(summary[1]) : 0, stderr: result.stderr };
}

/**
 * The changed files that no longer compile, in one python3 process. A file
 * that did not compile before the fixes (the test suite keeps some on
 * purpose) is not counted.
 */
function compileFailuresOf(before, after, files) {
  const script = [
    'import json, py_compile, sys, tempfile, os',
    'request = json.load(sys.stdin)',
    'scratch = tempfile.TemporaryDirectory()',
    'out = os.path.join(scratch.name, "x.pyc")',
    'def error(path):',
    '    try:',
    '        py_compile.compile(path, cfile=out, doraise=True)',
    '        return None',
    '    except py_compile.PyCompileError as e:',
    '        return str(e.exc_value).strip().splitlines()[-1]',
    'failures = []',
    'for f in request["files"]:',
    '    if error(os.path.join(request["before"], f)) is not None: continue',
    '    message = error(os.path.join(request["after"], f))',
    '    if message is not None: failures.append({"file": f, "error": message})',
    'json.dump(failures, sys.stdout)',
    'scratch.cleanup()',
  ].join('\n');
  const result = spawnSync('python3', ['-c', script], {
    input: JSON.stringify({ before, after, files }),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) fail(`python3 could not compile the fixed files:\n${result.stderr}`);
  return JSON.parse(result.stdout);
}

function fail(message) {
  console.error(`check-stdlib-fixes: ${message}`);
  process.exit(1);
}
