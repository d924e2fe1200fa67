#!/usr/bin/env node
// Recall of memhints on the peers' own test fixtures: for each peer rule about memory, the
// lines the peer flags in its fixtures, and whether memhints reports a finding there (any
// rule, or the rule that covers the same shape). Prints a markdown table.
//
//   node scripts/peer-recall.mjs [--ruff DIR] [--refurb DIR] [--perflint DIR] [--details]
//
// --ruff      Ruff's crates/ruff_linter/resources/test/fixtures: each rule's fixtures are
//             checked by Ruff's WASM build (the npm dependency) with only that rule selected,
//             as Ruff's own tests do (target 3.15 for *_py315.py, preview for C419_1.py).
// --refurb    refurb's test/data: the expected output in err_*.txt says which lines it flags.
// --perflint  Perflint's tests/: each test_*.py method checks a snippet and expects a message
//             or none; a snippet is flagged as a whole (Perflint's tests name no line).
// --details   after the table, every missed peer line and every memhints finding on a line
//             the peer does not flag, with its source text, for reading.
//
// memhints runs once over every file, as `memhints check --format json --report-small
// --ignore-noqa` (the fixtures' noqa comments are aimed at the peer), from the build in dist/
// (`npm run build` first). docs/precision.md
// ("Recall on the peers' own fixtures") says where to get the fixtures and reads the result.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { PositionEncoding, Workspace } from '@astral-sh/ruff-wasm-nodejs';

// The peers' rules about memory, with the memhints rules that cover the same shape ([] where
// none does). Which peer rules are left out, and why, is in docs/precision.md.
const RUFF_RULES = [
  { code: 'C403', dir: 'flake8_comprehensions', covers: ['MEM101'] }, // set([comprehension])
  { code: 'C404', dir: 'flake8_comprehensions', covers: ['MEM101'] }, // dict([comprehension])
  { code: 'C405', dir: 'flake8_comprehensions', covers: [] }, // set([1, 2]): a display copied
  { code: 'C406', dir: 'flake8_comprehensions', covers: [] }, // dict([(1, 2)]): a display copied
  { code: 'C409', dir: 'flake8_comprehensions', covers: [] }, // tuple([1, 2]): a display copied
  { code: 'C410', dir: 'flake8_comprehensions', covers: [] }, // list([1, 2]): a display copied
  { code: 'C411', dir: 'flake8_comprehensions', covers: ['MEM101'] }, // list([comprehension])
  { code: 'C413', dir: 'flake8_comprehensions', covers: ['MEM105'] }, // list(sorted(x)), reversed(sorted(x))
  { code: 'C414', dir: 'flake8_comprehensions', covers: ['MEM105'] }, // sorted(list(x)), set(sorted(x))…
  { code: 'C415', dir: 'flake8_comprehensions', covers: ['MEM105'] }, // set(x[::-1]): a reversed copy
  { code: 'C418', dir: 'flake8_comprehensions', covers: [] }, // dict({}): a display copied
  { code: 'C419', dir: 'flake8_comprehensions', covers: ['MEM101'] }, // any([comprehension])
  { code: 'PERF101', dir: 'perflint', covers: ['MEM102'] }, // for x in list(xs)
  { code: 'FURB129', dir: 'refurb', covers: ['MEM106'] }, // for line in f.readlines()
  { code: 'FURB187', dir: 'refurb', covers: [] }, // xs = xs[::-1]
  { code: 'FURB192', dir: 'refurb', covers: ['MEM110'] }, // sorted(xs)[0]
  { code: 'RUF015', dir: 'ruff', covers: ['MEM110'] }, // list(xs)[0]
  { code: 'RUF017', dir: 'ruff', covers: ['MEM205'] }, // sum(lists, [])
];
/** refurb's own rules (not in Ruff) about memory. */
const REFURB_RULES = [
  { code: 'FURB137', covers: ['MEM101', 'MEM105'] }, // tuple([comprehension]), set({comprehension}) among its shapes
  { code: 'FURB179', covers: ['MEM205', 'MEM111'] }, // sum(rows, []), reduce(concat, rows), chain(*rows) among its shapes
  { code: 'FURB185', covers: [] }, // d.copy() | other
  { code: 'FURB186', covers: [] }, // xs = sorted(xs)
];
/** Perflint's own rules (not in Ruff) about memory, by the message its tests expect. */
const PERFLINT_RULES = [
  { code: 'W8204', message: 'memoryview-over-bytes', covers: [] }, // bytes sliced in a loop
  { code: 'W8301', message: 'use-tuple-over-list', covers: [] }, // a list display never changed
];

