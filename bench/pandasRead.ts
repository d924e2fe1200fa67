// (f) the yardstick for a data hover: the read itself, pd.read_csv or
// pd.read_parquet in Debian's python3 with its pandas, each run a process of
// its own as a program is.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { percentile } from './measure';

const PYTHON = '/usr/bin/python3';

export type PandasRead =
  | {
      readonly skipped: false;
      readonly pandas: string;
      readonly python: string;
      readonly runs: number;
      /** The median wall time of the read over the runs. */
      readonly readSeconds: number;
      /** The median of the peak RSS each read added to its process. */
      readonly peakAddedBytes: number;
      /** What the frame holds: memory_usage(deep=True).sum(). */
      readonly memoryUsageBytes: number;
      readonly rows: number;
    }
  | { readonly skipped: true; readonly note: string };

interface OneRead {
  readonly seconds: number;
  readonly peakAddedBytes: number;
  readonly memoryUsageBytes: number;
  readonly rows: number;
  readonly pandas: string;
  readonly python: string;
}

/** What must import for the read, and what to say when it does not. */
const NEEDS = {
  csv: { probe: 'import pandas', note: 'pandas not installed (apt-get install python3-pandas)' },
  parquet: {
    probe: 'import pandas.io.parquet as p; p.get_engine("auto")',
    note: 'pandas cannot read Parquet here (neither pyarrow nor fastparquet installed)',
  },
};

/** `runs` reads of the file at `path` (read_parquet for a .parquet file, else read_csv). */
export function pandasRead(repoRoot: string, path: string, runs: number): PandasRead {
  const needs = path.endsWith('.parquet') ? NEEDS.parquet : NEEDS.csv;
  const probe = spawnSync(PYTHON, ['-c', needs.probe], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) return { skipped: true, note: needs.note };
  const reads: OneRead[] = [];
  for (let run = 0; run < runs; run++) {
    const read = spawnSync(PYTHON, [join(repoRoot, 'bench', 'pandas_read.py'), path], { encoding: 'utf8' });
    if (read.error || read.status !== 0) {
      const why = read.error?.message ?? read.stderr.trim().split('\n').pop();
      return { skipped: true, note: `the pandas read failed (${why})` };
    }
    reads.push(JSON.parse(read.stdout) as OneRead);
  }
  const median = (figure: (read: OneRead) => number) => percentile(reads.map(figure), 50);
  const first = reads[0]!;
  return {
    skipped: false,
    pandas: first.pandas,
    python: first.python,
    runs,
    readSeconds: median((read) => read.seconds),
    peakAddedBytes: median((read) => read.peakAddedBytes),
    memoryUsageBytes: first.memoryUsageBytes,
    rows: first.rows,
  };
}
