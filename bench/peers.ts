// (c) peers on the same texts: Ruff compiled to WASM, in this process, and
// flake8 with flake8-comprehensions as the separate process users run.
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { PositionEncoding, Workspace } from '@astral-sh/ruff-wasm-nodejs';
import type { Corpus } from './corpus';
import { linesPerSecond, medianMs } from './measure';
import type { Repetition } from './throughput';

/** Ruff's rules closest to memhints': comprehensions, performance, refurb, and B019 (cache on a method). */
const RUFF_SELECT = ['C4', 'PERF', 'FURB', 'B019'];

export function ruffWorkspace(): Workspace {
  return new Workspace({ lint: { select: RUFF_SELECT } }, PositionEncoding.Utf16);
}

export function ruffVersion(): string {
  return Workspace.version();
}

export function ruffThroughput(
  workspace: Workspace,
  corpus: Corpus,
  repetition: Repetition,
): { linesPerSecond: number; findings: number } {
  let findings = 0;
  const run = () => {
    findings = 0;
    for (const file of corpus.files) findings += (workspace.check(file.text) as unknown[]).length;
  };
  run();
  return {
    linesPerSecond: linesPerSecond(corpus.lines, medianMs(run, repetition.minRuns, repetition.minMs)),
    findings,
  };
}

export type Flake8Result =
  | {
      readonly skipped: false;
      readonly version: string;
      readonly linesPerSecond: number;
      readonly seconds: number;
      readonly findings: number;
    }
  | { readonly skipped: true; readonly note: string };

const FLAKE8_MISSING = 'skipped: flake8 not installed (apt-get install flake8 python3-flake8-comprehensions)';

/** `flake8 --select=C4 -j 1` over the corpus files, timed as one process from start to exit. */
export function flake8Throughput(corpus: Corpus): Flake8Result {
  const version = spawnSync('flake8', ['--version'], { encoding: 'utf8' });
  if (version.error || version.status !== 0) return { skipped: true, note: FLAKE8_MISSING };
  if (!/comprehensions/.test(version.stdout)) {
    return {
      skipped: true,
      note: 'skipped: flake8-comprehensions not installed (apt-get install python3-flake8-comprehensions)',
    };
  }
  const paths = corpus.files.map((file) => file.path);
  const start = performance.now();
  const run = spawnSync('flake8', ['--isolated', '--select=C4', '-j', '1', ...paths], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const ms = performance.now() - start;
  if (run.error || (run.status !== 0 && run.status !== 1))
    return {
      skipped: true,
      note: `skipped: flake8 failed (${run.error?.message ?? run.stderr.trim().split('\n').pop()})`,
    };
  const findings = run.stdout.split('\n').filter((line) => line.trim() !== '').length;
  return {
    skipped: false,
    version: version.stdout.trim().split(' ')[0]!,
    linesPerSecond: linesPerSecond(corpus.lines, ms),
    seconds: ms / 1000,
    findings,
  };
}
