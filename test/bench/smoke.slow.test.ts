// `npm run bench -- --quick` runs every section and writes results.json with a
// positive figure wherever something was measured (no timing is asserted).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from '../support/paths';

const BENCH = join(REPO_ROOT, 'out', 'bench', 'main.js');

type Json = Record<string, unknown>;

function positive(results: Json, path: string): void {
  const value = path.split('.').reduce<unknown>((at, key) => (at as Json | undefined)?.[key], results);
  assert.ok(
    typeof value === 'number' && Number.isFinite(value) && value > 0,
    `${path} should be a positive number, is ${JSON.stringify(value)}`,
  );
}

function flake8Installed(): boolean {
  const run = spawnSync('flake8', ['--version'], { encoding: 'utf8' });
  return run.status === 0 && run.stdout.includes('comprehensions');
}

function pandasInstalled(): boolean {
  return spawnSync('/usr/bin/python3', ['-c', 'import pandas']).status === 0;
}

test('the quick bench measures every section and writes them all', { timeout: 480_000 }, (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'memhints-bench-test-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const out = join(dir, 'results.json');
  const run = spawnSync(process.execPath, [BENCH, '--quick', '--out', out], { cwd: REPO_ROOT, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const results = JSON.parse(readFileSync(out, 'utf8')) as Json;
  assert.equal(results['quick'], true);

  for (const path of [
    'corpora.stdlib.files',
    'corpora.stdlib.lines',
    'corpora.generated.lines',
    'floor.stdlib',
    'floor.generated',
    'analysis.singleThread.stdlib',
    'analysis.singleThread.generated',
    'analysis.pool.stdlib',
    'analysis.pool.workers',
    'analysis.findings.generated',
    'peers.ruffWasm.stdlib',
    'peers.ruffWasm.generated',
    'ratios.singleToFloor.stdlib',
    'ratios.singleToFloor.generated',
    'ratios.poolToSingle',
    'ratios.singleToRuff.stdlib',
    'editing.firstDiagnosticsMs',
    'editing.keystrokes',
    'editing.p50Ms',
    'editing.p99Ms',
    'editing.ruffCheckP50Ms',
    'keystrokeParts.reparse.p50Ms',
    'keystrokeParts.analysis.p50Ms',
    'keystrokeParts.fullParseMs',
    'memory.openedFiles',
    'memory.afterOpening.rssBytes',
    'memory.afterOpening.wasmBytes',
    'memory.afterOpening.openTrees',
    'memory.afterEditing.rssBytes',
    'memory.afterEditing.openTrees',
    'data.rows',
    'data.csv.fileBytes',
    'data.csv.estimateBytes',
    'data.csv.hover.coldMs',
    'data.csv.hover.cachedP50Ms',
    'data.csv.hover.cachedP99Ms',
    'data.csv.hover.changedP50Ms',
    'data.parquet.estimateBytes',
    'data.parquet.hover.coldMs',
    'data.parquet.hover.cachedP50Ms',
    'data.parquet.hover.changedP50Ms',
    'bursts.alone.p50Ms',
    'bursts.ruffCheckP50Ms',
    'bursts.rows.0.p50Ms',
    'bursts.rows.0.p99Ms',
    'pathological.normalLines',
    'pathological.rows.0.alone.p50Ms',
    'pathological.rows.0.beside.p50Ms',
    'pathological.rows.0.atOpenMs',
    'pathological.rows.0.rssBytes',
    'real.all.edits.p50Ms',
    'real.all.edits.p99Ms',
    'real.all.ruffCheck.p50Ms',
    'real.all.p50ToRuff',
    'real.all.serverOnCpu.p50Ms',
    'real.files.0.lines',
    'real.files.0.edits.p50Ms',
    'real.files.0.keystrokes.p50Ms',
    'real.files.0.blockEdits.p50Ms',
    'real.files.0.ruffCheck.p50Ms',
    'real.files.0.inProcess.reparse.p50Ms',
    'real.files.0.inProcess.analysis.p50Ms',
    'real.files.0.inProcess.chunks.of',
    'real.opens.0.coldMs',
    'real.opens.0.coldCompleteMs',
    'real.opens.0.warmMs',
    'real.generated.p50Ms',
    'real.cli.lines',
    'real.cli.floorLinesPerSecond',
    'real.cli.oneJob.wallMs',
    'real.cli.oneJob.cpuMs',
    'real.cli.oneJob.linesPerSecond',
    'real.cli.oneJob.toFloor',
    'real.cli.defaultJobs.wallMs',
    'real.cli.defaultJobs.jobs',
    'real.cli.oneFile.0.check.wallMs',
    'real.cli.oneFile.0.ratio',
    'real.cli.oneFile.1.check.wallMs',
    'real.cli.oneFile.1.ratio',
    'real.cli.node.wallMs',
  ]) {
    positive(results, path);
  }
  // The figures name the parser they were measured with: the packages installed.
  const installedVersion = (name: string) =>
    (JSON.parse(readFileSync(join(REPO_ROOT, 'node_modules', name, 'package.json'), 'utf8')) as Json)['version'];
  assert.deepEqual(results['parser'], {
    webTreeSitter: installedVersion('web-tree-sitter'),
    pythonGrammar: installedVersion('tree-sitter-python'),
  });
  assert.match(run.stdout, /parser: web-tree-sitter \S+, tree-sitter-python \S+/);
  assert.equal((results['editing'] as Json)['keystrokes'], 50);
  assert.equal((results['keystrokeParts'] as Json)['keystrokes'], 50);
  assert.match(run.stdout, /incremental reparse p50 [\d.]+ ms, p99 [\d.]+ ms; analysis p50 [\d.]+ ms/);
  assert.match(run.stdout, /garbage collections during them: \d+, pauses p50 [\d.]+ ms, max [\d.]+ ms/);
  assert.equal(typeof ((results['keystrokeParts'] as Json)['collections'] as Json)['count'], 'number');
  assert.equal((results['memory'] as Json)['edits'], 50);
  assert.equal(typeof (results['memory'] as Json)['rssGrowthPercent'], 'number');

  // (f) at the quick scale: 10^5 rows, each hover stating the estimate it was timed for.
  const data = results['data'] as Record<string, Record<string, Json>>;
  assert.equal(data['rows'], 100_000);
  for (const format of ['csv', 'parquet']) {
    assert.equal(data[format]!['hover']!['hovers'], 20);
    assert.equal(data[format]!['hover']!['changes'], 3);
    assert.match(String(data[format]!['hover']!['headline']), /as loaded\*\* — 8 columns × /);
  }
  assert.match(run.stdout, /^\(f\) hover over a read of a workspace data file, over LSP: 100,000 rows/m);
  if (pandasInstalled()) {
    positive(results, 'data.csv.pandas.readSeconds');
    positive(results, 'data.csv.pandas.memoryUsageBytes');
    positive(results, 'data.csv.ratios.readToColdHover');
    assert.equal(data['csv']!['pandas']!['rows'], 100_000);
    assert.equal(typeof data['csv']!['ratios']!['estimateError'], 'number');
  } else assert.match(run.stdout, /pandas: skipped: pandas not installed/);

  // (i) at the quick scale: 20 edits of each real file (a function moved, then a line typed), each file opened once cold and once warm.
  const real = results['real'] as {
    files: { name: string; edits: Json; keystrokes: Json; blockEdits: Json }[];
    opens: { name: string; runs: number }[];
    notebookSkipped?: string;
    cli: { files: number; oneJob: Json; oneFile: { name: string; check: Json }[] };
  };
  const names = real.files.map((file) => file.name);
  assert.deepEqual(names.slice(0, 4), ['argparse.py', 'tarfile.py', 'typing.py', 'tkinter/__init__.py']);
  // The notebook's code, from the notebook corpus when this machine has it.
  if (real.notebookSkipped === undefined) assert.match(names[4] ?? '', /^script353\.ipynb \(\d+ code cells\)$/);
  else {
    assert.equal(names.length, 4);
    assert.match(run.stdout, /notebook: skipped: .* is not on this machine/);
  }
  for (const file of real.files) {
    assert.equal(file.edits['samples'], 20);
    assert.equal(file.blockEdits['samples'], 2, `${file.name}: a cut and a paste`);
    assert.equal(file.keystrokes['samples'], 18);
  }
  assert.deepEqual(
    real.opens.map((open) => [open.name, open.runs]),
    names.map((name) => [name, 1]),
  );
  assert.equal(real.cli.files, (results['corpora'] as Record<string, Json>)['stdlib']!['files']);
  assert.equal(real.cli.oneJob['runs'], 1);
  // A small module, the same with no code cache, then the largest real file, each checked alone.
  assert.deepEqual(
    real.cli.oneFile.map((file) => [file.name, file.check['runs']]),
    [
      ['bisect.py', 3],
      ['bisect.py, no code cache', 3],
      [names[0], 3],
    ],
  );
  assert.match(run.stdout, /^\(i\) real code over LSP: /m);
  assert.match(run.stdout, new RegExp(`^ {4}all real files +${names.length * 20} `, 'm'));
  assert.match(run.stdout, /memhints check on one file against node -e 0 \([\d.]+ ms, CPU [\d.]+ ms\)/);
  for (const file of ['bisect', 'argparse'])
    assert.match(
      run.stdout,
      new RegExp(`^ +${file}\\.py \\([\\d,]+ lines\\): +[\\d.]+ ms \\(CPU [\\d.]+ ms\\): [\\d.]+×$`, 'm'),
    );

  // (j) at the quick scale: each script run alone, under tracemalloc=1 and under measure, with its two targets.
  const tracer = results['tracer'] as Json;
  if (tracer['skipped'] === false) {
    positive(results, 'tracer.baselineRssBytes');
    const scripts = tracer['scripts'] as Json[];
    assert.ok(scripts.length >= 2, JSON.stringify(tracer));
    for (const index of scripts.keys())
      for (const variant of ['plain', 'tracemalloc', 'measure'])
        for (const figure of ['cpuSeconds', 'maxRssBytes'])
          positive(results, `tracer.scripts.${index}.${variant}.${figure}`);
    assert.match(run.stdout, /^\(j\) memhints measure on Python \d/m);
    // Scalene, where it is installed, runs each script too; measure's big lines are listed beside its figures.
    if (!String(tracer['scalene']).startsWith('not installed'))
      for (const index of scripts.keys()) positive(results, `tracer.scripts.${index}.scalene.cpuSeconds`);
    assert.match(run.stdout, /^ {4}line \d+: measure [\d.]+ MiB at peak, [\d.]+ MiB at end; Scalene /m);
    assert.equal(
      (results['targets'] as { name: string }[]).filter((target) => target.name.startsWith('(j) ')).length,
      2 * scripts.length,
    );
  } else assert.match(run.stdout, /^\(j\) memhints measure: skipped/m);

  const flake8 = (results['peers'] as Json)['flake8'] as Record<string, Json>;
  if (flake8Installed()) {
    positive(results, 'peers.flake8.stdlib.linesPerSecond');
    positive(results, 'ratios.singleToFlake8.stdlib');
    positive(results, 'ratios.poolToFlake8');
    positive(results, 'ratios.floorToFlake8');
  } else {
    assert.match(
      String(flake8['stdlib']!['note']),
      /skipped: flake8 not installed \(apt-get install flake8 python3-flake8-comprehensions\)/,
    );
    assert.match(run.stdout, /skipped: flake8 not installed/);
  }

  const targets = results['targets'] as { name: string; pass: boolean }[];
  assert.ok(targets.length >= 6);
  for (const target of targets)
    assert.match(run.stdout, new RegExp(`^(PASS|MISS)  ${target.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `, 'm'));
});

test('--only names a section the bench has', () => {
  const run = spawnSync(process.execPath, [BENCH, '--quick', '--only', 'parsing'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  });
  assert.equal(run.status, 1);
  assert.match(
    run.stderr,
    /--only takes one of: data, bursts, pathological, real-edits, start-up, measure \(not parsing\)/,
  );
});
