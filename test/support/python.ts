// Runs python3: a script that reads JSON on stdin and prints JSON, a script
// file, a syntax check.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** `python` is the interpreter to run: python3 unless another build is being checked. */
export function runPythonJson<T>(script: string, input: unknown, python = 'python3'): T {
  const result = spawnSync(python, ['-c', script], {
    input: JSON.stringify(input),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw new Error(`${python} could not be run: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${python} failed (${result.status}):\n${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}

export interface ScriptRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Writes `text` to `directory`/`name` and runs it there with python3 (and
 * `args` before the path: `-m py_compile`). The script's temporary files
 * (tempfile.mkdtemp) go into `directory` too, which the caller removes.
 */
export function runPythonScript(
  directory: string,
  name: string,
  text: string,
  args: readonly string[] = [],
): ScriptRun {
  const path = join(directory, name);
  writeFileSync(path, text);
  // The timeout only guards against a change that makes a script hang.
  const result = spawnSync('python3', [...args, path], {
    cwd: directory,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, TMPDIR: directory },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Asserts that python3 compiles the source (a syntax check; nothing runs). */
export function assertCompilesUnderPython(source: string, name: string): void {
  const result = spawnSync('python3', ['-c', 'import sys; compile(sys.stdin.read(), sys.argv[1], "exec")', name], {
    input: source,
    encoding: 'utf8',
  });
  if (result.error) throw new Error(`python3 could not be run: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${name} does not compile under python3:\n${result.stderr}`);
}

/** The standard library folder of the machine's python3, or undefined without one. */
export function pythonStdlib(): string | undefined {
  const result = spawnSync('python3', ['-c', 'import sysconfig; print(sysconfig.get_paths()["stdlib"])'], {
    encoding: 'utf8',
  });
  return result.status === 0 ? result.stdout.trim() : undefined;
}
