// Which estimator answers which read: the one place the editor and the CLI
// get their DataFiles from, so that both estimate a read the same way.
//
// Each format's estimator is loaded when a read of that format is first
// estimated: most files read no data file of the workspace, and loading them all
// (csv-parse, hyparquet's glue, a zip reader with zlib and streams) cost every
// `memhints check` and every server about 8 ms at start.
import type { DataEstimateResult } from './dataEstimate';
import { DataFiles, type EstimateFile, type FormatEstimators } from './dataFiles';
import type { TextReadKind } from './readCalls';

const csv = () => require('./csv') as typeof import('./csv');
const jsonFile = () => require('./jsonFile') as typeof import('./jsonFile');
const npy = () => require('./npy') as typeof import('./npy');
const npz = () => require('./npz') as typeof import('./npz');
const parquet = () => require('./parquet') as typeof import('./parquet');
const textFiles = () => require('./textFiles') as typeof import('./textFiles');

/** open(p).read(), .readlines(), open(p, 'rb').read(), json.load(open(p)). */
const TEXT_READS: Readonly<Record<TextReadKind, EstimateFile<DataEstimateResult>>> = {
  text: (path, _read, limits, layout) => textFiles().estimateReadText(path, layout, limits),
  lines: (path, _read, limits, layout) => textFiles().estimateReadLines(path, layout, limits),
  bytes: (path, _read, limits, layout) => textFiles().estimateReadBytes(path, layout, limits),
  json: (path, _read, limits, layout) => jsonFile().estimateJsonLoad(path, layout, limits),
};

const ESTIMATORS: FormatEstimators = {
  csv: { sync: (path, read, limits, layout) => csv().estimateCsv(path, read.options, limits, layout) },
  npy: { sync: (path, _read, limits) => npy().estimateNpy(path, limits) },
  // The whole archive: np.load(p) gives an NpzFile, and which member is indexed later is not part of the read.
  npz: { async: (path, _read, limits) => npz().estimateNpz(path, undefined, limits) },
  parquet: { async: (path, read, limits, layout) => parquet().estimateParquet(path, read.options, layout, limits) },
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
