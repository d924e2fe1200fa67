// Finding CPythons: the machine's python3, Debian's /usr/bin/python3 (where
// apt installs python3-numpy and python3-pandas), and the builds other than
// python3 that the size model is checked against: those
// scripts/pythons/install.sh unpacks from Debian's archive into a cache
// folder, or a python3.X on PATH. Each answer is asked of an interpreter once
// per process: a test file declares many tests per interpreter.
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
function pythonsFolder(): string {
  return (
    process.env.MEMHINTS_PYTHONS || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'memhints-pythons')
  );
}

/** Where apt installs Debian's python3 packages. */
export const DEBIAN_PYTHON3 = '/usr/bin/python3';

function remembered<T>(answer: (key: string) => T): (key: string) => T {
  const answers = new Map<string, T>();
  return (key) => {
    if (!answers.has(key)) answers.set(key, answer(key));
    return answers.get(key)!;
  };
}

const runs = remembered((command) => spawnSync(command, ['-c', 'import sys'], { stdio: 'ignore' }).status === 0);

/** The minor version a command runs ("3.11"), or undefined when it does not run. */
export const versionOf = remembered((command): string | undefined => {
  const result = spawnSync(command, ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
});

const importsAllOf = remembered((key) => {
  const [command, ...modules] = key.split('\0');
  return (
    spawnSync(command!, ['-c', ['import sys', ...modules.map((module) => `import ${module}`)].join('; ')], {
      stdio: 'ignore',
    }).status === 0
  );
});

/** Whether the command runs and imports every module. */
export function importsAll(command: string, modules: readonly string[]): boolean {
  return importsAllOf([command, ...modules].join('\0'));
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
  return versionOf('python3');
}

let python3Program: string | undefined;

/**
 * The program python3 names (sys.executable), so that a PATH shim such as
 * pyenv's is not run again on every spawn; python3 itself when it cannot say.
 * Only python3: install.sh's wrappers set up the libraries their build needs.
 */
function python3Executable(): string {
  if (python3Program === undefined) {
    const result = spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' });
    python3Program = (result.status === 0 && result.stdout.trim()) || 'python3';
  }
  return python3Program;
}

/**
 * Every interpreter here that runs `version`, most preferred first: the
 * machine's python3, Debian's /usr/bin/python3 (where apt installs modules),
 * else install.sh's wrapper or a python3.X on PATH.
 */
export function interpretersOf(version: PythonVersion): string[] {
  const found: string[] = [];
  if (python3Version() === version) found.push(python3Executable());
  if (versionOf(DEBIAN_PYTHON3) === version && !found.includes(DEBIAN_PYTHON3)) found.push(DEBIAN_PYTHON3);
  if (found.length > 0) return found;
  const other = interpreterFor(version);
  return other ? [other] : [];
}

/** Interpreters tried for pandas, in order: the machine's python3, then Debian's (where apt's python3-pandas installs). */
const PANDAS_CANDIDATES = ['python3', DEBIAN_PYTHON3];

/** The first interpreter that can import pandas, or undefined when none can. */
function pandasPython(): string | undefined {
  return PANDAS_CANDIDATES.find((python) => importsAll(python, ['pandas']));
}

/**
 * The pandas interpreter for a test, or the reason to skip it. Under CI
 * (CI=true) a machine without pandas is an error: there the tests must run.
 */
export function pandasPythonOrSkip():
  | { readonly python: string; readonly skip?: undefined }
  | { readonly python?: undefined; readonly skip: string } {
  const python = pandasPython();
  if (python) return { python };
  const reason = `no interpreter among ${PANDAS_CANDIDATES.join(', ')} can import pandas (Debian: apt-get install python3-pandas)`;
  if (process.env['CI'] === 'true') throw new Error(`pandas tests cannot run under CI: ${reason}`);
  return { skip: `skipped: ${reason}` };
}

/** Why a version is not checked, or a failure under CI when install.sh should have provided it. */
export function missingInterpreter(version: PythonVersion): { readonly fail: boolean; readonly message: string } {
  if (!DEBIAN_PYTHONS.includes(version)) {
    return {
      fail: false,
      message: `no CPython ${version} to check against: Debian's archive has none; put a python${version} on PATH to check it`,
    };
  }
  const message = `python${version} is not installed in ${pythonsFolder()}: run scripts/pythons/install.sh (npm test runs it)`;
  return { fail: process.env.CI === 'true', message };
}

/**
 * Declares `suite` for each CPython version but python3's own (its suite checks
 * that one) whose interpreter is installed. A missing one is a skipped suite
 * named `title(version)`, or a failure under CI when install.sh provides it.
 */
export function forOtherInterpreters(
  title: (version: PythonVersion) => string,
  suite: (python: string, version: PythonVersion) => void,
): void {
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