const { values } = parseArgs({
  options: {
    ruff: { type: 'string' },
    refurb: { type: 'string' },
    perflint: { type: 'string' },
    details: { type: 'boolean', default: false },
  },
});
if (!values.ruff && !values.refurb && !values.perflint) {
  console.error('usage: node scripts/peer-recall.mjs [--ruff DIR] [--refurb DIR] [--perflint DIR] [--details]');
  process.exit(2);
}

const scratch = mkdtempSync(join(tmpdir(), 'peer-recall-'));
try {
  /** Per peer rule: the files it was run on and the line ranges it flags in them. */
  const rules = [];
  if (values.ruff) rules.push(...RUFF_RULES.map((rule) => ruffRule(resolve(values.ruff), rule)));
  if (values.refurb) rules.push(...refurbRules(resolve(values.refurb)));
  if (values.perflint) rules.push(...perflintRules(resolve(values.perflint), join(scratch, 'perflint')));

  const findings = memhintsFindings([...new Set(rules.flatMap((rule) => rule.files))]);
  const rows = rules.map((rule) => score(rule, findings));
  console.log(table(rows));
  if (values.details) console.log(details(rows));
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

/** Ruff's fixtures for one rule (`C419.py`, `C419_1.py`…), checked with only that rule selected. */
function ruffRule(root, { code, dir, covers }) {
  const folder = join(root, dir);
  const names = (existsSync(folder) ? readdirSync(folder) : []).filter((name) =>
    new RegExp(`^${code}(_[^.]*)?\\.py$`).test(name),
  );
  const files = names.map((name) => join(folder, name));
  const flagged = files.flatMap((file) => {
    const workspace = new Workspace(ruffSettings(code, basename(file)), PositionEncoding.Utf16);
    return workspace
      .check(readFileSync(file, 'utf8'))
      .filter((diagnostic) => diagnostic.code !== null) // syntax errors have no code
      .map((diagnostic) => ({ file, start: diagnostic.start_location.row, end: diagnostic.end_location.row }));
  });
  return { peer: 'Ruff', code, covers, files, findings: flagged.length, flagged: mergeByLine(flagged) };
}

/** The settings Ruff's own tests use for a fixture (crates/ruff_linter/src/rules/…/mod.rs). */
function ruffSettings(code, name) {
  const settings = { lint: { select: [code], preview: name === 'C419_1.py' } };
  const version = /_py(3)(\d+)\.py$/.exec(name);
  if (version) settings['target-version'] = `py${version[1]}${version[2]}`;
  return settings;
}

/** refurb's expected output: `test/data/err_186.py:5:1 [FURB186]: Replace …` in each .txt file. */
function refurbRules(root) {
  const expected = readdirSync(root)
    .filter((name) => name.endsWith('.txt'))
    .flatMap((name) =>
      readFileSync(join(root, name), 'utf8')
        .split('\n')
        .map((line) => /^(.+?\.py):(\d+):\d+ \[(FURB\d+)\]:/.exec(line))
        .filter((match) => match !== null)
        .map(([, path, line, code]) => ({ file: join(root, basename(path)), line: Number(line), code })),
    );
  return REFURB_RULES.map(({ code, covers }) => {
    const own = expected.filter((entry) => entry.code === code);
    const flagged = own.map(({ file, line }) => ({ file, start: line, end: line }));
    const files = [...new Set(own.map((entry) => entry.file))];
    return { peer: 'refurb', code, covers, files, findings: flagged.length, flagged: mergeByLine(flagged) };
  });
}

/**
 * Perflint's tests: each `def test_…(self)` extracts a snippet with `astroid.extract_node("""…""")`
 * and expects `assertAddedMessage("name")` or `assertNoMessages()`. Every snippet of a test file
 * that expects the rule's message somewhere is written out and checked; the snippets expecting
 * it are the peer's flagged units, whole.
 */
function perflintRules(root, out) {
  mkdirSync(out, { recursive: true });
  const snippets = readdirSync(root)
    .filter((name) => /^test_.*\.py$/.test(name))
    .flatMap((name) => testSnippets(name, readFileSync(join(root, name), 'utf8')));
  for (const snippet of snippets) writeFileSync(join(out, snippet.name), snippet.text);
  return PERFLINT_RULES.map(({ code, message, covers }) => {
    const testFiles = new Set(snippets.filter((s) => s.expects.includes(message)).map((s) => s.testFile));
    const mine = snippets.filter((s) => testFiles.has(s.testFile));
    const flagged = mine
      .filter((s) => s.expects.includes(message))
      .map((s) => ({ file: join(out, s.name), start: 1, end: s.text.split('\n').length }));
    return {
      peer: 'Perflint',
      code,
      covers,
      files: mine.map((s) => join(out, s.name)),
      findings: flagged.length,
      flagged,
    };
  });
}

function testSnippets(testFile, source) {
  return source.split(/\n(?= {4}def test_)/).flatMap((method) => {
    const name = /^ {4}def (test_\w+)\(/.exec(method)?.[1];
    const text = /extract_node\(\s*("""|''')([\s\S]*?)\1/.exec(method)?.[2];
    if (!name || text === undefined) return [];
    const expects = [...method.matchAll(/assertAddedMessage\(\s*["']([\w-]+)["']/g)].map((m) => m[1]);
    return [{ testFile, name: `${testFile.replace(/\.py$/, '')}__${name}.py`, text: dedent(text), expects }];
  });
}

function dedent(text) {
  const lines = text.replace(/^\n/, '').split('\n');
  const indents = lines.filter((line) => line.trim() !== '').map((line) => /^ */.exec(line)[0].length);
  const indent = Math.min(...indents);
  return lines.map((line) => line.slice(indent)).join('\n');
}

/** One flagged unit per line a finding starts on (two findings on one line are one line to cover). */
function mergeByLine(flagged) {
  const byLine = new Map();
  for (const unit of flagged) {
    const key = `${unit.file}:${unit.start}`;
    const seen = byLine.get(key);
    byLine.set(key, seen ? { ...seen, end: Math.max(seen.end, unit.end) } : unit);
  }
  return [...byLine.values()];
}

/** memhints' findings on every file, by absolute path. */
function memhintsFindings(files) {
  const repository = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const cli = join(repository, 'bin', 'memhints.js');
  const args = [
    'check',
    ...files,
    '--format',
    'json',
    '--report-small',
    '--ignore-noqa',
    '--exit-zero',
    '--no-progress',
  ];
  const run = spawnSync(process.execPath, [cli, ...args], { cwd: scratch, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (run.status !== 0) throw new Error(`memhints failed (${run.status}): ${run.stderr}`);
  const byFile = new Map();
  for (const finding of JSON.parse(run.stdout)) {
    const file = resolve(scratch, finding.file);
    byFile.set(file, [...(byFile.get(file) ?? []), finding]);
  }
  return byFile;
}

function overlaps(unit, finding) {
  return finding.line <= unit.end && finding.endLine >= unit.start;
}

function score(rule, findings) {
  const units = rule.flagged.map((unit) => {
    const there = (findings.get(unit.file) ?? []).filter((finding) => overlaps(unit, finding));
    return { ...unit, codes: [...new Set(there.map((finding) => finding.code))] };
  });
  const elsewhere = rule.files.flatMap((file) =>
    (findings.get(file) ?? [])
      .filter((finding) => !rule.flagged.some((unit) => unit.file === file && overlaps(unit, finding)))
      .map((finding) => ({ ...finding, file })),
  );
  return {
    ...rule,
    units,
    anyRule: units.filter((unit) => unit.codes.length > 0).length,
    sameRule: units.filter((unit) => unit.codes.some((code) => rule.covers.includes(code))).length,
    elsewhere,
  };
}

function percent(part, whole) {
  return whole === 0 ? '–' : `${Math.round((100 * part) / whole)}%`;
}

function countByCode(findings) {
  const counts = new Map();
  for (const finding of findings) counts.set(finding.code, (counts.get(finding.code) ?? 0) + 1);
  return [...counts]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, n]) => `${code} ${n}`)
    .join(', ');
}

function table(rows) {
  const lines = [
    '| peer | rule | memhints rule | files | peer findings | peer lines | memhints, any rule | recall, any rule | memhints, that rule | recall, that rule | memhints on other lines |',
    '|---|---|---|---:|---:|---:|---:|---:|---:|---:|---|',
  ];
  for (const row of rows) {
    const n = row.units.length;
    const covers = row.covers.length > 0 ? row.covers.join(', ') : '—';
    const same = row.covers.length > 0 ? [row.sameRule, percent(row.sameRule, n)] : ['–', '–'];
    const other = row.elsewhere.length > 0 ? `${row.elsewhere.length} (${countByCode(row.elsewhere)})` : '0';
    lines.push(
      `| ${row.peer} | ${row.code} | ${covers} | ${row.files.length} | ${row.findings} | ${n} | ${row.anyRule} | ${percent(row.anyRule, n)} | ${same.join(' | ')} | ${other} |`,
    );
  }
  const covered = rows.filter((row) => row.covers.length > 0);
  lines.push(totalRow('**rules memhints covers**', covered, true), totalRow('**all**', rows, false));
  return lines.join('\n');
}

/** A bold sum of the rows' counts; the same-rule count only for rows that name a memhints rule. */
function totalRow(label, rows, withSameRule) {
  const sum = (count) => rows.reduce((total, row) => total + count(row), 0);
  const n = sum((row) => row.units.length);
  const any = sum((row) => row.anyRule);
  const same = sum((row) => row.sameRule);
  const cells = [
    sum((row) => row.files.length),
    sum((row) => row.findings),
    n,
    any,
    percent(any, n),
    withSameRule ? same : '–',
    withSameRule ? percent(same, n) : '–',
    sum((row) => row.elsewhere.length),
  ];
  return `| ${label} | ${rows.length} rules | | ${cells.map((cell) => `**${cell}**`).join(' | ')} |`;
}

function sourceLine(file, line) {
  return readFileSync(file, 'utf8').split('\n')[line - 1]?.trim() ?? '';
}

function details(rows) {
  const out = [];
  for (const row of rows) {
    const missed = row.units.filter((unit) => !unit.codes.some((code) => row.covers.includes(code)));
    if (missed.length === 0 && row.elsewhere.length === 0) continue;
    out.push('', `## ${row.code} (${row.peer})`);
    for (const unit of missed) {
      const got = unit.codes.length > 0 ? ` [memhints: ${unit.codes.join(', ')}]` : '';
      out.push(`missed ${basename(unit.file)}:${unit.start}${got}  ${sourceLine(unit.file, unit.start)}`);
      if (row.peer === 'Perflint') out.push(readFileSync(unit.file, 'utf8').replace(/^/gm, '    '));
    }
    for (const finding of row.elsewhere) {
      out.push(
        `memhints only ${basename(finding.file)}:${finding.line} ${finding.code}  ${sourceLine(finding.file, finding.line)}`,
      );
    }
  }
  return out.join('\n');
}
