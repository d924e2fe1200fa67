// One snippet run in a fresh CPython process with the process's resident set
// measured around it (rss_run.py beside this file): what a premise measures
// where the memory at stake is malloc's, taken by C code that tracemalloc
// does not see (pandas' CSV tokenizer).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../paths';

const RSS_RUN = join(REPO_ROOT, 'test', 'support', 'premise', 'rss_run.py');
/** Blocks this large or larger are mapped on their own and unmapped when freed. */
const MMAP_THRESHOLD = 128 * 1024;

/** Why the resident set's peak cannot be measured here, or undefined when it can: Linux's /proc resets it. */
export function rssPeakUnavailable(): string | undefined {
  return existsSync('/proc/self/clear_refs')
    ? undefined
    : 'no /proc/self/clear_refs: the peak resident set cannot be reset here';
}

export interface RssProgram {
  /** Runs first, unmeasured: imports and the data the snippet reads. */
  readonly setup: string;
  /** The code measured. */
  readonly code: string;
  /** Expressions evaluated after the run, returned as numbers. */
  readonly figures?: Readonly<Record<string, string>>;
}

export interface RssRun {
  /** The highest resident set while the code ran, above the start. */
  readonly peak: number;
  /** The resident set when it ended, above the start: freed memory malloc keeps counts too. */
  readonly held: number;
  readonly figures: Readonly<Record<string, number>>;
  /** "3.11.2, numpy 1.24.2, pandas 1.5.3". */
  readonly interpreter: string;
}

/** Runs the program once in `python`, in a folder of its own (also its TMPDIR) that is removed afterwards. */
export function rssRun(python: string, program: RssProgram): RssRun {
  const folder = mkdtempSync(join(tmpdir(), 'memhints-rss-'));
  try {
    const request = { setup: program.setup, code: program.code, figures: program.figures ?? {} };
    // The timeout only guards against a change that makes a program hang.
    const result = spawnSync(python, [RSS_RUN], {
      cwd: folder,
      input: JSON.stringify(request),
      encoding: 'utf8',
      timeout: 300_000,
      // A fixed mmap threshold: glibc otherwise raises it as blocks are freed, then serves large blocks from a heap
      // it cannot give back while a later block pins it, and the resident set's peak would count freed memory.
      env: { ...process.env, TMPDIR: folder, OMP_NUM_THREADS: '1', MALLOC_MMAP_THRESHOLD_: String(MMAP_THRESHOLD) },
    });
    if (result.error) throw new Error(`${python} could not be run: ${result.error.message}`);
    if (result.status !== 0)
      throw new Error(`${python} failed (${result.status}) on:\n${program.code}\n${result.stderr}`);
    return JSON.parse(result.stdout) as RssRun;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
