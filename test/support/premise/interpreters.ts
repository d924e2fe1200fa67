// The CPythons a premise is measured on: one per version the suite has, each
// with the modules the measured code imports, or a test saying why not.
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { PYTHON_VERSIONS, type PythonVersion } from '../../../server/src/sizes/cpython';
import {
  DEBIAN_PYTHON3,
  DEBIAN_PYTHONS,
  importsAll,
  interpretersOf,
  missingInterpreter,
  python3Version,
  versionOf,
} from '../pythons';

/**
 * A module some premise needs. The suite installs each of them for every
 * version it has: .ci/run installs Debian's python3-numpy, python3-pandas,
 * python3-scipy and python3-requests for /usr/bin/python3,
 * scripts/pythons/install.sh the same with 3.9 and 3.13. A module added here
 * must be added to both.
 */
export type SuiteModule = 'numpy' | 'pandas' | 'scipy' | 'requests';

/**
 * A module the suite installs for Debian's /usr/bin/python3 alone: .ci/run
 * installs python3-torch there (a CPU build, 1.13 on bookworm); install.sh
 * unpacks none for 3.9 or 3.13, whose suites' builds need other libraries.
 */
export type DebianModule = 'torch';

export interface PremisePython {
  readonly version: PythonVersion;
  /** The command that runs it. */
  readonly python: string;
}

type Availability = { readonly python: PremisePython } | { readonly skip: string } | { readonly fail: string };

/** The versions whose interpreter and modules the suite installs: python3's and Debian's (.ci/run), install.sh's. */
function suiteHas(version: PythonVersion): boolean {
  return version === python3Version() || version === versionOf(DEBIAN_PYTHON3) || DEBIAN_PYTHONS.includes(version);
}

function whereToGet(version: PythonVersion, modules: readonly SuiteModule[]): string {
  if (DEBIAN_PYTHONS.includes(version)) return 'run scripts/pythons/install.sh';
  return `apt-get install ${modules.map((module) => `python3-${module}`).join(' ')} (Debian; .ci/run does)`;
}

/** Why a missing interpreter or module is a skip here, or a failure under CI where the suite provides it. */
function missing(version: PythonVersion, reason: string): Availability {
  return process.env.CI === 'true' && suiteHas(version) ? { fail: reason } : { skip: reason };
}

/** How to measure on `version`, or why not; undefined for versions the suite does not have and this machine lacks. */
function availability(version: PythonVersion, modules: readonly SuiteModule[]): Availability | undefined {
  const candidates = interpretersOf(version);
  if (candidates.length === 0) {
    if (!suiteHas(version)) return undefined;
    return missing(version, missingInterpreter(version).message);
  }
  const python = candidates.find((candidate) => importsAll(candidate, modules));
  if (python) return { python: { version, python } };
  const reason = `no python${version} here can import ${modules.join(', ')} (tried ${candidates.join(', ')})`;
  return suiteHas(version)
    ? missing(version, `${reason}: ${whereToGet(version, modules)}`)
    : { skip: `${reason}, and the suite installs none there` };
}

/**
 * Declares one test per CPython the suite has (python3's version, and the
 * versions scripts/pythons/install.sh provides), named `title (pythonX.Y)`.
 * An interpreter or module that is missing makes a skipped test saying why,
 * or a failing one under CI (CI=true) where the suite should have installed it.
 */
export function forEachPython(
  title: string,
  body: (python: PremisePython, context: TestContext) => void | Promise<void>,
  modules: readonly SuiteModule[] = [],
): void {
  for (const version of PYTHON_VERSIONS) {
    const available = availability(version, modules);
    if (!available) continue;
    const name = `${title} (python${version})`;
    if ('python' in available) {
      test(name, (context) => {
        context.diagnostic(`measured with ${available.python.python}`);
        return body(available.python, context);
      });
    } else if ('skip' in available) test(name, { skip: available.skip }, () => {});
    else test(name, () => assert.fail(available.fail));
  }
}

/**
 * Declares one test, named `title (Debian's pythonX.Y)`, measured with
 * /usr/bin/python3 alone: the one interpreter the suite installs `modules`
 * for. A machine without them makes a skipped test saying why, or a failing
 * one under CI (CI=true), where .ci/run installs them.
 */
export function onDebianPython(
  title: string,
  body: (python: PremisePython, context: TestContext) => void | Promise<void>,
  modules: readonly DebianModule[],
): void {
  const version = versionOf(DEBIAN_PYTHON3) as PythonVersion | undefined;
  const name = `${title} (Debian's python${version ?? '3'})`;
  const reason =
    version === undefined
      ? `${DEBIAN_PYTHON3} does not run: the suite measures ${modules.join(', ')} there alone`
      : importsAll(DEBIAN_PYTHON3, modules)
        ? undefined
        : `${DEBIAN_PYTHON3} cannot import ${modules.join(', ')}: apt-get install ${modules.map((module) => `python3-${module}`).join(' ')} (Debian; .ci/run does)`;
  if (reason === undefined) {
    test(name, (context) => {
      context.diagnostic(`measured with ${DEBIAN_PYTHON3} alone: the suite installs ${modules.join(', ')} for it only`);
      return body({ version: version!, python: DEBIAN_PYTHON3 }, context);
    });
  } else if (process.env.CI === 'true') test(name, () => assert.fail(`cannot run under CI: ${reason}`));
  else test(name, { skip: reason }, () => {});
}
