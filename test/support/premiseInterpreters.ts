// The interpreters a rule's measured premise is checked on: the machine's
// python3 (or Debian's /usr/bin/python3, where apt puts python3-pandas), then
// each CPython scripts/pythons/install.sh provides. One that is missing, or
// cannot import what the measurement needs, is skipped with the reason, and
// under CI=true is a failure: there install.sh and .ci/run provide them all.
import { spawnSync } from 'node:child_process';
import { DEBIAN_PYTHONS, interpreterFor, missingInterpreter, python3Version } from './pythons';

export type PremiseInterpreter =
  | { readonly label: string; readonly python: string; readonly problem?: undefined }
  /** `fail`: under CI, where the interpreter should be there, the test fails with `problem` instead of skipping. */
  | { readonly label: string; readonly python?: undefined; readonly problem: string; readonly fail: boolean };

/** Interpreters tried for the machine's own CPython version, in order. */
const PYTHON3_CANDIDATES = ['python3', '/usr/bin/python3'];

function imports(python: string, modules: readonly string[]): boolean {
  const script = `import ${['sys', ...modules].join(', ')}`;
  return spawnSync(python, ['-c', script], { stdio: 'ignore' }).status === 0;
}

function versionOf(python: string): string | undefined {
  const result = spawnSync(python, ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/** python3's version first, then each of install.sh's: the interpreter to measure with, or why there is none. */
export function premiseInterpreters(modules: readonly string[] = []): PremiseInterpreter[] {
  const inCI = process.env['CI'] === 'true';
  const needs = modules.length > 0 ? ` with ${modules.join(', ')}` : '';
  const own = python3Version();
  const found: PremiseInterpreter[] = [];
  const python3 = PYTHON3_CANDIDATES.find((python) => versionOf(python) === own && imports(python, modules));
  found.push(
    python3 && own
      ? { label: `python${own} (${python3})`, python: python3 }
      : { label: `python3${needs}`, problem: `none of ${PYTHON3_CANDIDATES.join(', ')} is a python${own ?? '3'}${needs} (Debian: apt-get install python3-pandas)`, fail: inCI },
  );
  for (const version of DEBIAN_PYTHONS) {
    if (version === own) continue;
    const python = interpreterFor(version);
    if (!python) {
      const missing = missingInterpreter(version);
      found.push({ label: `python${version}`, problem: missing.message, fail: missing.fail });
    } else if (!imports(python, modules)) {
      found.push({ label: `python${version}`, problem: `${python} cannot import ${modules.join(', ')}: run scripts/pythons/install.sh`, fail: inCI });
    } else {
      found.push({ label: `python${version}`, python });
    }
  }
  return found;
}

/** The test's skip option: the reason to skip, or false to run it (it then fails on a missing interpreter under CI). */
export function skipUnlessMeasurable(target: PremiseInterpreter): string | false {
  return target.problem !== undefined && !target.fail ? `skipped: ${target.problem}` : false;
}
