// Runs measure.py under a Python interpreter and collects what it wrote: the JSON
// result (from a file of its own, so the script's output cannot be mistaken for it)
// and the script's standard output and error.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { askVersion, type Interpreter, readStartedFile } from './interpreter';
import { type MeasureProgress, readProgress, readProgressNow } from './progress';
import { parseTracerResult, type TracerResult } from './result';
import { tracerArguments } from './tracerScript';

export interface MeasureRequest {
  /** The interpreter: a path, or a name looked up on PATH. */
  readonly python: string;
  readonly tracer: string;
  readonly script: string;
  readonly args: readonly string[];
  readonly cwd: string;
  /** 0: no limit. */
  readonly timeoutSeconds: number;
  /** MiB of address space for the whole Python process; 0: no limit. */
  readonly memoryLimitMb: number;
  /** Frames tracemalloc keeps per allocation; undefined: the tracer's default. */
  readonly frames?: number;
  /**
   * Aborting stops the script (SIGTERM, which the tracer turns into the outcome "cancelled") and
   * keeps what was measured until then; an interpreter that does not stop is killed.
   */
  readonly signal?: AbortSignal;
  /** Told twice a second, as the tracer writes it, how far the script has got. */
  readonly onProgress?: (progress: MeasureProgress) => void;
}

export type MeasureRun =
  | { readonly kind: 'measured'; readonly result: TracerResult; readonly output: ScriptOutput }
  /**
   * The interpreter could not be started, or it ran but did not start the tracer (not a Python 3, or
   * too old); its version is what its --version said, if it ran.
   */
  | { readonly kind: 'interpreter-unusable'; readonly interpreter: Interpreter; readonly reason: string }
  /** The interpreter stopped without a result: killed (by the time limit's backstop, the system) or crashed. */
  | {
      readonly kind: 'no-result';
      readonly reason: string;
      readonly timedOut: boolean;
      /** As the tracer's started file says; the one asked for when it wrote none. */
      readonly interpreter: Interpreter;
      readonly output: ScriptOutput;
    }
  /** Cancelled before the tracer could write anything. */
  | { readonly kind: 'cancelled' };

export interface ScriptOutput {
  readonly stdout: string;
  readonly stderr: string;
  /** Some output was left out: only the last OUTPUT_LIMIT bytes of each stream are kept. */
  readonly truncated: boolean;
}

const OUTPUT_LIMIT = 1024 * 1024;
/** Time the tracer's own timer gets to stop the script before the process is killed (a script stuck in C code ignores it). */
const KILL_GRACE_MS = 5000;
/** Time a cancelled script gets to stop before the process is killed, unless the tracer says it is writing its result. */
const CANCEL_GRACE_MS = 5000;
/** The most a cancelled run may then spend writing its result (reading a snapshot of millions of blocks takes seconds). */
const CANCEL_WRITE_LIMIT_MS = 120_000;
const PROGRESS_POLL_MS = 500;

