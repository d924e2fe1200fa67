// (j) what `memhints measure` costs: the CPU time and the largest resident set of the
// tracer's process on three scripts, against the script run by python3 alone, under
// `python3 -X tracemalloc=1` (tracemalloc's own cost, one frame per allocation), and
// under memory_profiler's line-by-line mode and Scalene's sampling profiler where they
// are installed. Each run is a process of its own, timed by the kernel
// (bench/child_cost.py); the variants of a script run one after the other, in turn, so
// that each round sees one machine state. The lines measure finds big are listed beside
// what Scalene says they allocated: its figures are sampled.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseTracerResult } from '../server/src/measure/result';
import { tracerArguments, tracerScript } from '../server/src/measure/tracerScript';
import { count, mb } from './format';
import { percentile } from './measure';
import { profiledScript, type ScriptSizes, type TracerScript, tracerScripts } from './tracerScripts';

export interface TracerCostScale extends ScriptSizes {
  /** Runs of each variant of each script. */
  readonly runs: number;
}

interface Cost {
  readonly cpuSeconds: number;
  readonly maxRssBytes: number;
  readonly wallSeconds: number;
}

interface ChildCost extends Cost {
  readonly exitCode: number;
  readonly stderr: string;
}

/** A line measure found big: what it held at the peak and at the end, and what Scalene says it allocated. */
interface LineFigures {
  readonly line: number;
  readonly bytes: number;
  readonly allocatedBytes: number;
  /** Scalene's n_malloc_mb, in bytes: its sampled estimate of what the line allocated, freed or not; undefined where it was not run or did not list the line. */
  readonly scaleneBytes: number | undefined;
}

interface ScriptCost {
  readonly name: string;
  readonly plain: Cost;
  readonly tracemalloc: Cost;
  readonly measure: Cost & {
    /** tracemalloc's peak in the measured run. */
    readonly peakBytes: number;
    readonly frames: number;
    readonly lines: string;
    readonly snapshots: number;
    readonly snapshotSeconds: number;
    /** The traced memory of the snapshot the figures at the peak come from. */
    readonly snapshotBytes: number;
    /** The opening imports' traced memory, cleared from tracemalloc's tables once they had run. */
    readonly clearedBytes: number;
    readonly largestSnapshotBlocks: number;
    /** The lines that held a MiB or more at the peak or at the end. */
    readonly bigLines: readonly LineFigures[];
  };
  readonly memoryProfiler: Cost | undefined;
  readonly scalene: Cost | undefined;
}

export type TracerCostResult =
  | {
      readonly skipped: false;
      readonly python: string;
      readonly version: string;
      /** The largest resident set of `python3 -c pass`. */
      readonly baselineRssBytes: number;
      /** Its version, or why it was not run. */
      readonly memoryProfiler: string;
      /** Scalene's version, or why it was not run. */
      readonly scalene: string;
      readonly runs: number;
      readonly scripts: readonly ScriptCost[];
    }
  | { readonly skipped: true; readonly note: string };

/** The CPU time and peak RSS measure may cost, as the issue asks: 1.5× tracemalloc=1's CPU, 1.5× the traced peak plus the interpreter. */
export const CPU_GOAL = 1.5;
export const RSS_GOAL = 1.5;

const PYTHONS = ['/usr/bin/python3', 'python3'];

function runs(python: string, code: string): boolean {
  return spawnSync(python, ['-c', code], { stdio: 'ignore' }).status === 0;
}

function childCost(repoRoot: string, python: string, command: readonly string[]): ChildCost {
  const run = spawnSync(python, [join(repoRoot, 'bench', 'child_cost.py'), ...command], { encoding: 'utf8' });
  if (run.error || run.status !== 0) throw new Error(`child_cost.py failed: ${run.error?.message ?? run.stderr}`);
  const cost = JSON.parse(run.stdout) as ChildCost;
  if (cost.exitCode !== 0) throw new Error(`${command.join(' ')} exited with ${cost.exitCode}: ${cost.stderr}`);
  return cost;
}

const median = (costs: readonly Cost[]): Cost => ({
  cpuSeconds: percentile(
    costs.map((cost) => cost.cpuSeconds),
    50,
  ),
  maxRssBytes: percentile(
    costs.map((cost) => cost.maxRssBytes),
    50,
  ),
  wallSeconds: percentile(
    costs.map((cost) => cost.wallSeconds),
    50,
  ),
});

