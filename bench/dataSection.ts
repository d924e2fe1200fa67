// (f) what a user waits for to learn what a read of a data file will hold:
// the hover over pd.read_csv / pd.read_parquet of a large workspace file,
// against the read itself in pandas (its time and memory), and how far the
// hover's estimate is from what the frame holds.
import { join } from 'node:path';
import { estimateCsv } from '../server/src/data/csv';
import type { DataEstimateResult } from '../server/src/data/dataEstimate';
import { estimateParquet } from '../server/src/data/parquet';
import { shortBytes } from '../server/src/sizes/format';
import { dataHoverLatency, type DataHoverResult } from './dataHover';
import { dataWorkspace, type DataDocument } from './dataWorkspace';
import { count, mb, ms } from './format';
import { pandasRead, type PandasRead } from './pandasRead';

export interface DataScale {
  readonly rows: number;
  /** Hovers once the estimate is kept. */
  readonly hovers: number;
  /** Changes of the file's mtime, each followed by a hover. */
  readonly changes: number;
  /** Reads in pandas, each in a process of its own. */
  readonly pandasRuns: number;
}

interface DataFileResult {
  readonly file: string;
  readonly fileBytes: number;
  /** What the hover states the frame will hold (the server's estimator, run here on the same file). */
  readonly estimateBytes: number;
  readonly hover: DataHoverResult;
  readonly pandas: PandasRead;
  /** Undefined when pandas was skipped. */
  readonly ratios: {
    /** How many times longer the read takes in pandas than the first hover. */
    readonly readToColdHover: number | undefined;
    readonly readToCachedHover: number | undefined;
    /** (estimate − memory_usage(deep=True)) / memory_usage. */
    readonly estimateError: number | undefined;
  };
}

export interface DataResult {
  readonly rows: number;
  readonly columns: number;
  readonly csv: DataFileResult;
  readonly parquet: DataFileResult;
}

export async function dataFileReads(
  repoRoot: string,
  folder: string,
  scale: DataScale,
  log: (text: string) => void,
): Promise<DataResult> {
  log(`(f) writing ${count(scale.rows)} rows as CSV and as Parquet`);
  const workspace = await dataWorkspace(folder, scale.rows);
  const measureFile = async (document: DataDocument, estimate: (path: string) => Promise<DataEstimateResult>) => {
    const path = join(folder, document.dataPath);
    log(`(f) hovers over ${document.dataPath} (${scale.hovers} cached, ${scale.changes} after a change)`);
    const hover = await dataHoverLatency(repoRoot, folder, document, scale.hovers, scale.changes);
    const estimateBytes = estimatedBytes(await estimate(path), hover);
    log(`(f) pandas reads ${document.dataPath} (${scale.pandasRuns} ${scale.pandasRuns === 1 ? 'run' : 'runs'})`);
    const pandas = pandasRead(repoRoot, path, scale.pandasRuns);
    return fileResult(document, estimateBytes, hover, pandas);
  };
  return {
    rows: workspace.rows,
    columns: workspace.columns,
    csv: await measureFile(workspace.csv, async (path) => estimateCsv(path, {})),
    parquet: await measureFile(workspace.parquet, (path) => estimateParquet(path, {})),
  };
}

/** The estimate's bytes, which must be what the hover stated (both with the server's default Python and limits). */
function estimatedBytes(result: DataEstimateResult, hover: DataHoverResult): number {
  if (!result.estimate) throw new Error(`no estimate: ${result.reason}`);
  const bytes = result.estimate.bytes;
  if (!hover.headline.includes(`${shortBytes(bytes)} as loaded`)) {
    throw new Error(`the hover states "${hover.headline}", not the ${shortBytes(bytes)} estimated here`);
  }
  return bytes;
}

function fileResult(
  document: DataDocument,
  estimateBytes: number,
  hover: DataHoverResult,
  pandas: PandasRead,
): DataFileResult {
  const readMs = pandas.skipped ? undefined : pandas.readSeconds * 1000;
  return {
    file: document.dataPath,
    fileBytes: document.fileBytes,
    estimateBytes,
    hover,
    pandas,
    ratios: {
      readToColdHover: readMs === undefined ? undefined : readMs / hover.coldMs,
      readToCachedHover: readMs === undefined ? undefined : readMs / hover.cachedP50Ms,
      estimateError: pandas.skipped ? undefined : (estimateBytes - pandas.memoryUsageBytes) / pandas.memoryUsageBytes,
    },
  };
}

/** The section's lines as the bench prints them. */
export function dataLines(result: DataResult): string[] {
  const lines = [
    `(f) hover over a read of a workspace data file, over LSP: ${count(result.rows)} rows × ${result.columns} mixed columns`,
  ];
  for (const file of [result.csv, result.parquet]) {
    const { hover, pandas, ratios } = file;
    lines.push(
      `    ${file.file}, ${mb(file.fileBytes)} on disk: hover ${ms(hover.coldMs)} cold, ${ms(hover.cachedP50Ms)} cached (p50 of ${count(hover.hovers)}; p99 ${ms(hover.cachedP99Ms)}), ${ms(hover.changedP50Ms)} after the file changed (p50 of ${hover.changes}; max ${ms(hover.changedMaxMs)}); first diagnostics ${ms(hover.firstDiagnosticsMs)}`,
      `      the hover: ${hover.headline}`,
    );
    if (pandas.skipped) lines.push(`      pandas: skipped: ${pandas.note}`);
    else
      lines.push(
        `      pandas ${pandas.pandas} (Python ${pandas.python}) reads it in ${seconds(pandas.readSeconds)} (median of ${pandas.runs}): ${times(ratios.readToColdHover!)} the cold hover, ${times(ratios.readToCachedHover!)} a cached one; peak RSS +${mb(pandas.peakAddedBytes)}`,
        `      memory_usage(deep=True) ${mb(pandas.memoryUsageBytes)}, estimated ${mb(file.estimateBytes)}: ${percent(ratios.estimateError!)}`,
      );
  }
  return lines;
}

const seconds = (value: number) => (value >= 1 ? `${value.toFixed(2)} s` : ms(value * 1000));
const times = (ratio: number) => `${ratio >= 10 ? count(Math.round(ratio)) : ratio.toFixed(1)}×`;
const percent = (error: number) => `${error >= 0 ? '+' : ''}${(error * 100).toFixed(1)}%`;