export function measureScript(request: MeasureRequest): Promise<MeasureRun> {
  if (request.signal?.aborted) return Promise.resolve({ kind: 'cancelled' });
  const dir = mkdtempSync(join(tmpdir(), 'memhints-measure-'));
  const resultFile = join(dir, 'result.json');
  const startedFile = join(dir, 'started');
  const progressFile = join(dir, 'progress.json');
  const args = [
    ...tracerArguments(request.tracer),
    '--result',
    resultFile,
    '--started',
    startedFile,
    // Only for a caller that shows progress or can cancel: the CLI's runs are left as they were.
    ...(request.onProgress || request.signal ? ['--progress', progressFile] : []),
    '--timeout',
    String(request.timeoutSeconds),
    '--memory-limit',
    String(request.memoryLimitMb),
    ...(request.frames === undefined ? [] : ['--frames', String(request.frames)]),
    request.script,
    ...request.args,
  ];
  return new Promise<MeasureRun>((resolve) => {
    const stdout = new TailBuffer();
    const stderr = new TailBuffer();
    let killedByTimer = false;
    let settled = false;
    const finish = (run: MeasureRun) => {
      if (settled) return;
      settled = true;
      clearTimeout(backstop);
      clearInterval(polling);
      stopping.dispose();
      rmSync(dir, { recursive: true, force: true });
      resolve(run);
    };
    const child = spawn(request.python, args, {
      cwd: request.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, PYTHONIOENCODING: 'utf-8' },
    });
    const stopping = stopOnAbort(child, request.signal, progressFile);
    const { onProgress } = request;
    const polling =
      onProgress &&
      setInterval(async () => {
        const progress = await readProgress(progressFile);
        if (progress !== undefined && !settled) onProgress(progress);
      }, PROGRESS_POLL_MS);
    const backstop =
      request.timeoutSeconds > 0
        ? setTimeout(
            () => {
              killedByTimer = true;
              child.kill('SIGKILL');
            },
            request.timeoutSeconds * 1000 + KILL_GRACE_MS,
          )
        : undefined;
    child.stdout.on('data', (chunk: Buffer) => stdout.add(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.add(chunk));
    const asked: Interpreter = { path: request.python, version: undefined };
    // The started file names the interpreter that ran, once the tracer has started.
    const ran = (): Interpreter => readStartedFile(startedFile) ?? asked;
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' || error.code === 'EACCES')
        finish({
          kind: 'interpreter-unusable',
          interpreter: asked,
          reason: error.code === 'ENOENT' ? 'not found' : 'permission denied',
        });
      else finish({ kind: 'no-result', reason: error.message, timedOut: false, interpreter: ran(), output: output() });
    });
    const output = (): ScriptOutput => ({
      stdout: stdout.text(),
      stderr: stderr.text(),
      truncated: stdout.truncated || stderr.truncated,
    });
    child.on('close', async (code, signal) => {
      let text: string | undefined;
      try {
        text = readFileSync(resultFile, 'utf8');
      } catch {
        text = undefined;
      }
      if (text !== undefined) {
        try {
          return finish({ kind: 'measured', result: parseTracerResult(text), output: output() });
        } catch (error) {
          return finish({
            kind: 'no-result',
            reason: (error as Error).message,
            timedOut: false,
            interpreter: ran(),
            output: output(),
          });
        }
      }
      if (request.signal?.aborted) return finish({ kind: 'cancelled' });
      if (killedByTimer)
        return finish({
          kind: 'no-result',
          reason: `killed after the time limit of ${request.timeoutSeconds} s`,
          timedOut: true,
          interpreter: ran(),
          output: output(),
        });
      const ending = signal ? `killed by ${signal}` : `exited with code ${code}`;
      if (!existsSync(startedFile)) {
        // What it said on the way out is usually why ("SyntaxError: invalid syntax" from a Python 2).
        const said = lastLine(stderr.text());
        return finish({
          kind: 'interpreter-unusable',
          interpreter: { path: request.python, version: await askVersion(request.python) },
          reason: `it did not start memhints' tracer: ${ending}${said === '' ? '' : `, saying "${said}"`}`,
        });
      }
      finish({
        kind: 'no-result',
        reason: `the interpreter ${signal ? 'was ' : ''}${ending} without a result`,
        timedOut: false,
        interpreter: ran(),
        output: output(),
      });
    });
  });
}

/**
 * On abort, SIGTERM, which the tracer turns into the script's end (outcome "cancelled") and a
 * result; SIGKILL when the script has not stopped after CANCEL_GRACE_MS (stuck in C code, or
 * before the tracer set its handler), or has spent CANCEL_WRITE_LIMIT_MS writing its result.
 */
function stopOnAbort(child: ChildProcess, signal: AbortSignal | undefined, progressFile: string): { dispose(): void } {
  let timer: NodeJS.Timeout | undefined;
  const abort = () => {
    const cancelledAt = Date.now();
    child.kill('SIGTERM');
    const check = () => {
      const writing = readProgressNow(progressFile)?.ending === true;
      if (writing && Date.now() - cancelledAt < CANCEL_WRITE_LIMIT_MS) timer = setTimeout(check, 1000);
      else child.kill('SIGKILL');
    };
    timer = setTimeout(check, CANCEL_GRACE_MS);
  };
  signal?.addEventListener('abort', abort, { once: true });
  return {
    dispose() {
      signal?.removeEventListener('abort', abort);
      clearTimeout(timer);
    },
  };
}

/** The last line of a text that has any, cut to a readable length. */
function lastLine(text: string): string {
  const line =
    text
      .split(/\r?\n/)
      .map((candidate) => candidate.trim())
      .filter((candidate) => candidate !== '')
      .at(-1) ?? '';
  return line.length <= 200 ? line : `${line.slice(0, 199)}…`;
}

/** The last OUTPUT_LIMIT bytes of a stream. */
class TailBuffer {
  private chunks: Buffer[] = [];
  private size = 0;
  truncated = false;

  add(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
    while (this.size - this.chunks[0]!.length >= OUTPUT_LIMIT) {
      this.size -= this.chunks.shift()!.length;
      this.truncated = true;
    }
  }

  text(): string {
    const all = Buffer.concat(this.chunks);
    if (all.length <= OUTPUT_LIMIT) return all.toString('utf8');
    this.truncated = true;
    return all.subarray(all.length - OUTPUT_LIMIT).toString('utf8');
  }
}
