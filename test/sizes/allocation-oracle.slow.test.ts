// The allocation model (test/support/allocationTables.ts, allocatedSize.ts) against
// tracemalloc, under the machine's python3 and the other CPython builds
// versions-oracle.slow.test.ts checks (3.9 and 3.13 when installed).
//
// tracemalloc counts what the expression's own code still holds once the
// value is made (test/support/allocations.ts), with the bytes each block
// requested. The cases are the oracle cases (test/support/oracleCases.ts)
// whose allocated figure, by the model, is at least 16 KiB: below that, what
// an evaluation keeps besides its value (3.9 keeps a frame of about 400 B on
// each comprehension's code object) is more than 2% of it. That leaves out
// the constants of the code object (literals and what Python/ast_opt.c
// folds), whose bytes exist before the expression runs: the oracle has no
// literal of 16 KiB, and ast_opt.c folds no str over 4096 characters and no
// collection over 256 items. Of the cases selected, the ones
// whose objects free lists could serve for more than 2% of the figure are
// skipped with that share: tracemalloc sees no request for an object taken
// from a free list, and how full the lists are depends on what ran before.
// EXCLUDED lists the ones the model cannot predict, with why. The figure must
// be within 5% of what tracemalloc measures.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { CPYTHON, cpythonLayout, DEFAULT_PYTHON_VERSION, type PythonVersion } from '../../server/src/sizes/cpython';
import { allocatedSize, type AllocatedSize } from '../support/allocatedSize';
import { measureAllocations, type AllocationMeasurement } from '../support/allocations';
import { caseName, whyNotApplicable } from '../support/oracle';
import { ORACLE_CASES } from '../support/oracleCases';
import { forOtherInterpreters } from '../support/pythons';
import { estimateProgram, programOf, type SizeCase } from '../support/sizes';

const SMALLEST_CASE = 16 * 1024;
const LARGEST_FREE_LIST_SHARE = 0.02;
const TOLERANCE = 0.05;
const MINIMUM_CASES = 30;

/** Cases the model cannot predict from the value alone. */
const EXCLUDED: ReadonlyMap<string, string> = new Map([
  [
    '[x + 2**40 for x in range(1000)]',
    'Objects/longobject.c x_add requests one digit more than the operands have (_PyLong_New(size_a + 1)) and long_normalize keeps the block: ' +
      'each two-digit sum holds 36 B where a two-digit int from PyLong_FromLong holds 32; how an int was computed, not its value, sets its request',
  ],
]);

interface Selected {
  readonly sizeCase: SizeCase;
  /** Why the case is not checked, when it is not. */
  readonly skip?: string;
}

/** The oracle cases of at least SMALLEST_CASE bytes, by the model for the default version. */
async function selectCases(): Promise<Selected[]> {
  const layout = CPYTHON[DEFAULT_PYTHON_VERSION];
  const selected: Selected[] = [];
  for (const sizeCase of ORACLE_CASES) {
    const estimate = await estimateProgram(programOf(sizeCase), layout);
    const allocated = estimate && allocatedSize(estimate, layout);
    if (!allocated || allocated.bytes < SMALLEST_CASE) continue;
    const excluded = EXCLUDED.get(sizeCase.expression);
    const freeListShare = allocated.freeListBytes / allocated.bytes;
    if (excluded) selected.push({ sizeCase, skip: excluded });
    else if (freeListShare > LARGEST_FREE_LIST_SHARE) {
      selected.push({
        sizeCase,
        skip: `free lists could serve ${allocated.freeListBytes} of its ${allocated.bytes} B (${(freeListShare * 100).toFixed(0)}%), and tracemalloc sees none of those`,
      });
    } else selected.push({ sizeCase });
  }
  return selected;
}

function describeAllocations(python: string, expected: PythonVersion | undefined, selected: readonly Selected[]): void {
  describe(`allocated sizes agree with tracemalloc under ${python}`, () => {
    let version = '';
    let measured: readonly AllocationMeasurement[] = [];
    const estimates: (AllocatedSize | undefined)[] = [];
    const cases = selected.map((entry) => entry.sizeCase);

    before(async () => {
      const measurements = measureAllocations(cases, python);
      const layout = cpythonLayout(measurements.version);
      if (!layout) throw new Error(`${python} is ${measurements.version}; the size model has no table for it`);
      if (expected && layout.version !== expected)
        throw new Error(`${python} is ${measurements.version}, not ${expected}`);
      version = layout.version;
      measured = measurements.results;
      for (const sizeCase of cases) {
        const estimate = await estimateProgram(programOf(sizeCase), layout);
        estimates.push(estimate && allocatedSize(estimate, layout));
      }
    });

    for (const [index, { sizeCase, skip }] of selected.entries()) {
      it(caseName(sizeCase), (t) => {
        if (skip) {
          t.skip(skip);
          return;
        }
        const truth = measured[index]!;
        const notApplicable = whyNotApplicable(sizeCase, truth, python, version as PythonVersion);
        if (notApplicable) {
          t.skip(notApplicable);
          return;
        }
        assert.equal(truth.error, undefined, `${python} could not run the case: ${truth.error}`);
        const estimate = estimates[index];
        assert.ok(estimate, 'no allocated size');
        const allocated = truth.allocated!;
        const error = Math.abs(estimate.bytes - allocated) / allocated;
        t.diagnostic(`model ${estimate.bytes} B, tracemalloc ${allocated} B, ${(error * 100).toFixed(2)}% off`);
        assert.ok(
          error <= TOLERANCE,
          `allocated: estimated ${estimate.bytes}, tracemalloc under ${python} says ${allocated} (${(error * 100).toFixed(1)}% off)`,
        );
      });
    }
  });
}

describe('allocation oracle', async () => {
  const selected = await selectCases();

  it(`checks at least ${MINIMUM_CASES} cases`, () => {
    const checked = selected.filter((entry) => !entry.skip).length;
    assert.ok(
      checked >= MINIMUM_CASES,
      `only ${checked} oracle cases allocate ${SMALLEST_CASE} B or more by the model and are not skipped`,
    );
  });

  describeAllocations('python3', undefined, selected);
  forOtherInterpreters(
    (version) => `allocated sizes under CPython ${version}`,
    (python, version) => describeAllocations(python, version, selected),
  );
});
