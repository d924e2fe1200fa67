// Which Python ran a measurement, in the words every result and failure names it by:
// "Python 3.11.7 at /usr/bin/python3". The tracer says so in its result and, before
// the script runs, in its started file (so that a run killed without a result still
// knows); an interpreter that could not run the tracer is asked for its --version.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface Interpreter {
  /** As it was started: a path, or a name looked up on PATH. */
  readonly path: string;
  /** "3.11.7"; undefined when it could not be told. */
  readonly version: string | undefined;
}

/** "Python 3.11.7 at /usr/bin/python3", or "python2 (version unknown)". */
export function interpreterName(interpreter: Interpreter): string {
  return interpreter.version === undefined
    ? `${interpreter.path} (version unknown)`
    : `Python ${interpreter.version} at ${interpreter.path}`;
}

/** What the tracer wrote into its started file: {python, executable}; undefined when it wrote nothing readable. */
export function readStartedFile(path: string): Interpreter | undefined {
  try {
    const { python, executable } = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    if (typeof python !== 'string' || typeof executable !== 'string') return undefined;
    return { path: executable, version: python };
  } catch {
    return undefined;
  }
}

const VERSION_TIMEOUT_MS = 5000;

/** What `python --version` says ("2.7.18"), from stdout or stderr (Python 2 writes it there); undefined when it says nothing so. */
export function askVersion(python: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(python, ['--version'], { timeout: VERSION_TIMEOUT_MS, encoding: 'utf8' }, (_error, stdout, stderr) => {
      resolve(/^Python (\S+)/m.exec(`${stdout}\n${stderr}`)?.[1]);
    });
  });
}
