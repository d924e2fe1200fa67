import { mayEndIn } from '../semantics/calleeNames';
import { assignedName } from '../semantics/uses';
import { calleeAnchors } from './anchors';
import { COLUMN_READER_NAMES, COLUMN_READERS, columnsUsed, readsOneFrame, type UsedColumns } from './frame-columns';
import { columnsFix } from './mem401-read-csv-usecols/columns-fix';
import type { Rule } from './types';
import type { DataEstimate } from '../data/dataEstimate';
import { costLead } from '../scale/holdsText';
import { approximateSize, type Size } from '../sizes/size';

export const mem401: Rule = {
  code: 'MEM401',
  name: 'read-csv-usecols',
  defaultSeverity: 'warning',
  fixAvailability: 'sometimes',
  summary: 'A pandas file read keeps every column though only a few are used',
  docs: {
    whatItDoes:
      'Flags `pd.read_csv`, `pd.read_table`, `pd.read_excel` (which take `usecols=`) and `pd.read_parquet`, `pd.read_feather` (which take `columns=`) called without that argument, when the frame is bound to a name and used, in the same scope, only to select columns by name: `df["a"]`, `df[["a", "b"]]` or `df.a` (where `a` is not a DataFrame method or property such as `shape`, `mean` or `index`). The names may be literals or names bound once to a string literal or to a list of them (`TARGET = "y"`, `FEATURES = ["a", "b"]`, at module level or in the function), a list only when nothing can change it: every read of its name is a subscript key, a loop\'s iterable, `len(…)`, the right side of `in` or an operand of `+`. The name of the frame must be bound nowhere else, or bound again by the very next statement from what it selects of the frame (`df = df[["a", "b"]]`, `df = df[COLUMNS].dropna()`): then the frame read lives only until that statement, and what comes after is free to use the selection any way. A notebook is one module, its cells in order: a frame read in one cell and used by name in the following ones is flagged once, with the columns of every cell. pandas is recognised through its imports (`import pandas as pd`, `from pandas import read_csv`). Not flagged when the frame is used any other way (passed to a function, returned, printed, `len(df)`, `df.head()`, `df.loc[…]`, `df[df.a > 0]`), assigned to (`df["c"] = …`), bound again other than right after the read from its columns, or used from a nested function; when a column name is computed (a parameter, a loop variable, a list changed or handed on); nor when the call already names columns or passes `names=`, `index_col=`, `parse_dates=`, `converters=`, `chunksize=`, `iterator=`, `filters=`, `header=` other than an integer, `**kwargs`, or for `read_excel` a `sheet_name` that is not a single string or integer.',
    whyBadForMemory:
      'pandas holds every column it reads until the frame is dropped: 8 bytes per row for each int64 or float64 column, and for each text column an 8-byte pointer per row plus a str object of 49 bytes and more per row (CPython 3.11, 64-bit, ASCII text). A file of 1,000,000 rows and 20 numeric columns takes 160 MB as a frame; reading the 2 columns the code uses takes 16 MB. With `usecols=` the CSV parser skips the other fields as it goes, and Parquet and Feather readers never load the other columns from disk. A frame cut by the next statement (`df = df[["a", "b"]]`) holds the other columns only for that long, but all at once: the peak of the read. Measured with pandas 1.5 on CPython 3.11, a CSV of 100,000 rows whose 17 unused numeric columns take 13.6 MB as a frame peaks 55 MB higher read whole then cut than read with `usecols=`: the parser\'s temporary arrays for those columns go too.',
    example:
      'import pandas as pd\n\nsales = pd.read_csv("sales.csv")\ntotal = (sales["price"] * sales["quantity"]).sum()\nregions = sales.region.unique()',
    useInstead:
      'import pandas as pd\n\nsales = pd.read_csv("sales.csv", usecols=["price", "quantity", "region"])\ntotal = (sales["price"] * sales["quantity"]).sum()\nregions = sales.region.unique()',
    fixSafety:
      'The fix adds `usecols=[…]` (or `columns=[…]`) with the used names, sorted, and is unsafe: if a name is not a column of the file, pandas now raises when reading (before, only the access would fail, and perhaps never run); and the frame no longer holds the other columns, which matters if the names turn out to be used through code the rule cannot see (`eval`, another module). The columns keep the file’s order whatever the order of the list. When the next statement cuts the frame (`df = df[["b", "a"]]`), the list takes the cut\'s order and the cut stays: it puts the columns in its own order, which `usecols=` does not, so the frame after it is the same; it goes only when it would select every column the read now gives, in the order they come: when the workspace holds the file, its columns hold each name once and in the cut\'s order, and the cut names each once. The fix is still unsafe: a missing column now raises a ValueError when reading rather than a KeyError at the cut.',
  },
  anchors: calleeAnchors(COLUMN_READER_NAMES),
  check(call, context) {
    const callee = call.childForFieldName('function');
    // Only a frame bound to a name can be followed: that is cheaper to see than what the callee is.
    const frame = assignedName(call);
    if (!callee || !frame || !mayEndIn(callee, COLUMN_READER_NAMES, context.facts)) return undefined;
    const reader = COLUMN_READERS.get(context.facts.qualifiedName(callee) ?? '');
    if (!reader || !readsOneFrame(call, reader)) return undefined;
    const used = columnsUsed(frame, call, context.facts);
    if (!used) return undefined;
    const { columns } = used;
    const estimate = context.dataReads?.estimateOf(call, context.facts);
    const unused = unusedColumnBytes(estimate, columns);
    return {
      code: mem401.code,
      message: `${usageText(frame.text, used, unused)}: \`${reader.keyword}=[…]\` reads only ${columns.length === 1 ? 'that one' : 'those'}`,
      severity: mem401.defaultSeverity,
      // When the workspace holds the file, what the unused columns hold decides the scale; otherwise a
      // file is data from outside the program: large.
      ...(unused ? { holds: unused } : { scale: 'large' as const }),
      start: call.startIndex,
      end: call.endIndex,
      ...(columnsFix(call, reader, used, estimate, context.facts, context.source) ?? {}),
    };
  },
};

/**
 * What the frame holds and what the code uses of it: all its columns while
 * it lives, or, when the next statement binds its name again to a selection,
 * all of them at once for that long.
 */
function usageText(frame: string, used: UsedColumns, unused: Size | undefined): string {
  const listed = used.columns.map((column) => `"${column}"`).join(', ');
  if (!used.rebinding)
    return `${unused ? costLead(unused, 'unused columns held') : 'Every column held'}, \`${frame}\` uses ${listed}`;
  const lead = unused ? costLead(unused, 'unused columns read') : 'Every column read';
  return `${lead} though the next statement keeps only ${listed} of \`${frame}\``;
}

/** What the columns the code never uses hold as loaded, when the file's columns are known and include every used one. */
function unusedColumnBytes(estimate: DataEstimate | undefined, used: readonly string[]): Size | undefined {
  const columns = estimate?.columns;
  if (!columns || !used.every((name) => columns.some((column) => column.name === name))) return undefined;
  const bytes = columns
    .filter((column) => !used.includes(column.name))
    .reduce((total, column) => total + column.bytes, 0);
  return approximateSize(bytes);
}
