// Which estimator answers which read: the one place the editor and the CLI
// get their DataFiles from, so that both estimate a read the same way.
import { estimateCsv } from './csv';
import type { DataEstimateResult } from './dataEstimate';
import { DataFiles, type EstimateFile, type FormatEstimators } from './dataFiles';
import { estimateJsonLoad } from './jsonFile';
import { estimateNpy } from './npy';
import { estimateNpz } from './npz';
import { estimateParquet } from './parquet';
import type { TextReadKind } from './readCalls';
import { estimateReadBytes, estimateReadLines, estimateReadText } from './textFiles';

/** open(p).read(), .readlines(), open(p, 'rb').read(), json.load(open(p)). */
const TEXT_READS: Readonly<Record<TextReadKind, EstimateFile<DataEstimateResult>>> = {
  text: (path, _read, limits, layout) => estimateReadText(path, layout, limits),
  lines: (path, _read, limits, layout) => estimateReadLines(path, layout, limits),
  bytes: (path, _read, limits, layout) => estimateReadBytes(path, layout, limits),
  json: (path, _read, limits, layout) => estimateJsonLoad(path, layout, limits),
};

const ESTIMATORS: FormatEstimators = {
  csv: { sync: (path, read, limits, layout) => estimateCsv(path, read.options, limits, layout) },
  npy: { sync: (path, _read, limits) => estimateNpy(path, limits) },
  // The whole archive: np.load(p) gives an NpzFile, and which member is indexed later is not part of the read.
  npz: { async: (path, _read, limits) => estimateNpz(path, undefined, limits) },
  parquet: { async: (path, read, limits, layout) => estimateParquet(path, read.options, layout, limits) },
  text: { sync: (path, read, limits, layout) => TEXT_READS[read.textKind ?? 'text'](path, read, limits, layout) },
  json: { sync: (path, read, limits, layout) => TEXT_READS.json(path, read, limits, layout) },
  feather: { unread: 'not estimated: Feather files are not read yet' },
  excel: { unread: 'not estimated: Excel files are not read yet' },
  'json-frame': { unread: "not estimated: pandas' read_json is not modelled yet (json.load is)" },
  pickle: { unread: 'not estimated: what a pickle holds is known only by unpickling it, which runs its code' },
};

/** The workspace's data files under `roots`, estimated by every format's estimator. */
export function defaultDataFiles(roots: readonly string[]): DataFiles {
  return new DataFiles(roots, ESTIMATORS);
}
