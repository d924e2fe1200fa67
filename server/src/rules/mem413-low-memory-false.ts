import type { Node } from 'web-tree-sitter';
import { lowMemoryChunkRows, tokenizedInOneChunk, tokensOfRead } from '../data/csvTokens';
import { dataReadOf } from '../data/readCalls';
import { costLead } from '../scale/holdsText';
import { descendants, isField } from '../semantics/syntax';
import { approximateSize } from '../sizes/size';
import { groupedDigits } from '../text/groupedDigits';
import { nameAnchors } from './anchors';
import type { Fix, Rule } from './types';

/** The readers whose C parser takes `low_memory`. */
const READERS: ReadonlySet<string> = new Set(['pandas.read_csv', 'pandas.read_table']);
/** Keywords with which the read holds a part of the file at a time (`chunksize=`, `iterator=`, `nrows=`) or is not the C parser's (`engine=`). */
const BOUNDED_OR_OTHER: ReadonlySet<string> = new Set(['chunksize', 'iterator', 'nrows', 'engine']);

export const mem413: Rule = {
  code: 'MEM413',
  name: 'low-memory-false',
  defaultSeverity: 'warning',
  fixAvailability: 'sometimes',
  summary: '`pd.read_csv(…, low_memory=False)` tokenizes the whole file before it makes a column',
  docs: {
    whatItDoes:
      'Flags `pd.read_csv(…, low_memory=False)` and `pd.read_table(…, low_memory=False)`. When the workspace holds the file (and the call reads all its columns), the message gives the tokens in bytes, from the file’s size, its columns and its rows as estimated from a sample; otherwise per field, as information, saying from what size it costs (past 2^20 fields, 65,536 rows of 12 columns): the keyword costs something only for a file of more rows than the parser tokenizes at a time (below), which the code does not show. Not flagged: reads that hold a part of the file at a time (`chunksize=`, `iterator=`, `nrows=`), `engine=` (only the C parser takes `low_memory`), and calls with `**options`, which could hold any of those. A text column the code compares with a few literals is MEM405’s: its hint `dtype={"col": "category"}` shrinks the frame, not this peak.',
    whyBadForMemory:
      'pandas’ C parser turns a CSV file into tokens before it makes any column of them: a pointer to each field’s text and its offset (16 bytes a field), each line’s start and length (16 bytes a line), and the text itself, each separator made a NUL (about the file’s size). By default (`low_memory=True`) it does that for a chunk of rows at a time, the largest power of two below 2^20 fields’ worth (65,536 rows of 12 columns, 262,144 of 3), converts the chunk’s columns and moves on, then concatenates the chunks’ columns: the read peaks at the frame twice. A file of no more rows than one chunk is tokenized whole either way, and there the keyword costs nothing (12 columns: 60,000 rows peak at 27.4 MB both ways, 140,000 at 37.3 MB by default and 64.0 MB with the keyword); when the workspace holds the file, such reads are not flagged. With `low_memory=False` it tokenizes the whole file first and holds every token while it converts the columns: the frame and the tokens at once. These are malloc’s buffers, which tracemalloc does not see: measured as the process’s peak resident set, reading the example’s orders.csv at 1,000,000 rows of 12 columns (a 65,131,506-byte file; a frame of 96,000,128 bytes as pandas counts it) peaks 369,074,176 bytes above the start with `low_memory=False` on CPython 3.11 with pandas 1.5.3 (369,311,744 on 3.9 with pandas 1.1.5, 369,139,712 on 3.13 with pandas 2.2.3) and 192,090,112 without (192,315,392; 192,098,304). The tokens, 16 × 13 bytes a row and the file, are 273,131,506 bytes: the frame and they make the peak to 0.1%. `low_memory=False` is mostly set to silence pandas’ DtypeWarning, which a column whose values mix types across the file raises (numbers in one chunk, text in another), and whose advice is to give such columns a `dtype=`. How much that costs depends on pandas: a `dtype=` of every column as the parser would infer it peaks at 192,000,000 bytes with pandas 1.5.3 (as without it), but at 431,271,936 with pandas 2.2.3, which makes a frame of a dict of dtypes through a path that copies its columns again, higher than `low_memory=False` (and with both, 431,230,976: then dropping `low_memory=False` saves nothing). On pandas 2.2, give `dtype=` only where the warning names a column.',
    example: 'import pandas as pd\n\norders = pd.read_csv("orders.csv", low_memory=False)',
    useInstead: 'import pandas as pd\n\norders = pd.read_csv("orders.csv")',
    fixSafety:
      'The fix removes `low_memory=False` (and the comma before it), and is unsafe: a column whose values mix types across the file is then typed chunk by chunk, so its values may come as a mix of numbers and strs (pandas warns `DtypeWarning`) where the whole-file read made them all strs, and code that compares or joins on them may behave differently. A column of one type throughout reads the same. No fix when a comment stands between the keyword and the argument before it.',
  },
  anchors: nameAnchors(['low_memory'], keywordCall),
  check(call, context) {
    const callee = call.childForFieldName('function');
    const args = context.facts.callArguments(call);
    if (!callee || !READERS.has(context.facts.qualifiedName(callee) ?? '') || !readsWholeFile(args)) return undefined;
    const keyword = args.find(isLowMemoryFalse);
    if (!keyword) return undefined;
    const read = dataReadOf(call, context.facts);
    const estimate = read && context.dataReads?.estimateOf(call, context.facts);
    // A file of one chunk's rows is tokenized whole either way: nothing to save.
    if (read && estimate && tokenizedInOneChunk(estimate, read.options)) return undefined;
    const tokens = read && estimate ? tokensOfRead(estimate, read.options) : undefined;
    const holds = tokens === undefined ? undefined : approximateSize(tokens);
    return {
      code: mem413.code,
      message: holds
        ? `${costLead(holds, 'tokens held at once while parsing (16 B a field + the text)')}: drop \`low_memory=False\``
        : UNSEEN_FILE_MESSAGE,
      severity: mem413.defaultSeverity,
      // Without the file its size is not shown, and below one chunk the keyword costs nothing: unknown, not data scale.
      ...(holds ? { holds } : { scale: 'unknown' }),
      start: call.startIndex,
      end: call.endIndex,
      ...keywordRemoved(keyword, args),
    };
  },
};

