#!/usr/bin/env node
// The fix oracle: every fix `memhints check` offers in the corpora, safe and
// unsafe, judged by CPython's own parser under each interpreter here. A fixed
// text must parse; its tree must differ from the original by exactly the
// transformation its rule makes (scripts/fix-oracle/python/transformations/);
// a safe fix must keep every comment; applying the fixes one by one, in
// several orders, must end where `--fix` ends; and a second run must find
// nothing left to fix. See docs/fixes.md. Exits 1 on any failure.
//
//   npm run fix-oracle -- [DIR[=LABEL]]... [--stdlibs] [--sample N] [--seed S]
//                         [--orders K] [--target-version 3.X] [--python CMD]...
//                         [--json] [--keep]
//
// DIR              a corpus of *.py and *.ipynb files (label: its folder's name)
// --stdlibs        add the standard library of every interpreter found, each
//                  checked as code for its own version
// --sample N       N files per corpus, drawn (seeded) among those that show a
//                  shape some fix rewrites; default: every file
// --orders K       orders to apply each file's fixes one by one in (default 3)
// --target-version the Python version the corpora's code targets (default 3.11)
// --python CMD     one more interpreter to parse with (repeatable)
// --json           print the figures as JSON
// --keep           keep the workspace (the copies and their fixed versions)
import { parseArgs } from 'node:util';
import { DEFAULT_PYTHON_VERSION, PYTHON_VERSIONS } from './fix-oracle/compiled.mjs';
import { corpusArgument } from './fix-oracle/corpora.mjs';
import { findInterpreters } from './fix-oracle/interpreters.mjs';
import { runOracle } from './fix-oracle/oracle.mjs';
import { reportText } from './fix-oracle/report.mjs';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    stdlibs: { type: 'boolean', default: false },
    sample: { type: 'string' },
    seed: { type: 'string', default: '1' },
    orders: { type: 'string', default: '3' },
    'target-version': { type: 'string', default: DEFAULT_PYTHON_VERSION },
    python: { type: 'string', multiple: true, default: [] },
    json: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});

const interpreters = findInterpreters(values.python);
if (interpreters.length === 0) fail('no Python interpreter found');
const target = values['target-version'];
if (!PYTHON_VERSIONS.includes(target)) fail(`--target-version must be one of ${PYTHON_VERSIONS.join(', ')}`);
const corpora = positionals.map((argument) => corpusArgument(argument, target));
if (values.stdlibs) {
  for (const python of interpreters) {
    const version = PYTHON_VERSIONS.includes(python.version) ? python.version : target;
    corpora.push({ label: `stdlib ${python.full} ${python.stdlib}`, dir: python.stdlib, pythonVersion: version });
  }
}
if (corpora.length === 0) fail('name a folder to check, or --stdlibs');
if (new Set(corpora.map((corpus) => corpus.label)).size !== corpora.length) fail('two corpora have the same label');

const figures = await runOracle({
  corpora,
  interpreters,
  sample: values.sample === undefined ? undefined : positiveInteger(values.sample, '--sample'),
  seed: positiveInteger(values.seed, '--seed'),
  orders: positiveInteger(values.orders, '--orders'),
  keep: values.keep,
  log: (message) => process.stderr.write(`fix-oracle: ${message}\n`),
});
process.stdout.write(values.json ? `${JSON.stringify(figures, null, 2)}\n` : reportText(figures));
process.exitCode = figures.totals.failures > 0 ? 1 : 0;

function positiveInteger(text, option) {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) fail(`${option} takes a positive integer`);
  return value;
}

function fail(message) {
  console.error(`fix-oracle: ${message}`);
  process.exit(2);
}
