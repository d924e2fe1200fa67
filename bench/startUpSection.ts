// (i) start-up: the first diagnostics of a file opened in a fresh server and
// in a warm one (bench/realEditing.ts, openLatencies), and `memhints check` as
// a process (bench/cliProcess.ts). Part of (i); `--only start-up` runs it alone.
import { cliProcesses, type CliResult, type CliScale } from './cliProcess';
import type { Corpus } from './corpus';
import { count, ms } from './format';
import { openLatencies, type OpenLatency } from './realEditing';
import { realTexts } from './realTexts';
import { atLeast, atMost, below, type Target } from './targets';

export interface StartUpScale {
  /** Opens of each file, cold and warm. */
  readonly opens: number;
  readonly cli: CliScale;
}

export interface StartUpResult {
  readonly opens: readonly OpenLatency[];
  readonly cli: CliResult;
  readonly notebookSkipped: string | undefined;
}

/** The largest file's cold first diagnostics are held to this, as for a 5,000-line file. */
const COLD_OPEN_GOAL_MS = 150;
/** `--jobs` with every core, against `--jobs 1`, on a quiet machine. */
const POOL_GOAL = 1.6;
/**
 * The default jobs against `--jobs 1`: never slower, under load too. Runs of
 * one command differ by 5-10% on a busy machine, so "not slower" is read as
 * no more than 5% slower.
 */
const DEFAULT_JOBS_GOAL = 0.95;
/** `memhints check` on one file against `node -e 0`. */
const ONE_FILE_GOAL = 2;

export async function startUp(
  repoRoot: string,
  cwd: string,
  stdlib: Corpus,
  floorLinesPerSecond: number,
  scale: StartUpScale,
  log: (text: string) => void,
): Promise<StartUpResult> {
  const { texts, notebookSkipped } = realTexts();
  log(`(i) first diagnostics after didOpen, ${scale.opens} cold and ${scale.opens} warm per file`);
  const opens = await openLatencies(repoRoot, texts, scale.opens);
  log('(i) memhints check as a process, over the stdlib and over one file');
  const cli = cliProcesses(repoRoot, cwd, stdlib, floorLinesPerSecond, texts[0]!, scale.cli);
  return { opens, cli, notebookSkipped };
}

export function startUpTargets(opens: readonly OpenLatency[], cli: CliResult): [Target, string][] {
  const largest = opens.reduce((a, b) => (b.lines > a.lines ? b : a));
  const pool = cli.oneJob.wallMs / cli.allCores.wallMs;
  const byDefault = cli.oneJob.wallMs / cli.defaultJobs.wallMs;
  const [small] = cli.oneFile;
  return [
    [
      below(`(i) cold first diagnostics, ${largest.name}`, largest.coldMs, COLD_OPEN_GOAL_MS, ' ms'),
      `${ms(largest.coldMs)} (${count(largest.lines)} lines; main thread on a CPU ${ms(largest.coldOnCpuMs)})`,
    ],
    [
      atLeast(
        `(i) check --jobs ${cli.allCores.jobs} vs --jobs 1, corpus A, as processes (quiet machine)`,
        pool,
        POOL_GOAL,
      ),
      `${pool.toFixed(2)}× (${seconds(cli.allCores.wallMs)} vs ${seconds(cli.oneJob.wallMs)}; load average ${loads(cli)})`,
    ],
    [
      atLeast('(i) check with the default jobs vs --jobs 1, corpus A, as processes', byDefault, DEFAULT_JOBS_GOAL),
      `${byDefault.toFixed(2)}× (${seconds(cli.defaultJobs.wallMs)} vs ${seconds(cli.oneJob.wallMs)}; ${defaultJobs(cli)})`,
    ],
    [
      atMost(`(i) check ${small.name} (${small.lines} lines) vs node -e 0`, small.ratio, ONE_FILE_GOAL, '×'),
      `${small.ratio.toFixed(2)}× (${ms(small.check.wallMs)} vs ${ms(cli.node.wallMs)})`,
    ],
  ];
}

/** The section's lines as the bench prints them. */
export function startUpLines(opens: readonly OpenLatency[], cli: CliResult): string[] {
  const runs = opens[0]?.runs ?? 0;
  const lines = [
    `    first diagnostics after didOpen (median of ${runs}), cold (a fresh server's first document) / warm (another document opened before); when complete; the cold server's main thread from didOpen to them, on a CPU / waiting for one; and from its spawn:`,
  ];
  for (const open of opens) {
    const partial = open.partial > 0 ? `; ${open.partial} of ${open.runs * 2} first partial` : '';
    lines.push(
      `      ${`${open.name} (${count(open.lines)} lines):`.padEnd(50)}${ms(open.coldMs)} / ${ms(open.warmMs)}; complete ${ms(open.coldCompleteMs)} / ${ms(open.warmCompleteMs)}; cold on a CPU ${ms(open.coldOnCpuMs)} / waiting ${ms(open.coldWaitingMs)}; from spawn ${ms(open.coldFromSpawnMs)}${partial}`,
    );
  }
  lines.push(
    `    memhints check as a process, cold, over corpus A (${count(cli.files)} files, ${count(cli.lines)} lines), median of ${cli.oneJob.runs}, load average ${loads(cli)}; (a) the parse alone, warm in process: ${rate(cli.floorLinesPerSecond)}`,
  );
  for (const [name, run] of [
    ['--jobs 1', cli.oneJob],
    [`--jobs ${cli.allCores.jobs}`, cli.allCores],
    [`default jobs (${defaultJobs(cli)})`, cli.defaultJobs],
  ] as const)
    lines.push(
      `      ${name.padEnd(36)}wall ${seconds(run.wallMs)}: ${rate(run.linesPerSecond)}, ${run.toFloor.toFixed(2)}× the parse floor; CPU ${seconds(run.cpuMs)}: ${rate(run.cpuLinesPerSecond)}`,
    );
  lines.push(
    `    memhints check on one file against node -e 0 (${ms(cli.node.wallMs)}, CPU ${ms(cli.node.cpuMs)}), median of ${cli.node.runs} each, alternating:`,
  );
  for (const file of cli.oneFile)
    lines.push(
      `      ${`${file.name} (${count(file.lines)} lines):`.padEnd(36)}${ms(file.check.wallMs)} (CPU ${ms(file.check.cpuMs)}): ${file.ratio.toFixed(2)}×`,
    );
  return lines;
}

const rate = (linesPerSecond: number) => `${count(Math.round(linesPerSecond))} lines/s`;
const seconds = (value: number) => `${(value / 1000).toFixed(2)} s`;
const loads = (cli: CliResult) => `${cli.loadAverage[0].toFixed(2)} → ${cli.loadAverage[1].toFixed(2)}`;
const defaultJobs = (cli: CliResult) =>
  cli.defaultJobs.jobs === cli.defaultJobs.jobsAtEnd
    ? `${cli.defaultJobs.jobs}`
    : `${cli.defaultJobs.jobs} at the start, ${cli.defaultJobs.jobsAtEnd} at the end`;