/** For a file not in the workspace: when the keyword costs, with a chunk's rows for a common width. */
const UNSEEN_FILE_MESSAGE = `Past 2^20 fields (${groupedDigits(lowMemoryChunkRows(12))} rows of 12 columns) the whole file is held as tokens, ≈ 16 B a field: drop \`low_memory=False\``;

/** From the `low_memory` of `low_memory=False` to the call it is passed to. */
function keywordCall(identifier: Node): Node | undefined {
  const keyword = identifier.parent;
  if (keyword?.type !== 'keyword_argument' || !isField(keyword, 'name', identifier)) return undefined;
  const call = keyword.parent?.parent;
  return call?.type === 'call' ? call : undefined;
}

function isLowMemoryFalse(arg: Node): boolean {
  return (
    arg.type === 'keyword_argument' &&
    arg.childForFieldName('name')?.text === 'low_memory' &&
    arg.childForFieldName('value')?.type === 'false'
  );
}

/** No argument that bounds the read, picks another engine, or could (`**options`). */
function readsWholeFile(args: readonly Node[]): boolean {
  return args.every(
    (arg) =>
      arg.type !== 'dictionary_splat' &&
      !(arg.type === 'keyword_argument' && BOUNDED_OR_OTHER.has(arg.childForFieldName('name')?.text ?? '')),
  );
}

/** The keyword and the comma before it (after it, when it comes first) removed; none when a comment would go too. */
function keywordRemoved(keyword: Node, args: readonly Node[]): { fix: Fix } | undefined {
  const index = args.findIndex((arg) => arg.id === keyword.id);
  const before = args[index - 1];
  const after = args[index + 1];
  const [start, end] = before
    ? [before.endIndex, keyword.endIndex]
    : [keyword.startIndex, after?.startIndex ?? keyword.endIndex];
  const list = keyword.parent;
  if (
    !list ||
    [...descendants(list)].some((node) => node.type === 'comment' && node.startIndex >= start && node.endIndex <= end)
  )
    return undefined;
  return {
    fix: {
      title: 'Parse in chunks: drop low_memory=False',
      safety: 'unsafe',
      edits: [{ start, end, text: '' }],
    },
  };
}
