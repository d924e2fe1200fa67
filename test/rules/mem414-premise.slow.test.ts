// MEM414's premise, measured: at data scale (10^5 rows), under tracemalloc in
// every CPython with numpy, a list of new per-item rows held until numpy copies
// them into one array peaks at 2× the result or more, and the result filled
// in place peaks at the result. First the documented example against its
// replacement; then each kind of row the rule takes for new (np.array,
// arithmetic, a reduction along an axis, toarray()…), each flagged in
// `np.stack([… for k in range(n)])` and measured against the same array filled
// row by row; then what it leaves alone, and what a dtype changes.
import assert from 'node:assert/strict';
import { mem414 } from '../../server/src/rules/mem414-item-arrays-stacked';
import { assertClaim, type Tolerance } from '../support/premise/claims';
import { assignedNames, documentedExample, findingsOf } from '../support/premise/documented';
import { assertSameResults } from '../support/premise/fixRuns';
import { forEachPython } from '../support/premise/interpreters';
import { DATA_SCALE, resultBytes, tracedRun, type TracedRun } from '../support/premise/tracedRun';

const N = DATA_SCALE;
/** The lines the documented example parses: n of 16 comma-separated floats. */
const LINES = `n = ${N}\nlines = [",".join(str(float(k + j)) for j in range(16)) for k in range(n)]\n`;

/** "2× the result or more": the rows and the result at once. */
const TWICE = 2;
/** Filled in place, the peak is the result and one row's making. */
const IN_PLACE: Tolerance = {
  below: Infinity,
  above: 0.02,
  slack: 64 * 1024,
  why: "one row's temporaries (the split strings, a sparse row) and the interpreter's own allocations",
};

function assertTwice(what: string, before: TracedRun): void {
  const bytes = resultBytes(before);
  assert.ok(
    before.peak >= TWICE * bytes,
    `${what}: peak ${before.peak} B against a ${bytes}-byte result: less than ${TWICE}×`,
  );
}

function assertInPlace(what: string, after: TracedRun): void {
  const bytes = resultBytes(after);
  assertClaim(`${what}: peak, against the ${bytes}-byte result`, after.peak, bytes, IN_PLACE);
}

forEachPython(
  `MEM414: the documented replacement lowers the peak from 2× the result or more to the result, n = ${N}`,
  async ({ python }, t) => {
    const { imports, cases } = await documentedExample(mem414);
    const setup = `${imports}\n${LINES}`;
    for (const documented of cases) {
      const results = assignedNames(documented.before).slice(-1);
      const [before, after] = [documented.before, documented.after].map((code) =>
        tracedRun(python, { setup, code, results }),
      ) as [TracedRun, TracedRun];
      t.diagnostic(
        `${before.interpreter}: ${documented.before.split('\n')[0]}: ${before.peak} B; replacement ${after.peak} B; result ${resultBytes(before)} B`,
      );
      assertSameResults(results, before, after, `replacement of ${documented.before}`);
      assert.match(documented.finding.message, /2× the result or more/);
      assertTwice(documented.before, before);
      assertInPlace(documented.after, after);
    }
  },
  ['numpy'],
);

interface Form {
  /** A row, computed from `k` and the data. */
  readonly row: string;
  /** The data it reads, made before tracing starts. */
  readonly data: string;
}

/**
 * Each kind of new row the rule flags, as an item of `np.stack([… for k in
 * range(n)])`, besides the documented example's `np.array(…)` and MEM403's
 * tuples of numbers.
 */
const FORMS: readonly Form[] = [
  { row: 'np.fromstring(lines[k], sep=",")', data: LINES },
  { row: 'base * k', data: 'base = np.arange(16.0)' },
  { row: 'np.log1p(base + k)', data: 'base = np.arange(16.0)' },
  { row: '(base + k)[::2]', data: 'base = np.arange(16.0)' },
  { row: 'np.mean(blocks[k], axis=0)', data: 'blocks = [np.full((2, 16), float(k)) for k in range(n)]' },
  { row: 'np.array(parts[k], dtype=float).reshape(4, 4)', data: `${LINES}parts = [line.split(",") for line in lines]` },
  {
    row: 'sparse_rows[k].toarray()',
    // Rows split off before tracing: slicing a CSR matrix row by row costs 30 times the densifying under tracemalloc.
    data: 'matrix = sparse.random(n, 16, density=0.25, format="csr", random_state=0)\nsparse_rows = [matrix[k] for k in range(n)]',
  },
];

