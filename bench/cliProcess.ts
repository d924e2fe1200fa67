// (i) `memhints check` as a user starts it: a process of its own, cold (a new
// node, its bundle loaded and compiled, the grammar loaded, the files read,
// the findings written), over the stdlib corpus with one job, with one per
// core, and with the default (which depends on the load average), against
// the warm in-process parse floor of (a); and over one small file (a
// pre-commit hook's lot) and one of a few thousand lines, against `node -e 0`. Wall and CPU time (the process's rusage, its threads
// included) come from bench/process_times.py; runs alternate between the two
// commands compared, so that both see the machine alike.
import { spawnSync } from 'node:child_process';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { defaultJobs } from '../server/src/cli/args';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { stdlibDirectory, type Corpus } from './corpus';
import { lineCount, linesPerSecond, percentile } from './measure';
import type { RealText } from './realTexts';

export interface CliScale {
  /** Runs of each whole-corpus command. */
  readonly corpusRuns: number;
  /** Runs of each of the one-file command and `node -e 0`. */
  readonly fileRuns: number;
}

interface ProcessRun {
  readonly wallMs: number;
  readonly userMs: number;
  readonly systemMs: number;
  readonly status: number;
  readonly stderr: string;
}

/** Medians over the runs of one command. */
interface ProcessFigures {
  readonly runs: number;
  readonly wallMs: number;
  /** User and system time. */
  readonly cpuMs: number;
}

interface CorpusCheck extends ProcessFigures {
  readonly jobs: number;
  readonly linesPerSecond: number;
  readonly cpuLinesPerSecond: number;
  /** Lines per second of wall time over the parse floor's. */
  readonly toFloor: number;
}

export interface CliResult {
  readonly files: number;
  readonly lines: number;
  /** (a) the tree-sitter parse alone, warm, in process. */
  readonly floorLinesPerSecond: number;
  readonly oneJob: CorpusCheck;
  /** --jobs with the number of cores. */
  readonly allCores: CorpusCheck;
  /** No --jobs: the jobs the load average gives (defaultJobs), which this is the count of as the runs start and end. */
  readonly defaultJobs: CorpusCheck & { readonly jobsAtEnd: number };
  /** The 1-minute load average as the runs start and end. */
  readonly loadAverage: readonly [number, number];
  /** A small file, the same with no code cache (MEMHINTS_CACHE_DIR=off), then a larger one, each checked alone. */
  readonly oneFile: readonly [OneFileCheck, OneFileCheck, OneFileCheck];
  readonly node: ProcessFigures;
}

interface OneFileCheck {
  readonly name: string;
  readonly lines: number;
  readonly check: ProcessFigures;
  /** The check's median wall time over `node -e 0`'s. */
  readonly ratio: number;
}

/** The stdlib module `memhints check` is timed on as a small file (110 lines in Python 3.11). */
const SMALL_MODULE = 'bisect.py';

