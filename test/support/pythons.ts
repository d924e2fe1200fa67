// The CPython builds other than python3 that the size model is checked
// against: those scripts/pythons/install.sh unpacks from Debian's archive into
// a cache folder, or a python3.X on PATH.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { PYTHON_VERSIONS, type PythonVersion } from '../../server/src/sizes/cpython';

/** What scripts/pythons/install.sh installs (Debian has no 3.8, 3.10 or 3.12 in its current suites). */
export const DEBIAN_PYTHONS: readonly PythonVersion[] = ['3.9', '3.13'];

/** The cache folder of scripts/pythons/install.sh: $MEMHINTS_PYTHONS, else ~/.cache/memhints-pythons. */
export function pythonsFolder(): string {
  return process.env.MEMHINTS_PYTHONS || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'memhints-pythons');
}

function runs(command: string): boolean {
  return spawnSync(command, ['-c', 'import sys'], { stdio: 'ignore' }).status === 0;
}

/** The interpreter for `version`: the installed wrapper, else python3.X on PATH; undefined when neither runs. */
export function interpreterFor(version: PythonVersion): string | undefined {
  const wrapper = join(pythonsFolder(), 'bin', `python${version}`);
  try {
    accessSync(wrapper, constants.X_OK);
    if (runs(wrapper)) return wrapper;
  } catch {
    // not installed there
  }
  return runs(`python${version}`) ? `python${version}` : undefined;
}

/** The minor version of the machine's python3 ("3.11"), or undefined without one. */
export function python3Version(): string | undefined {
  const result = spawnSync('python3', ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/** Why a version is not checked, or a failure under CI when install.sh should have provided it. */
export function missingInterpreter(version: PythonVersion): { readonly fail: boolean; readonly message: string } {
  if (!DEBIAN_PYTHONS.includes(version)) {
    return { fail: false, message: `no CPython ${version} to check against: Debian's archive has none; put a python${version} on PATH to check it` };
  }
  const message = `python${version} is not installed in ${pythonsFolder()}: run scripts/pythons/install.sh (npm test runs it)`;
  return { fail: process.env.CI === 'true', message };
}

/**
 * Declares `suite` for each CPython version but python3's own (its suite checks
 * that one) whose interpreter is installed. A missing one is a skipped suite
 * named `title(version)`, or a failure under CI when install.sh provides it.
 */
export function forOtherInterpreters(title: (version: PythonVersion) => string, suite: (python: string, version: PythonVersion) => void): void {
  const fromPython3 = python3Version();
  for (const version of PYTHON_VERSIONS) {
    if (version === fromPython3) continue;
    const python = interpreterFor(version);
    if (python) {
      suite(python, version);
      continue;
    }
    const missing = missingInterpreter(version);
    if (missing.fail) it(`python${version} is installed`, () => assert.fail(missing.message));
    else describe(title(version), { skip: missing.message }, () => {});
  }
}
