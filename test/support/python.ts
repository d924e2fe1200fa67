// Runs one python3 process: a script that reads JSON on stdin and prints JSON.
import { spawnSync } from 'node:child_process';

/** `python` is the interpreter to run: python3 unless another build is being checked. */
export function runPythonJson<T>(script: string, input: unknown, python = 'python3'): T {
  const result = spawnSync(python, ['-c', script], { input: JSON.stringify(input), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw new Error(`${python} could not be run: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${python} failed (${result.status}):\n${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}

/** Asserts that python3 compiles the source (a syntax check; nothing runs). */
export function assertCompilesUnderPython(source: string, name: string): void {
  const result = spawnSync('python3', ['-c', 'import sys; compile(sys.stdin.read(), sys.argv[1], "exec")', name], { input: source, encoding: 'utf8' });
  if (result.error) throw new Error(`python3 could not be run: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${name} does not compile under python3:\n${result.stderr}`);
}

/** The standard library folder of the machine's python3, or undefined without one. */
export function pythonStdlib(): string | undefined {
  const result = spawnSync('python3', ['-c', 'import sysconfig; print(sysconfig.get_paths()["stdlib"])'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}