export function cliProcesses(
  repoRoot: string,
  cwd: string,
  stdlib: Corpus,
  floorLinesPerSecond: number,
  larger: RealText,
  scale: CliScale,
): CliResult {
  const memhints = [process.execPath, join(repoRoot, 'bin', 'memhints.js'), 'check'];
  // The code cache (docs/cli.md) in a folder of the bench's own, made by the first process of
  // each series, as a user's first run makes it: the runs after it start from it.
  const cacheDir = mkdtempSync(join(tmpdir(), 'memhints-bench-cache-'));
  const env = { ...process.env, MEMHINTS_CACHE_DIR: cacheDir };
  const paths = stdlib.files.map((source) => source.path);
  const cores = availableParallelism();
  const loadAtStart = loadavg()[0] ?? 0;
  const corpusRuns = alternating(
    repoRoot,
    cwd,
    env,
    [
      [...memhints, ...paths, '--jobs', '1'],
      [...memhints, ...paths, '--jobs', String(cores)],
      [...memhints, ...paths],
    ],
    scale.corpusRuns,
  );
  const loadAtEnd = loadavg()[0] ?? 0;
  const corpusCheck = (runs: readonly ProcessRun[], jobs: number): CorpusCheck => {
    const figures = medians(runs);
    const rate = linesPerSecond(stdlib.lines, figures.wallMs);
    return {
      jobs,
      ...figures,
      linesPerSecond: rate,
      cpuLinesPerSecond: linesPerSecond(stdlib.lines, figures.cpuMs),
      toFloor: rate / floorLinesPerSecond,
    };
  };
  const small = { path: join(stdlibDirectory(), SMALL_MODULE) };
  const smallLines = lineCount(readFileSync(small.path, 'utf8'));
  rmSync(cacheDir, { recursive: true, force: true });
  const [smallRuns, uncachedRuns, largerRuns, nodeRuns] = alternating(
    repoRoot,
    cwd,
    env,
    [
      [...memhints, small.path],
      // What a first run, or every run with the cache turned off, costs (env: a process of 1 ms).
      ['env', 'MEMHINTS_CACHE_DIR=off', ...memhints, small.path],
      [...memhints, larger.path],
      [process.execPath, '-e', '0'],
    ],
    scale.fileRuns,
  );
  rmSync(cacheDir, { recursive: true, force: true });
  const node = medians(nodeRuns!);
  const oneFile = (name: string, lines: number, runs: readonly ProcessRun[]): OneFileCheck => {
    const check = medians(runs);
    return { name, lines, check, ratio: check.wallMs / node.wallMs };
  };
  return {
    files: stdlib.files.length,
    lines: stdlib.lines,
    floorLinesPerSecond,
    oneJob: corpusCheck(corpusRuns[0]!, 1),
    allCores: corpusCheck(corpusRuns[1]!, cores),
    defaultJobs: {
      ...corpusCheck(corpusRuns[2]!, defaultJobs(cores, loadAtStart)),
      jobsAtEnd: defaultJobs(cores, loadAtEnd),
    },
    loadAverage: [loadAtStart, loadAtEnd],
    oneFile: [
      oneFile(SMALL_MODULE, smallLines, smallRuns!),
      oneFile(`${SMALL_MODULE}, no code cache`, smallLines, uncachedRuns!),
      oneFile(larger.name, larger.lines, largerRuns!),
    ],
    node,
  };
}

/** `runs` rounds of the commands, one after the other in each round, each round starting with the next; the runs of each. */
function alternating(
  repoRoot: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
  commands: readonly (readonly string[])[],
  runs: number,
): ProcessRun[][] {
  const order: number[] = [];
  for (let round = 0; round < runs; round++)
    for (let i = 0; i < commands.length; i++) order.push((round + i) % commands.length);
  const timed = spawnSync('python3', [join(repoRoot, 'bench', 'process_times.py')], {
    cwd,
    env,
    input: JSON.stringify(order.map((index) => commands[index])),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (timed.error || timed.status !== 0)
    throw new Error(`bench/process_times.py failed: ${timed.error?.message ?? timed.stderr}`);
  const results = JSON.parse(timed.stdout) as ProcessRun[];
  const byCommand: ProcessRun[][] = commands.map(() => []);
  results.forEach((run, at) => {
    const index = order[at]!;
    // memhints check exits with 1 when it found something.
    if (run.status !== 0 && run.status !== 1)
      throw new Error(`${commands[index]!.slice(0, 4).join(' ')} … exited with ${run.status}: ${run.stderr}`);
    byCommand[index]!.push(run);
  });
  return byCommand;
}

function medians(runs: readonly ProcessRun[]): ProcessFigures {
  return {
    runs: runs.length,
    wallMs: percentile(
      runs.map((run) => run.wallMs),
      50,
    ),
    cpuMs: percentile(
      runs.map((run) => run.userMs + run.systemMs),
      50,
    ),
  };
}
