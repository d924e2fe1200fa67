// The CPythons a premise is measured on: every version the suite has, each
// with the modules the measured code imports, or a test saying why not.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test, type TestContext } from 'node:test';
import { PYTHON_VERSIONS, type PythonVersion } from '../../server/src/sizes/cpython';
import { DEBIAN_PYTHONS, interpreterFor, missingInterpreter, python3Version } from './pythons';

const PYTHON3_VERSION = python3Version();

/**
 * A module some premise needs. The suite installs each of them for every
 * version it has: .ci/run installs Debian's python3-pandas (and with it
 * python3-numpy) for the machine's python3, scripts/pythons/install.sh numpy
 * and pandas with 3.9 and 3.13. A module added here must be added to both.
 */
export type SuiteModule = 'numpy' | 'pandas';

/** Whether the suite installs this version (and so its modules): elsewhere anything missing is a skip, even under CI. */
function suiteHas(version: string): boolean {
  return version === PYTHON3_VERSION || (DEBIAN_PYTHONS as readonly string[]).includes(version);
}

function imports(python: string, modules: readonly SuiteModule[]): boolean {
  return spawnSync(python, ['-c', modules.map((module) => `import ${module}`).join('; ') || 'pass'], { stdio: 'ignore' }).status === 0;
}

/** Interpreters of one minor version to try: for python3's version also Debian's /usr/bin/python3, where apt installs modules. */
function candidatesFor(version: PythonVersion): string[] {
  if (version !== PYTHON3_VERSION) {
    const python = interpreterFor(version);
    return python ? [python] : [];
  }
  const debian = spawnSync('/usr/bin/python3', ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])'], { encoding: 'utf8' });
  return debian.status === 0 && debian.stdout.trim() === version ? ['python3', '/usr/bin/python3'] : ['python3'];
}

export interface PremisePython {
  readonly version: PythonVersion;
  /** The command that runs it. */
  readonly python: string;
}

type Availability = { readonly python: PremisePython } | { readonly skip: string } | { readonly fail: string };

function availability(version: PythonVersion, modules: readonly SuiteModule[]): Availability | undefined {
  const candidates = candidatesFor(version);
  if (candidates.length === 0) {
    // Versions the suite does not install are not listed at all: there is nothing to do about them.
    if (!suiteHas(version)) return undefined;
    const missing = missingInterpreter(version);
    return missing.fail ? { fail: missing.message } : { skip: missing.message };
  }
  const python = candidates.find((candidate) => imports(candidate, modules));
  if (python) return { python: { version, python } };
  const reason = `no python${version} here can import ${modules.join(', ')} (tried ${candidates.join(', ')})`;
  if (!suiteHas(version)) return { skip: `${reason}, and the suite installs none there` };
  const hint = version === PYTHON3_VERSION ? `apt-get install ${modules.map((module) => `python3-${module}`).join(' ')} (Debian)` : 'run scripts/pythons/install.sh';
  return process.env.CI === 'true' ? { fail: `${reason}: ${hint}` } : { skip: `${reason}: ${hint}` };
}

/**
 * Declares one test per CPython the suite has (python3's version, and the
 * versions scripts/pythons/install.sh provides), named `title (pythonX.Y)`.
 * An interpreter or module that is missing makes a skipped test saying why,
 * or a failing one under CI (CI=true) where the suite should have installed it.
 */
export function forEachPython(title: string, body: (python: PremisePython, context: TestContext) => void | Promise<void>, modules: readonly SuiteModule[] = []): void {
  for (const version of PYTHON_VERSIONS) {
    const available = availability(version, modules);
    if (!available) continue;
    const name = `${title} (python${version})`;
    if ('python' in available) test(name, (context) => body(available.python, context));
    else if ('skip' in available) test(name, { skip: available.skip }, () => {});
    else test(name, () => assert.fail(available.fail));
  }
}