export function tracerCost(
  repoRoot: string,
  folder: string,
  scale: TracerCostScale,
  log: (text: string) => void,
): TracerCostResult {
  const python = PYTHONS.find((candidate) => runs(candidate, 'import tracemalloc'));
  if (python === undefined) return { skipped: true, note: `none of ${PYTHONS.join(', ')} runs` };
  const version = spawnSync(python, ['-c', 'import platform; print(platform.python_version())'], {
    encoding: 'utf8',
  }).stdout.trim();
  const withNumpy = runs(python, 'import numpy');
  const profilerVersion = spawnSync(python, ['-c', 'import memory_profiler; print(memory_profiler.__version__)'], {
    encoding: 'utf8',
  });
  const memoryProfiler =
    profilerVersion.status === 0
      ? profilerVersion.stdout.trim()
      : 'not installed (Debian: apt-get install python3-memory-profiler)';
  const scaleneVersion = spawnSync(
    python,
    ['-c', 'from scalene.scalene_version import scalene_version; print(scalene_version)'],
    { encoding: 'utf8' },
  );
  const scalene =
    scaleneVersion.status === 0
      ? scaleneVersion.stdout.trim()
      : 'not installed (Debian: apt-get install python3-scalene, for Python 3.11)';
  const tracer = tracerScript(join(repoRoot, 'server', 'python'));
  const scripts = tracerScripts(folder, scale).filter((script) => withNumpy || !script.numpy);
  const resultDir = mkdtempSync(join(folder, 'results-'));
  const baselineRssBytes = median(
    Array.from({ length: scale.runs }, () => childCost(repoRoot, python, [python, '-c', 'pass'])),
  ).maxRssBytes;
  const costs = scripts.map((script) => {
    log(`(j) ${script.name}: python3, -X tracemalloc=1, memhints measure, memory_profiler, Scalene × ${scale.runs}`);
    const others = { memoryProfiler: profilerVersion.status === 0, scalene: scaleneVersion.status === 0 };
    return scriptCost(repoRoot, python, tracer, script, others, resultDir, scale.runs);
  });
  rmSync(resultDir, { recursive: true, force: true });
  return {
    skipped: false,
    python,
    version,
    baselineRssBytes,
    memoryProfiler,
    scalene,
    runs: scale.runs,
    scripts: costs,
  };
}

function scriptCost(
  repoRoot: string,
  python: string,
  tracer: string,
  script: TracerScript,
  others: { readonly memoryProfiler: boolean; readonly scalene: boolean },
  resultDir: string,
  rounds: number,
): ScriptCost {
  const result = join(resultDir, 'result.json');
  const started = join(resultDir, 'started');
  const scaleneResult = join(resultDir, 'scalene.json');
  const profiled = others.memoryProfiler ? profiledScript(resultDir, script) : undefined;
  const [file, ...args] = script.args;
  const variants = {
    plain: [python, ...script.args],
    tracemalloc: [python, '-X', 'tracemalloc=1', ...script.args],
    measure: [python, ...tracerArguments(tracer), '--result', result, '--started', started, ...script.args],
    ...(profiled && { memoryProfiler: [python, '-m', 'memory_profiler', ...profiled.args] }),
    // Scalene's own options, then the script; `---` starts the script's arguments. Scalene 1.5
    // profiles only the files under --program-path, which is the working folder unless given.
    ...(others.scalene && {
      scalene: [
        python,
        ...['-m', 'scalene', '--cli', '--json', '--reduced-profile', '--program-path', dirname(file!)],
        ...['--outfile', scaleneResult, file!],
        ...(args.length > 0 ? ['---', ...args] : []),
      ],
    }),
  };
  const names = Object.keys(variants) as (keyof typeof variants)[];
  const measured = new Map<string, Cost[]>(names.map((name) => [name, []]));
  const measureRuns: ReturnType<typeof parseTracerResult>[] = [];
  for (let round = 0; round < rounds; round++) {
    // Each round starts with another variant, so that none always runs first.
    for (let turn = 0; turn < names.length; turn++) {
      const name = names[(round + turn) % names.length]!;
      measured.get(name)!.push(childCost(repoRoot, python, variants[name]!));
      if (name === 'measure') measureRuns.push(parseTracerResult(readFileSync(result, 'utf8')));
    }
  }
  const last = measureRuns.at(-1)!;
  const sampling = last.sampling!;
  const scaleneLines = others.scalene ? scaleneAllocations(readFileSync(scaleneResult, 'utf8')) : undefined;
  const bigLines = last.lines
    .filter((line) => line.bytes >= MIB || line.allocatedBytes >= MIB)
    .map((line) => ({
      line: line.line,
      bytes: line.bytes,
      allocatedBytes: line.allocatedBytes,
      scaleneBytes: scaleneLines?.get(line.line),
    }));
  return {
    name: script.name,
    plain: median(measured.get('plain')!),
    tracemalloc: median(measured.get('tracemalloc')!),
    measure: {
      ...median(measured.get('measure')!),
      peakBytes: percentile(
        measureRuns.map((run) => run.peakBytes),
        50,
      ),
      frames: sampling.frames,
      lines: sampling.lines,
      snapshots: sampling.snapshots,
      snapshotSeconds: sampling.snapshotSeconds,
      snapshotBytes: last.snapshotBytes,
      clearedBytes: sampling.clearedBytes,
      largestSnapshotBlocks: sampling.largestSnapshotBlocks,
      bigLines,
    },
    memoryProfiler: profiled ? median(measured.get('memoryProfiler')!) : undefined,
    scalene: others.scalene ? median(measured.get('scalene')!) : undefined,
  };
}

