// Running the built `memhints` command and python3 on throwaway directories.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { TestContext } from 'node:test';
import { CLI_BIN } from './paths';

export interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * `memhints check` reports small findings too here (--report-small): these
 * tests' sources hold a few literals, and what they test is how the command
 * finds, reports and fixes them. test/cli/scale.slow.test.ts runs the defaults
 * (memhintsAsShipped). `as`: the user and group to run as (the caller must be root).
 */
export function memhints(
  args: readonly string[],
  cwd: string,
  as?: { readonly uid: number; readonly gid: number },
): Run {
  return memhintsAsShipped(
    args[0] === 'check' && !args.includes('--report-small') ? ['check', '--report-small', ...args.slice(1)] : args,
    cwd,
    as,
  );
}

/** The command as a user runs it, with its default settings. */
export function memhintsAsShipped(
  args: readonly string[],
  cwd: string,
  as?: { readonly uid: number; readonly gid: number },
): Run {
  // A JSON report of many files passes spawnSync's default 1 MiB.
  const result = spawnSync(process.execPath, [CLI_BIN, ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    ...as,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function python(file: string, cwd: string): Run {
  const result = spawnSync('python3', [file], { cwd, encoding: 'utf8' });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A new temporary directory holding the given files (paths with '/' create folders), removed after the test. */
export function project(t: TestContext, files: Readonly<Record<string, string | Uint8Array>>): string {
  const root = mkdtempSync(join(tmpdir(), 'memhints-cli-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  for (const [path, content] of Object.entries(files)) {
    const file = join(root, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return root;
}

/** The findings of `--format json`, parsed. */
export interface JsonFinding {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly code: string;
  readonly message: string;
  readonly severity: string;
  readonly scale: 'small' | 'large' | 'unknown';
  readonly holds: null | {
    bytes: number;
    perItem: number | null;
    count: string | null;
    approximate: boolean;
    text: string;
  };
  readonly fix: null | {
    readonly safety: 'safe' | 'unsafe';
    readonly edits: readonly { line: number; column: number; endLine: number; endColumn: number; text: string }[];
  };
  readonly related?: readonly { line: number; column: number; endLine: number; endColumn: number; message: string }[];
}

/** The keys of a JSON finding, in the order the output contract gives them; a notebook's finding has `cell` after `file`. */
export const FINDING_KEYS: readonly string[] = [
  'file',
  'line',
  'column',
  'endLine',
  'endColumn',
  'code',
  'message',
  'severity',
  'scale',
  'holds',
  'fix',
];

export function jsonFindings(run: Run): JsonFinding[] {
  return JSON.parse(run.stdout) as JsonFinding[];
}

/** Stack traces have lines starting with "at "; a user error must not print one. */
export function hasStackTrace(text: string): boolean {
  return /^\s+at /m.test(text);
}
