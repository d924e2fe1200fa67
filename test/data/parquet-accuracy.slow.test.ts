// Parquet estimates against pandas. pyarrow is not in Debian, so pandas here
// cannot read Parquet: the test writes the file with hyparquet-writer, and
// python builds the SAME data as a DataFrame with the dtypes pyarrow gives it
// (ints with nulls as float64, timestamps as datetime64[ns], text as object)
// and reports memory_usage(deep=True).sum(). The estimate from the file must
// be within 15% of it. This checks the sizes; that read_parquet makes these
// dtypes is the premise (pyarrow's to_pandas), not measured here.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { estimateParquet } from '../../server/src/data/parquet';
import { CPYTHON } from '../../server/src/sizes/cpython';
import { dataFolder } from '../support/dataFiles';
import { writeParquet, type ColumnSource } from '../support/parquetFiles';
import { forEachPython } from '../support/premise/interpreters';
import { runPythonJson } from '../support/python';

const TOLERANCE = 0.15;
const ROW_COUNTS = [10_000, 100_000, 1_000_000];
const CITIES = ['Paris', 'Zürich', 'Kraków', '東京', 'Lima', 'Oslo'];
const EPOCH_MS = 1_600_000_000_000;

/** Row i of each column, computed alike here and in python (FRAME below). */
const nameOf = (i: number): string => `user ${i % 5000} ${'é'.repeat(i % 3)}${'x'.repeat((i * 7) % 23)}`;

function columns(rows: number): ColumnSource[] {
  const each = <T>(value: (i: number) => T): T[] => Array.from({ length: rows }, (_, i) => value(i));
  return [
    { name: 'id', data: new BigInt64Array(rows).map((_, i) => BigInt(i)), type: 'INT64' },
    { name: 'small', data: new Int32Array(rows).map((_, i) => i % 1000), type: 'INT32' },
    { name: 'ratio', data: new Float64Array(rows).map((_, i) => i / 7), type: 'DOUBLE' },
    { name: 'single', data: new Float32Array(rows).map((_, i) => (i % 100) / 4), type: 'FLOAT' },
    { name: 'flag', data: each((i) => i % 3 === 0), type: 'BOOLEAN' },
    { name: 'name', data: each(nameOf), type: 'STRING' },
    { name: 'city', data: each((i) => CITIES[i % CITIES.length]!), type: 'STRING' },
    // Lengthens along the file (more digits): the sampled first rows are shorter than the mean.
    { name: 'email', data: each((i) => `person${i}@example.com`), type: 'STRING' },
    { name: 'holes', data: each((i) => (i % 10 === 0 ? null : BigInt(i))), type: 'INT64', nullable: true },
    { name: 'when', data: each((i) => new Date(EPOCH_MS + i * 1000)), type: 'TIMESTAMP' },
  ];
}

const FRAME = String.raw`
import json, sys
import numpy as np, pandas as pd
rows = json.load(sys.stdin)
cities = ["Paris", "Zürich", "Kraków", "東京", "Lima", "Oslo"]
i = np.arange(rows, dtype=np.int64)
frame = pd.DataFrame({
    "id": i,
    "small": (i % 1000).astype(np.int32),
    "ratio": i / 7,
    "single": ((i % 100) / 4).astype(np.float32),
    "flag": i % 3 == 0,
    "name": ["user %d %s%s" % (k % 5000, "é" * (k % 3), "x" * ((k * 7) % 23)) for k in range(rows)],
    "city": [cities[k % 6] for k in range(rows)],
    "email": ["person%d@example.com" % k for k in range(rows)],
    "holes": np.where(i % 10 == 0, np.nan, i.astype(np.float64)),
    "when": pd.to_datetime(${EPOCH_MS} + i * 1000, unit="ms"),
})
usage = frame.memory_usage(deep=True)
print(json.dumps({"total": int(usage.sum()), "columns": {str(k): int(v) for k, v in usage.items()}, "dtypes": {k: str(v) for k, v in frame.dtypes.items()}}))
`;

interface Frame {
  readonly total: number;
  readonly columns: Record<string, number>;
  readonly dtypes: Record<string, string>;
}

forEachPython(
  'read_parquet estimates are within 15% of pandas memory_usage(deep=True)',
  async ({ python, version }, context) => {
    const folder = dataFolder(`parquet-accuracy-${version}`);
    const layout = CPYTHON[version];
    const errors: string[] = [];
    for (const rows of ROW_COUNTS) {
      const path = join(folder, `frame-${rows}.parquet`);
      await writeParquet(path, columns(rows));
      const result = await estimateParquet(path, {}, layout);
      assert.ok(result.estimate, `${rows} rows: ${result.reason}`);
      const truth = runPythonJson<Frame>(FRAME, rows, python);
      const dtypes = Object.fromEntries(result.estimate.columns!.map((column) => [column.name, column.dtype]));
      assert.deepEqual(dtypes, truth.dtypes);
      const error = result.estimate.bytes / truth.total - 1;
      const perColumn = result.estimate.columns!.map(
        (column) =>
          `${column.name} ${(100 * (column.bytes / truth.columns[column.name]! - 1)).toFixed(2)}%${column.distinctInSample === undefined && column.dtype === 'object' ? ' (footer)' : ''}`,
      );
      context.diagnostic(
        `${rows} rows: estimate ${result.estimate.bytes}, pandas ${truth.total}, error ${(100 * error).toFixed(2)}% [${perColumn.join(', ')}]`,
      );
      if (Math.abs(error) > TOLERANCE) errors.push(`${rows} rows: ${(100 * error).toFixed(1)}%`);
      // For the record: the footer-only fallback, when the str columns' pages do not fit in the sample.
      const footerOnly = await estimateParquet(path, {}, layout, { maxSampleBytes: 64 * 1024 });
      if (footerOnly.estimate)
        context.diagnostic(
          `${rows} rows, footer only (64 KiB sample): error ${(100 * (footerOnly.estimate.bytes / truth.total - 1)).toFixed(2)}%`,
        );
    }
    assert.deepEqual(errors, []);
  },
  ['pandas'],
);
