// MEM204's premise, measured: each case of the documented example (an array
// grown with np.vstack, a frame grown with pd.concat) is run at data scale
// under tracemalloc, as written and as the documented replacement
// (preallocated storage filled in place), by every CPython with numpy (the
// array) or pandas (the frame). Both must compute the same value; the growing
// loop must peak at the two copies the message says, and the replacement at one.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mem204 } from '../../server/src/rules/mem204-concat-in-loop';
import { assertSameValues, documentedExample, forInterpretersWith, resultBytes, type DocumentedCase } from '../support/premises';
import { tracedRuns, type CaseRun } from '../support/tracedPeaks';

const BLOCKS = 100;
const SIZE = 1000;
/** 10^5 rows arriving in blocks, made inside the loop as a reader would make them. */
const DATA = `blocks = ${BLOCKS}
size = ${SIZE}

def read_block(i):
    return np.full((size, 3), float(i))

def read_frame(i):
    return pd.DataFrame({"a": np.full(size, float(i)), "b": np.arange(size, dtype=float)})
`;

/**
 * "old and new alive (2× peak)": at the last pass the old value (all but one
 * block) and the new one are alive, 2 - 1/BLOCKS of the result; 2.5% below 2
 * covers that block and nothing more.
 */
const GROWING_PEAK = 1.975;
/** Preallocated: the result plus one block being copied in (1%) and pandas' own objects: 5% in all. */
const FILLED_PEAK = 1.05;

function assertClaim(documented: DocumentedCase, before: CaseRun, after: CaseRun): void {
  assert.match(documented.finding.message, /^Old and new `\w+` alive \(2× peak\)/);
  assert.equal(documented.fixed, documented.before, 'MEM204 offers no fix');
  const bytes = resultBytes(before, Object.keys(before.values));
  assert.ok(before.peak >= GROWING_PEAK * bytes, `${documented.before}: peaks at ${before.peak} B for ${bytes} B, not two copies`);
  assert.ok(after.peak <= FILLED_PEAK * bytes, `${documented.after}: peaks at ${after.peak} B for ${bytes} B, more than one copy`);
}

function caseFor(module: 'numpy' | 'pandas', documented: DocumentedCase): boolean {
  return module === 'pandas' ? documented.before.includes('pd.') : !documented.before.includes('pd.');
}

describe('MEM204: preallocation lowers the peak as the message says', () => {
  for (const module of ['numpy', 'pandas'] as const) {
    forInterpretersWith(module, (python, label) => {
      it(`${label}: ${module} growth in a loop against storage filled in place, ${BLOCKS * SIZE} rows`, async (t) => {
        const { imports, cases } = await documentedExample(mem204);
        const chosen = cases.filter((documented) => caseFor(module, documented));
        assert.ok(chosen.length > 0, `the documented example has a ${module} case`);
        // The imports paragraph names pandas too: interpreters without it measure the numpy case alone.
        const importable = module === 'numpy' ? imports.replace(/^import pandas as pd$/m, 'pd = None') : imports;
        const measured = tracedRuns(python, `${importable}\n${DATA}`, chosen.flatMap((documented) => [documented.before, documented.after]));
        t.diagnostic(measured.interpreter);
        chosen.forEach((documented, index) => {
          const [before, after] = measured.runs.slice(index * 2, index * 2 + 2) as [CaseRun, CaseRun];
          t.diagnostic(`${documented.before.split('\n')[0]}…: ${before.peak} B; preallocated ${after.peak} B`);
          assertSameValues(before, after, `replacement of ${documented.before}`);
          assertClaim(documented, before, after);
        });
      });
    });
  }
});
