import type { Node } from 'web-tree-sitter';
import { isNoneLiteral } from '../data/literalValues';
import { dataReadOf, type DataRead } from '../data/readCalls';
import { holdsText } from '../scale/holdsText';
import type { MemoryLimit } from '../scale/memoryLimit';
import { byteSizeText } from '../sizes/byteSizes';
import { CPYTHON } from '../sizes/cpython';
import { shortBytes } from '../sizes/format';
import { approximateSize, exactSize } from '../sizes/size';
import { callArguments } from '../semantics/syntax';
import { assignedName } from '../semantics/uses';
import { calleeAnchors } from './anchors';
import { columnReaderOf, columnsUsedOfRead } from './frame-columns';
import { usedChunkwise } from './mem404-read-exceeds-memory/chunkwise';
import { remedies, type ReadUse } from './mem404-read-exceeds-memory/remedies';
import type { Rule, RuleContext } from './types';

/** The names of the calls that read a data file (data/readCalls.ts): `pd.read_csv`, `np.load`, `json.load`, `f.read()`… */
const READ_NAMES: readonly string[] = [
  'read_csv',
  'read_table',
  'read_parquet',
  'load',
  'read',
  'readlines',
  'read_text',
  'read_bytes',
];

/** Keywords with which a read holds nothing yet: a reader to pull chunks from, a memory map. */
const NOTHING_HELD: readonly string[] = ['iterator', 'mmap_mode'];

export const mem404: Rule = {
  code: 'MEM404',
  name: 'read-exceeds-memory',
  defaultSeverity: 'warning',
  fixAvailability: 'none',
  summary: 'A read of a data file would take more than half of the memory there is',
  docs: {
    whatItDoes:
      'Flags a read of a data file the workspace holds (`pd.read_csv`, `pd.read_table`, `pd.read_parquet`, `np.load` of an `.npy` file, `json.load(open(…))`, `open(…).read()`, `.readlines()`, `Path(…).read_text()`, `.read_bytes()`) when what it will hold once loaded, estimated from the file (its metadata and a sample of at most `memhints.dataSampleSize` bytes, 1 MiB by default), is more than half of the memory limit: `memhints.memoryBudget` (`memory-budget` in pyproject.toml, `--memory-budget` on the command line) when it is set, else the memory of the machine memhints runs on (in a container with a memory limit, that limit). The message leads with the estimate and says what would fit, cheapest change first: reading only the columns the frame is used through (`df["a"]`, `df.a`, as MEM401 finds them) and text columns of few distinct values as `category`; then, when that is not enough and every use of the frame adds up chunk by chunk (`df["a"].sum()`, `.min()`, `.max()`, `.count()`, `len(df)`, `for row in df.itertuples()`), reading it with `chunksize=`; then a reader that never holds the whole file: Polars\' `pl.scan_csv` or `pl.scan_parquet` (Dask\'s `dd.read_csv` and `dd.read_parquet` do the same), `np.load(…, mmap_mode="r")` for an array, reading a text file line by line or in blocks, a streaming JSON parser. Silent when the workspace does not hold the file (the path is computed, or the file exists only where the program runs), when its format is not estimated (Feather, Excel, an `.npz` archive, whose members `np.load` reads only when indexed), and for `iterator=True` and `mmap_mode=`, which hold nothing yet. With `chunksize=` the estimate is one chunk, and a chunk over the line asks for a smaller one. A Parquet file is estimated in the background: in the editor once its read has been hovered, and not yet by `memhints check`.',
    whyBadForMemory:
      'A read holds the whole file as Python objects, usually more than the file takes on disk: a CSV of 10,000,000 rows of one text column, each value 20 characters and all different, takes 210 MB on disk and 770 MB as a pandas column of str objects (an 8-byte pointer and a 69-byte str per row, CPython 3.11, 64-bit, measured with tracemalloc). More than the machine has and the program is killed, or swaps until it is useless, after all the time the read took; more than half and there is no room for the copies the next steps make (a filter, a merge, `astype` each copy what they change, and a `pd.concat` holds its inputs and its result). The check is made before the program runs, from the file itself. When no budget is set, the limit is the memory of the machine the check runs on; the message also says how much of it is available now (os.freemem). Set `memory-budget` in pyproject.toml when the program runs elsewhere (a cluster node, a container with a memory limit) or when CI must give the same findings on every machine.',
    example:
      'import pandas as pd\n\nevents = pd.read_csv("data/events.csv")\nprint(events["bytes"].sum(), events["city"].nunique())',
    useInstead:
      'import pandas as pd\n\nevents = pd.read_csv("data/events.csv", usecols=["bytes", "city"], dtype={"city": "category"})\nprint(events["bytes"].sum(), events["city"].nunique())\n\n# or, when even that would not fit:\nimport polars as pl\n\nevents = pl.scan_csv("data/events.csv")\nprint(events.select(pl.col("bytes").sum(), pl.col("city").n_unique()).collect())',
    fixSafety:
      'No fix: which remedy suits depends on the data and on what the program does next (reading fewer columns fails if a later step needs another, `category` changes what `.str` methods return, chunks change the code around the read, Polars is another library).',
    options:
      '`memhints.memoryBudget` (`memory-budget`, `--memory-budget`): the memory the program may take, in bytes or as a size such as `"16 GiB"` or `"512MB"`; 0 (the default) is the memory of this machine. `memhints.dataSampleSize` (`data-sample-size`, `--data-sample-size`): the bytes read at most from a file to estimate it (1 MiB by default; a larger sample gives estimates closer to the whole file, at the cost of reading more).',
  },
  anchors: calleeAnchors(READ_NAMES),
  check(call, context) {
    const reads = context.dataReads;
    if (!reads) return undefined;
    const read = dataReadOf(call, context.facts);
    if (!read || read.format === 'npz' || holdsNothingYet(call, context)) return undefined;
    const estimate = reads.estimateOf(call, context.facts);
    if (!estimate) return undefined;
    const limit = reads.memoryLimit();
    if (estimate.bytes <= limit.bytes / 2) return undefined;
    const holds = estimate.bytesExact ? exactSize(estimate.bytes) : approximateSize(estimate.bytes);
    const fits = remedies(
      read,
      estimate,
      readUse(call, read, context),
      limit.bytes / 2,
      CPYTHON[context.pythonVersion],
    );
    return {
      code: mem404.code,
      message: `${holdsText(holds)} once loaded, ${overWhat(estimate.bytes, limit)}${fits.length > 0 ? `: ${fits.join('; ')}` : ''}`,
      severity: mem404.defaultSeverity,
      holds,
      start: call.startIndex,
      end: call.endIndex,
    };
  },
};

