// MEM409's premise, measured: its documented example, a CSR matrix of
// 100,000 rows and 1,000 columns at 1% density (1,000,000 stored values),
// made untraced, then one row and the column sums read through the dense
// form, as the example writes them, and from the sparse matrix, as its fixes
// do, under tracemalloc on every CPython the suite has with scipy. The
// message says the dense copy holds rows × columns × 8 bytes: the fixes must
// lower the peak by that; the row, a view of the dense copy, keeps all of it.
//
// The matrix the rule's docs speak of, 100,000 × 10,000 at 0.1% density (a
// TF-IDF matrix of that vocabulary), densifies to 8 GB, and numpy's
// transparent hugepages make all of it resident: more than the suite can
// take on a shared machine. The claim is linear in rows × columns.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyEdits } from '../../server/src/rules/fixes';
import { mem409 } from '../../server/src/rules/mem409-densified-sparse-matrix';
import { assertClaim, type Tolerance } from '../support/premise/claims';
import { findingsOf, paragraphs } from '../support/premise/documented';
import { describeRuns, measureFix } from '../support/premise/fixRuns';
import { forEachPython } from '../support/premise/interpreters';
import { DATA_SCALE } from '../support/premise/tracedRun';

const [imports, construction, row, sums] = paragraphs(mem409.docs.example).map((paragraph) => paragraph.text);
const [, , rowAfter, sumsAfter] = paragraphs(mem409.docs.useInstead).map((paragraph) => paragraph.text);

/**
 * The example's matrix, made untraced: the CSR matrix its construction makes
 * (100,000 × 1,000, float64, 10 values a row), built from its arrays, since
 * `sparse.random` takes 7 to 20 seconds to place its values, on every run.
 */
const SETUP = String.raw`
import numpy as np
${imports}
rng = np.random.default_rng(0)
columns = (np.arange(10) * 100 + rng.integers(0, 100, (100_000, 10))).ravel()
X = sparse.csr_matrix((rng.random(1_000_000), columns, np.arange(0, 1_000_001, 10)), shape=(100_000, 1_000))
del columns
`;

const FIGURES = {
  rows: 'X.shape[0]',
  columns: 'X.shape[1]',
  stored: 'X.nnz',
  csrMatrix: 'int(type(X) is sparse.csr_matrix and X.dtype == np.float64)',
};

const TOLERANCE: Tolerance = {
  below: 0,
  above: 0.001,
  slack: 64 * 1024,
  why: 'the dense copy is rows × columns × 8 bytes and an array header; the sparse row or sums hold a few KB (the row, its 1,000 floats; the sums, 1,000 of them and their work)',
};

test('the fixes turn the documented example into its replacement: the row safe, the sums unsafe', async () => {
  const findings = await findingsOf(mem409, mem409.docs.example);
  assert.deepEqual(
    findings.map((finding) => finding.fix?.safety),
    ['safe', 'unsafe'],
  );
  const fixed = findings.reduceRight((text, finding) => applyEdits(text, finding.fix!.edits), mem409.docs.example);
  assert.equal(fixed, mem409.docs.useInstead);
  for (const finding of findings) assert.match(finding.message, /^≈ 763 MiB of a dense copy/);
});

forEachPython(
  `MEM409: one row of a ${DATA_SCALE.toLocaleString('en-US')}-row sparse matrix read through toarray() holds it all, dense`,
  async ({ python }, context) => {
    const runs = measureFix(python, {
      setup: SETUP,
      before: row!,
      after: rowAfter!,
      results: ['first'],
      figures: FIGURES,
    });
    const { rows, columns, stored } = runs.before.figures as Record<string, number>;
    const claimed = rows! * columns! * 8;
    context.diagnostic(runs.before.interpreter);
    context.diagnostic(describeRuns('row', runs, claimed));
    assert.equal(rows, DATA_SCALE);
    assert.equal(stored, rows! * columns! * 0.01);
    assert.equal(runs.before.figures.csrMatrix, 1, 'a float64 csr_matrix, as the example makes');
    assert.match(construction!, /sparse\.random\(100_000, 1_000, density=0\.01, format="csr"/);
    assertClaim('peak saved by indexing the sparse matrix first', runs.peakSaved, claimed, TOLERANCE);
    // The row is a view: as long as it lives, so does the dense copy.
    assertClaim('bytes the row keeps, less with the fix', runs.heldSaved, claimed, TOLERANCE);
  },
  ['numpy', 'scipy'],
);

forEachPython(
  `MEM409: column sums of a ${DATA_SCALE.toLocaleString('en-US')}-row sparse matrix through todense() hold it all, dense`,
  async ({ python }, context) => {
    // Summed in another order, the floats may differ in their last bits: the fix is unsafe, and compared here within a tolerance.
    const same =
      'int(type(totals) is type(X.sum(axis=0)) and totals.shape == X.sum(axis=0).shape and bool(np.allclose(totals, X.sum(axis=0))))';
    const runs = measureFix(python, {
      setup: SETUP,
      before: sums!,
      after: sumsAfter!,
      figures: { ...FIGURES, same },
    });
    const { rows, columns } = runs.before.figures as Record<string, number>;
    // The sparse column sums multiply by a row of ones, one float per row of the matrix: the fix's own work.
    const claimed = rows! * columns! * 8 - rows! * 8;
    context.diagnostic(runs.before.interpreter);
    context.diagnostic(describeRuns('sums', runs, claimed));
    assert.equal(runs.before.figures.same, 1, 'the sparse sums are the dense ones: same type, shape and values');
    assertClaim('peak saved by summing the sparse matrix', runs.peakSaved, claimed, TOLERANCE);
  },
  ['numpy', 'scipy'],
);