const FORM_IMPORTS = 'import numpy as np\nfrom scipy import sparse\n';

/** The same array filled row by row: its shape and dtype taken from the first row. */
function filledInPlace(row: string): string {
  return [
    'stacked = None',
    'for k in range(n):',
    `    row = ${row}`,
    '    if stacked is None:',
    '        stacked = np.empty((n,) + np.shape(row), np.asarray(row).dtype)',
    '    stacked[k] = row',
  ].join('\n');
}

forEachPython(
  `MEM414: each kind of row it flags is held whole by the list, 2× the result or more, n = ${N}`,
  async ({ python }, t) => {
    for (const { row, data } of FORMS) {
      const setup = `${FORM_IMPORTS}n = ${N}\n${data}\n`;
      const code = `stacked = np.stack([${row} for k in range(n)])`;
      const findings = await findingsOf(mem414, `${setup}${code}\n`);
      assert.equal(findings.length, 1, `MEM414 flags ${code}`);
      assert.match(findings[0]!.message, /2× the result or more/);
      const before = tracedRun(python, { setup, code, results: ['stacked'] });
      const after = tracedRun(python, { setup, code: filledInPlace(row), results: ['stacked'] });
      t.diagnostic(
        `${before.interpreter}: ${row}: ${before.peak} B; in place ${after.peak} B; result ${resultBytes(before)} B`,
      );
      assertSameResults(['stacked'], before, after, `${row} filled in place`);
      assertTwice(code, before);
      assertInPlace(`${row} filled in place`, after);
    }
  },
  ['numpy', 'scipy'],
);

forEachPython(
  `MEM414: views of an array held anyway cost their headers, not a copy: left alone, n = ${N}`,
  async ({ python }, t) => {
    // Rows of 64 floats: a view's 112-byte header is a fifth of its 512 bytes of data.
    const setup = `import numpy as np\nn = ${N}\nX = np.arange(n * 64.0).reshape(n, 64)\n`;
    const code = 'stacked = np.stack([X[k] for k in range(n)])';
    assert.deepEqual(await findingsOf(mem414, `${setup}${code}\n`), [], `MEM414 leaves ${code} alone`);
    const before = tracedRun(python, { setup, code, results: ['stacked'] });
    t.diagnostic(`${before.interpreter}: ${code}: ${before.peak} B; result ${resultBytes(before)} B`);
    assert.ok(before.peak < TWICE * resultBytes(before), `${code} peaks at ${before.peak} B: 2× its result or more`);
  },
  ['numpy'],
);

forEachPython(
  `MEM414: rows converted to a wider dtype are held beside the result, which may be less than 2×, n = ${N}`,
  async ({ python }, t) => {
    // 256 uint8 pixels a row, made float32: the rows are a quarter of the result.
    const setup = `import numpy as np\nn = ${N}\npixels = np.arange(256, dtype=np.uint8)\n`;
    const code = [
      'images = []',
      'for k in range(n):',
      '    images.append(pixels + np.uint8(k % 7))',
      'batch = np.array(images, np.float32)',
    ].join('\n');
    const replacement = [
      'batch = np.empty((n, 256), np.float32)',
      'for k in range(n):',
      '    batch[k] = pixels + np.uint8(k % 7)',
    ].join('\n');
    const findings = await findingsOf(mem414, `${setup}${code}\n`);
    assert.equal(findings.length, 1);
    assert.match(findings[0]!.message, /held beside the result/);
    const before = tracedRun(python, { setup, code, results: ['batch'] });
    const after = tracedRun(python, { setup, code: replacement, results: ['batch'] });
    const rows = N * 256;
    t.diagnostic(`${before.interpreter}: ${before.peak} B; in place ${after.peak} B; rows' data ${rows} B`);
    assertSameResults(['batch'], before, after, 'the converted rows filled in place');
    assert.ok(before.peak >= resultBytes(before) + rows, `${before.peak} B: not the result and the rows`);
    assert.ok(before.peak < TWICE * resultBytes(before), 'here the rows are held beside the result, not 2× it');
    assertInPlace('the converted rows filled in place', after);
  },
  ['numpy'],
);
