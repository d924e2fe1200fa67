// One snippet run under tracemalloc in a fresh CPython process (traced_run.py
// beside this file): its data made first, untraced, then the code measured.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../paths';

/** At least this many items, rows or lines: where a memory rule's advice matters. */
export const DATA_SCALE = 100_000;

const TRACED_RUN = join(REPO_ROOT, 'test', 'support', 'premise', 'traced_run.py');

export interface TracedProgram {
  /** Runs first, untraced, in a fresh folder: binds the snippet's free names to data-scale values, writes its files. */
  readonly setup: string;
  /** The code measured. */
  readonly code: string;
  /** Names bound to a function that folds its arguments into the output digest (`print`, `handle`): output without holding it. */
  readonly sinks?: readonly string[];
  /** Expressions evaluated after tracing stops, each fingerprinted: what the code computed. */
  readonly results?: readonly string[];
  /** Expressions evaluated after tracing stops, returned as numbers: what a claim is computed from. */
  readonly figures?: Readonly<Record<string, string>>;
}

interface TracedResult {
  /** Type, dtype, shape and a hash of the data for arrays and frames; type and a hash of the repr otherwise. */
  readonly fingerprint: string;
  /** The bytes of an array's or a frame's data (index included), null for other values. */
  readonly bytes: number | null;
}

export interface TracedRun {
  /** Bytes tracemalloc saw at the highest point while the code ran, above the start. */
  readonly peak: number;
  /** Bytes still held when the code ended, above the start. */
  readonly held: number;
  /** sha256 over what the sinks were given, in order. */
  readonly output: string;
  /** One per expression of `results`, in order. */
  readonly results: readonly TracedResult[];
  readonly figures: Readonly<Record<string, number>>;
  /** "3.11.2, numpy 1.24.2, pandas 1.5.3": the interpreter and the modules the run imported. */
  readonly interpreter: string;
}

/** Runs the program once in `python`, in a folder of its own (also its TMPDIR) that is removed afterwards. */
export function tracedRun(python: string, program: TracedProgram): TracedRun {
  const folder = mkdtempSync(join(tmpdir(), 'memhints-premise-'));
  try {
    const request = {
      setup: program.setup,
      code: program.code,
      sinks: program.sinks ?? [],
      results: program.results ?? [],
      figures: program.figures ?? {},
    };
    // The timeout only guards against a change that makes a program hang.
    const result = spawnSync(python, [TRACED_RUN], {
      cwd: folder,
      input: JSON.stringify(request),
      encoding: 'utf8',
      timeout: 300_000,
      env: { ...process.env, TMPDIR: folder },
    });
    if (result.error) throw new Error(`${python} could not be run: ${result.error.message}`);
    if (result.status !== 0)
      throw new Error(`${python} failed (${result.status}) on:\n${program.code}\n${result.stderr}`);
    return JSON.parse(result.stdout) as TracedRun;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** The data bytes of every array and frame among the run's results. */
export function resultBytes(run: TracedRun): number {
  return run.results.reduce((total, result) => total + (result.bytes ?? 0), 0);
}