/** "over half of the 16 GiB memory budget", "more than this machine's 15.5 GiB of memory (9.1 GiB available)". */
function overWhat(bytes: number, limit: MemoryLimit): string {
  const share = bytes > limit.bytes ? 'more than' : 'over half of';
  if (limit.source === 'budget') return `${share} the ${byteSizeText(limit.bytes)} memory budget`;
  return `${share} this machine's ${shortBytes(limit.bytes)} of memory (${shortBytes(limit.availableBytes)} available)`;
}

/** `iterator=True`, `mmap_mode="r"`: the call returns a reader or a map, and reads as it is used. */
function holdsNothingYet(call: Node, context: RuleContext): boolean {
  return callArguments(call).some((argument) => {
    if (argument.type !== 'keyword_argument') return false;
    const name = argument.childForFieldName('name')?.text ?? '';
    const value = argument.childForFieldName('value');
    return (
      NOTHING_HELD.includes(name) && value !== null && !isNoneLiteral(value, context.facts) && value.text !== 'False'
    );
  });
}

/** What the code does with the frame a table read binds, for the remedies. */
function readUse(call: Node, read: DataRead, context: RuleContext): ReadUse {
  const facts = context.facts;
  const pathArgument = callArguments(call).find((argument) => argument.type !== 'keyword_argument');
  const pathText = pathArgument?.text ?? JSON.stringify(read.path);
  const frame = assignedName(call);
  if (!frame || !columnReaderOf(call, facts)) return { chunkwise: false, pathText };
  const usedColumns = columnsUsedOfRead(call, facts);
  return { ...(usedColumns ? { usedColumns } : {}), chunkwise: usedChunkwise(frame, call, facts), pathText };
}
