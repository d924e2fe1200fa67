// One suite per interpreter: every oracle case estimated with the layout of the
// interpreter's version and compared with what that interpreter measures, all
// cases in one process.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import {
  CPYTHON,
  cpythonLayout,
  DEFAULT_PYTHON_VERSION,
  PYTHON_VERSIONS,
  type PythonVersion,
} from '../../server/src/sizes/cpython';
import type { CPythonLayout } from '../../server/src/sizes/cpython';
import type { Estimate } from '../../server/src/estimates/estimate';
import type { Size } from '../../server/src/sizes/size';
import { ORACLE_CASES } from './oracleCases';
import { estimateProgram, measureInPython, programOf, type Measurement, type SizeCase } from './sizes';

/** Equal for exact figures, within 5% for approximate ones. */
function assertSize(actual: Size, expected: number, what: string, python: string): void {
  assert.equal(actual.perCount, undefined, `${what}: expected a plain number of bytes`);
  if (actual.approximate) {
    const error = Math.abs(actual.bytes - expected) / expected;
    assert.ok(
      error <= 0.05,
      `${what}: estimated ${actual.bytes}, ${python} says ${expected} (${(error * 100).toFixed(1)}% off)`,
    );
  } else {
    assert.equal(actual.bytes, expected, `${what}: estimated ${actual.bytes}, ${python} says ${expected}`);
  }
}

export function caseName(sizeCase: SizeCase): string {
  const name = sizeCase.setup ? `${sizeCase.setup.replace(/\n/g, '; ')}; ${sizeCase.expression}` : sizeCase.expression;
  return name.length > 100 ? `${name.slice(0, 97)}...` : name;
}

const olderThan = (version: PythonVersion, since: PythonVersion): boolean =>
  PYTHON_VERSIONS.indexOf(version) < PYTHON_VERSIONS.indexOf(since);

/** Whether release `version` ("1.19.5", "2.0.0rc1") comes before `since` ("1.22"), by their numbers. */
function releaseBefore(version: string, since: string): boolean {
  const numbers = (release: string): number[] => release.split('.').map((part) => Number.parseInt(part, 10) || 0);
  const [have, want] = [numbers(version), numbers(since)];
  for (let index = 0; index < want.length; index++) {
    const difference = (have[index] ?? 0) - want[index]!;
    if (difference !== 0) return difference < 0;
  }
  return false;
}

/**
 * Checks the oracle cases against `python`. With `expected`, the interpreter
 * must be that version; without, any version the model has a table for.
 */
/** Why a case does not apply to this interpreter (a newer Python, a module it lacks or an older release of it), if it does not. */
export function whyNotApplicable(
  sizeCase: SizeCase,
  truth: { readonly missingModule?: string; readonly moduleVersion?: string },
  python: string,
  version: PythonVersion,
): string | undefined {
  if (sizeCase.since && olderThan(version, sizeCase.since))
    return `needs Python ${sizeCase.since}+; ${python} is ${version}`;
  if (truth.missingModule) return `${python} cannot import ${truth.missingModule}`;
  const moduleSince = sizeCase.moduleSince;
  if (moduleSince && truth.moduleVersion && releaseBefore(truth.moduleVersion, moduleSince.version)) {
    return `not applicable to ${sizeCase.module} ${truth.moduleVersion} (${python}): the model describes ${sizeCase.module} ${moduleSince.version}+; ${moduleSince.why}`;
  }
  return undefined;
}

export function describeOracle(
  python: string,
  expected?: PythonVersion,
  cases: readonly SizeCase[] = ORACLE_CASES,
): void {
  describe(`size estimates agree with ${python}`, () => {
    const estimates: (Estimate | undefined)[] = [];
    let measured: readonly Measurement[] = [];
    let layout: CPythonLayout | undefined;

    before(async () => {
      const programs = cases.map(programOf);
      // The alternative's code does not depend on the version; the sizes do.
      const first = await Promise.all(
        programs.map((program) => estimateProgram(program, CPYTHON[DEFAULT_PYTHON_VERSION])),
      );
      const measurements = measureInPython(
        programs.map((program, index) => ({
          program,
          ...(first[index]?.alternative ? { alternative: first[index]!.alternative!.code } : {}),
          ...(cases[index]!.module ? { module: cases[index]!.module } : {}),
        })),
        python,
      );
      layout = cpythonLayout(measurements.version);
      if (!layout || measurements.pointerSize !== layout.pointer) {
        throw new Error(
          `${python} is ${measurements.version} with ${measurements.pointerSize}-byte pointers; the size model has no table for it`,
        );
      }
      if (expected && layout.version !== expected)
        throw new Error(`${python} is ${measurements.version}, not ${expected}`);
      estimates.push(
        ...(layout === CPYTHON[DEFAULT_PYTHON_VERSION]
          ? first
          : await Promise.all(programs.map((program) => estimateProgram(program, layout!)))),
      );
      measured = measurements.results;
    });

    for (const [index, sizeCase] of cases.entries()) {
      it(caseName(sizeCase), (t) => {
        assert.ok(layout, 'no layout');
        const truth = measured[index]!;
        const notApplicable = whyNotApplicable(sizeCase, truth, python, layout.version);
        if (notApplicable) {
          t.skip(notApplicable);
          return;
        }
        const estimate = estimates[index];
        assert.equal(truth.error, undefined, `${python} could not run the case: ${truth.error}`);
        assert.ok(estimate, 'no estimate');
        assertSize(estimate.shallow, truth.shallow!, 'shallow', python);
        assert.ok(estimate.deep, 'no deep estimate');
        assertSize(estimate.deep, truth.deep!, 'deep', python);
        if (estimate.alternative)
          assertSize(estimate.alternative.size, truth.alternative!, `alternative ${estimate.alternative.code}`, python);
      });
    }
  });
}