const MIB = 1024 * 1024;

/** {line: bytes} that Scalene's JSON says each line of the (one) profiled file allocated; its MB are MiB. */
function scaleneAllocations(text: string): Map<number, number> {
  const profile = JSON.parse(text) as {
    files: Record<string, { lines: { lineno: number; n_malloc_mb: number }[] }>;
  };
  const [file] = Object.values(profile.files);
  return new Map((file?.lines ?? []).map((line) => [line.lineno, line.n_malloc_mb * MIB]));
}

/** The RSS measure may reach on a script: RSS_GOAL × its traced peak, plus the interpreter alone. */
export function rssAllowance(result: Extract<TracerCostResult, { skipped: false }>, script: ScriptCost): number {
  return RSS_GOAL * script.measure.peakBytes + result.baselineRssBytes;
}

const seconds = (value: number) => `${value.toFixed(2)} s`;
const times = (value: number) => `${value.toFixed(2)}×`;

export function tracerCostLines(result: TracerCostResult): string[] {
  if (result.skipped) return [`(j) memhints measure: skipped (${result.note})`];
  const out = [
    `(j) memhints measure on Python ${result.version} (${result.python}), median of ${result.runs} runs each; the interpreter alone peaks at ${mb(result.baselineRssBytes)}; memory_profiler ${result.memoryProfiler}; Scalene ${result.scalene}`,
  ];
  const row = (cells: readonly string[]) =>
    out.push(
      `    ${cells[0]!.padEnd(40)}${cells[1]!.padStart(9)}${cells[2]!.padStart(10)}${cells[3]!.padStart(16)}${cells[4]!.padStart(12)}${cells[5]!.padStart(16)}`,
    );
  for (const script of result.scripts) {
    out.push(
      `  ${script.name}: traced peak ${mb(script.measure.peakBytes)}; measure kept ${script.measure.frames} frames, saw lines through ${script.measure.lines}, cleared ${mb(script.measure.clearedBytes)} of opening imports from tracemalloc's tables, took ${script.measure.snapshots} snapshots (${seconds(script.measure.snapshotSeconds)}; the largest of ${count(script.measure.largestSnapshotBlocks)} blocks), the figures at peak from one at ${mb(script.measure.snapshotBytes)}`,
    );
    row(['', 'CPU', '× alone', '× tracemalloc=1', 'max RSS', '× tracemalloc=1']);
    const variants: [string, Cost | undefined][] = [
      ['python3 alone', script.plain],
      ['python3 -X tracemalloc=1', script.tracemalloc],
      ['memhints measure', script.measure],
      ['python3 -m memory_profiler (@profile)', script.memoryProfiler],
      ['python3 -m scalene (sampled)', script.scalene],
    ];
    for (const [name, cost] of variants) {
      if (cost === undefined) continue;
      row([
        name,
        seconds(cost.cpuSeconds),
        times(cost.cpuSeconds / script.plain.cpuSeconds),
        times(cost.cpuSeconds / script.tracemalloc.cpuSeconds),
        mb(cost.maxRssBytes),
        times(cost.maxRssBytes / script.tracemalloc.maxRssBytes),
      ]);
    }
    const extra = script.measure.maxRssBytes - script.tracemalloc.maxRssBytes;
    out.push(
      `    measure's RSS over tracemalloc=1's: ${mb(extra)}, ${(extra / Math.max(1, script.measure.largestSnapshotBlocks)).toFixed(0)} bytes per block of its largest snapshot`,
    );
    for (const line of script.measure.bigLines) {
      const scalene = line.scaleneBytes === undefined ? 'not listed' : mib(line.scaleneBytes);
      out.push(
        `    line ${line.line}: measure ${mib(line.bytes)} at peak, ${mib(line.allocatedBytes)} at end; Scalene allocated ${scalene}`,
      );
    }
  }
  return out;
}

const mib = (bytes: number) => `${(bytes / MIB).toFixed(1)} MiB`;
