import type { RelatedLocation, Rule } from './types';
import { nameAnchors } from './anchors';
import { frameScale } from './frame-scale';
import { rowRead, rowReadsInPass, rowSubscript } from './mem410-row-by-index-in-loop/rowReads';
import { isRowOfFrame, keptRows } from './mem410-row-by-index-in-loop/rowUses';

export const mem410: Rule = {
  code: 'MEM410',
  name: 'row-by-index-in-loop',
  defaultSeverity: 'information',
  fixAvailability: 'none',
  summary: 'A loop over a frame’s length reads each row with `.iloc[i]`, building a pandas Series per pass',
  docs: {
    whatItDoes:
      'Flags `df.iloc[i]`, `df.loc[i]` and `df.loc[df.index[i]]`, read (also as `df.iloc[i]["col"]`), in a `for` loop or a comprehension whose variable `i` runs over `range(len(df))`, `range(len(df.index))` or `range(df.shape[0])` (with a start, or a constant taken off the stop: `range(1, len(df) - 1)`), and `i`, `i + 1` or `i - 1` as the key. `df` must surely be a DataFrame, not a Series (whose `.iloc[i]` is one value): a name bound only to frames (`pd.read_csv(…)`, `pd.DataFrame(…)`), or a row the code reads by column (`df.iloc[i]["price"]`, or `row = df.iloc[i]` then `row["price"]`) or through a method only a Series has (`.to_dict()`, `.values`). One finding per loop and frame; the other reads of the same rows in the pass are listed with it. Not flagged: reads of one value (`df["col"].iloc[i]`, `df.at[i, "col"]`, `df.iat[i, 0]`, `df.iloc[i, 0]`), slices (`df.iloc[i:i + 10]`), and writes (`df.iloc[i] = …`). When the loop keeps the rows (`rows.append(df.iloc[i])`, `by_key[k] = row`, or a list or dict comprehension whose items are the rows), the message says so, at warning severity: then every row’s Series stays alive.',
    whyBadForMemory:
      '`df.iloc[i]` builds a new Series for the row each time it runs: a block manager, an index of the column labels and the row’s values, which for a frame whose columns have more than one dtype are gathered into a new object array that boxes every cell as a Python object (a frame of one dtype gives a view of its row instead). The loop drops it in the same pass, so the peak does not grow with the rows: the cost is an allocation of about 1 KB per row read, and the time it takes. Measured with tracemalloc on the example’s orders.csv (100,000 rows, 10 numeric and 2 text columns, 9,600,132 bytes as pandas counts them), the example’s loop peaks 12,180 bytes above the frame on CPython 3.11 with pandas 1.5.3 (13,944 on 3.13 with pandas 2.2.3; 59,846 on 3.9 with pandas 1.1.5), the `itertuples()` loop 54,304 bytes (70,496; 849,812, pandas 1.1 making an array of the RangeIndex) and the column expression 908,957 bytes (two temporary columns; 909,345; 1,746,665). The Series cost time: the example’s loop takes 53 µs per row against 0.8 µs for `itertuples()` on 3.11 (42 against 1.2 on 3.13, 63 against 1.0 on 3.9), 35 to 70 times as long (12 to 133 times over other runs on a busy 2-core machine); the column expression takes nanoseconds per row. Rows kept beyond their pass keep their Series: 1,352 bytes per row on 3.11 (1,196 on 3.9, 1,520 on 3.13), 135 MB for the 100,000 rows, against 398 bytes per `itertuples()` row (a named tuple of the index and the 12 values). `df["col"].iloc[i]` and `df.at[i, "col"]` read one value and build no Series.',
    example:
      'import pandas as pd\n\norders = pd.read_csv("orders.csv")\ntotal = 0.0\nfor i in range(len(orders)):\n    row = orders.iloc[i]\n    total += row["price"] * row["quantity"]',
    useInstead:
      'import pandas as pd\n\norders = pd.read_csv("orders.csv")\ntotal = (orders["price"] * orders["quantity"]).sum()\n\n# or, when a loop is needed:\ntotal = 0.0\nfor row in orders.itertuples():\n    total += row.price * row.quantity',
    fixSafety:
      'No automatic fix: `itertuples()` yields named tuples whose fields are read as `row.price` (or by position), not `row["price"]`; column names that are not identifiers are renamed to `_1`, `_2`…; and a column expression replaces the loop itself. Rewriting the loop is left to the author.',
  },
  anchors: nameAnchors(['iloc', 'loc'], rowSubscript),
  check(subscript, context) {
    const read = rowRead(subscript, context.facts);
    if (!read) return undefined;
    const reads = rowReadsInPass(read, context.facts);
    // One finding per loop and frame, at its first read.
    if (reads[0]?.access.id !== subscript.id || !reads.some((each) => isRowOfFrame(each, context.facts)))
      return undefined;
    const keptIn = reads.map(keptRows).find((kept) => kept !== undefined);
    const related: RelatedLocation[] = reads.slice(1).map(({ access }) => ({
      start: access.startIndex,
      end: access.endIndex,
      message: 'another Series of the same row',
    }));
    return {
      code: mem410.code,
      message: keptIn
        ? `Rows kept in ${keptIn} hold a ~1 KB Series each: keep whole columns, or \`itertuples()\` rows (tuples of the cells)`
        : 'A ~1 KB Series built and dropped per pass: peak unchanged, tens of times slower than `itertuples()` or columns',
      severity: keptIn ? 'warning' : mem410.defaultSeverity,
      scale: frameScale(read.frame, context),
      start: subscript.startIndex,
      end: subscript.endIndex,
      ...(related.length > 0 ? { related } : {}),
    };
  },
};
