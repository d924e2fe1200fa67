// Dict displays long enough to be built in chunks (more than 15 pairs from
// 3.10): the key table after the chunks are merged, against python3.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { CPYTHON, DEFAULT_PYTHON_VERSION } from '../../server/src/sizes/cpython';
import type { Estimate } from '../../server/src/estimates/estimate';
import { estimateProgram, measureInPython, programOf, type Measurement, type SizeCase } from '../support/sizes';

/** A display of `count` pairs whose keys come from `key(i)` and values from `value(i)`. */
function display(count: number, key: (i: number) => string, value: (i: number) => string = (i) => String(i)): string {
  return `{${Array.from({ length: count }, (_, i) => `${key(i)}: ${value(i)}`).join(', ')}}`;
}

const str = (i: number): string => `'k${i}'`;
const num = (i: number): string => String(i * 7);

const CASES: SizeCase[] = [
  ...[15, 16, 17, 18, 19, 20, 21, 22, 31, 32, 33, 34, 35, 43, 44, 50, 64, 90, 100, 200, 341, 500].flatMap((count) => [
    { expression: display(count, str) },
    { expression: display(count, num) },
  ]),
  // a key that is not a str: in the first chunk, in a later chunk, first of all
  ...[18, 20, 40, 60, 120].flatMap((count) => [
    { expression: display(count, (i) => (i === 3 ? '3' : str(i))) },
    { expression: display(count, (i) => (i === count - 1 ? '3.5' : str(i))) },
    { expression: display(count, (i) => (i === 0 ? 'None' : str(i))) },
    { expression: display(count, (i) => (i < count / 2 ? num(i) : str(i))) },
  ]),
  // keys repeated across chunks replace values, not add entries
  { expression: display(40, (i) => `'k${i % 20}'`) },
  { expression: display(60, (i) => String(i % 17)) },
  { expression: display(36, (i) => (i < 18 ? str(i) : `'k${i - 18}'`)) },
  // values that are names or displays: the same chunks, made by BUILD_MAP n instead of BUILD_CONST_KEY_MAP
  { setup: 'x = 1000', expression: display(25, str, () => 'x') },
  { setup: 'x = 1000', expression: display(50, num, (i) => (i % 2 ? 'x' : `[${i}]`)) },
];

describe('dict displays of many pairs agree with python3', () => {
  const estimates: (Estimate | undefined)[] = [];
  let measured: readonly Measurement[] = [];
  const layout = CPYTHON[DEFAULT_PYTHON_VERSION];

  before(async () => {
    const programs = CASES.map(programOf);
    estimates.push(...(await Promise.all(programs.map((program) => estimateProgram(program, layout)))));
    const measurements = measureInPython(programs.map((program) => ({ program })));
    assert.equal(measurements.version, layout.version, 'these cases are checked against the default version');
    measured = measurements.results;
  });

  for (const [index, sizeCase] of CASES.entries()) {
    const name = `${sizeCase.setup ? `${sizeCase.setup}; ` : ''}${sizeCase.expression}`;
    it(name.length > 100 ? `${name.slice(0, 97)}...` : name, () => {
      const estimate = estimates[index];
      const truth = measured[index]!;
      assert.equal(truth.error, undefined, truth.error);
      assert.ok(estimate, 'no estimate');
      assert.equal(estimate.shallow.approximate, false);
      assert.equal(estimate.shallow.bytes, truth.shallow, 'shallow');
      assert.equal(estimate.deep?.bytes, truth.deep, 'deep');
    });
  }
});
