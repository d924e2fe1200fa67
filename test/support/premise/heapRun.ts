// One snippet run in a fresh CPython process with malloc's count of the bytes
// it has handed out taken around it (heap_run.py beside this file): what a
// PyTorch rule's premise measures, where tracemalloc sees none of libtorch's
// memory.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../paths';

const HEAP_RUN = join(REPO_ROOT, 'test', 'support', 'premise', 'heap_run.py');

export interface HeapProgram {
  /** Runs first, unmeasured: the model and the data the snippet reads. */
  readonly setup: string;
  /** The code measured. */
  readonly code: string;
  /** Expressions evaluated after the run, returned as numbers. */
  readonly figures?: Readonly<Record<string, string>>;
  /** Sample the peak too: each sample walks malloc's free lists, which slows a loop of many small steps tenfold. */
  readonly peak?: boolean;
  /**
   * Count Python's own objects too: CPython then takes them from malloc
   * (PYTHONMALLOC=malloc) instead of its arenas, so that a float or a
   * tensor's Python object is in the count, each as a block of its own.
   */
  readonly countPythonObjects?: boolean;
}

export interface HeapRun {
  /** Bytes malloc still had handed out when the code ended, above the start. */
  readonly held: number;
  /** The highest such count while the code ran (sampled at every function call and return), above the start; null unless asked. */
  readonly peak: number | null;
  readonly figures: Readonly<Record<string, number>>;
  /** "3.11.2, torch 1.13.0a0". */
  readonly interpreter: string;
}

/** Runs the program once in `python`, in a folder of its own (also its TMPDIR) that is removed afterwards. */
export function heapRun(python: string, program: HeapProgram): HeapRun {
  const folder = mkdtempSync(join(tmpdir(), 'memhints-heap-'));
  try {
    const request = {
      setup: program.setup,
      code: program.code,
      figures: program.figures ?? {},
      peak: program.peak ?? false,
    };
    // The timeout only guards against a change that makes a program hang.
    const result = spawnSync(python, [HEAP_RUN], {
      cwd: folder,
      input: JSON.stringify(request),
      encoding: 'utf8',
      timeout: 300_000,
      // One thread: the machine is shared, and a second thread's arena would only add noise.
      env: {
        ...process.env,
        TMPDIR: folder,
        OMP_NUM_THREADS: '1',
        ...(program.countPythonObjects ? { PYTHONMALLOC: 'malloc' } : {}),
      },
    });
    if (result.error) throw new Error(`${python} could not be run: ${result.error.message}`);
    if (result.status !== 0)
      throw new Error(`${python} failed (${result.status}) on:\n${program.code}\n${result.stderr}`);
    return JSON.parse(result.stdout) as HeapRun;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
