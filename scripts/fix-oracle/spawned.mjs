// A child process run to its end, its output collected: what the oracle's CLI
// runs, its Python judge and the package test runs all need.
import { spawn } from 'node:child_process';

/**
 * Runs `command args` and resolves to `{ status, stdout, stderr }` once it
 * closes (rejects when it cannot start). `input`, when given, is written to its
 * standard input; otherwise that is closed.
 */
export function spawned(command, args, { cwd, env, input } = {}) {
  return new Promise((resolve, reject) => {
    const stdin = input === undefined ? 'ignore' : 'pipe';
    const child = spawn(command, args, { cwd, env, stdio: [stdin, 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    child.stdout.on('data', (chunk) => out.push(chunk));
    child.stderr.on('data', (chunk) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (status) =>
      resolve({
        status,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      }),
    );
    if (input !== undefined) child.stdin.end(input);
  });
}
