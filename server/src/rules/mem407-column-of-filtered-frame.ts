import type { Node } from 'web-tree-sitter';
import { isAssignmentTarget } from '../semantics/assignmentTargets';
import { stringLiteral } from '../semantics/literals';
import { unparenthesized } from '../semantics/syntax';
import { keywordAnchor } from './anchors';
import { maskedRows, type MaskedRows } from './boolean-masks';
import { frameScale } from './frame-scale';
import { holdsNumpyArray } from '../scale/dataSources';
import { hasNoCommentOutside, selectionSafety } from './masked-selection-fixes';
import { AFTER_CLOSING_BRACKET } from './mem407-column-of-filtered-frame/bracketHits';
import type { Fix, Rule, RuleContext } from './types';

/** Longer column names are not spelled out in a message. */
const MAX_SPELLED = 24;

export const mem407: Rule = {
  code: 'MEM407',
  name: 'column-of-filtered-frame',
  defaultSeverity: 'warning',
  fixAvailability: 'sometimes',
  summary: 'Rows of a frame chosen by a mask are copied, every column of them, to keep one column',
  docs: {
    whatItDoes:
      'Flags `df[mask]["col"]` and `df.loc[mask]["col"]`, read, when the mask is a boolean Series made of the same frame’s columns (as MEM406 reads it: comparisons of columns, `.isna()`, `.isin(…)`, `.between(…)` and the like, and `~`, `&`, `|`, `^` of those, or a name bound once to one before the selection) and the column is one string literal. Not flagged: a list of columns (`df[mask][["a", "b"]]`: with pandas 1.x `df.loc[mask, ["a", "b"]]` copies every column of the rows as well, and peaks 2% higher, 6,098,462 bytes against 5,998,358 for two columns of the frame below on 3.11 with pandas 1.5.3; pandas 2.2 copies only the columns listed, 3,305,768 bytes), a key that is no such mask, and a target of an assignment, augmented assignment or `del` (`df[mask]["col"] = 0`). That last one is a chained assignment: it writes into the copy `df[mask]` makes, not into `df` (pandas warns `SettingWithCopyWarning`, or with copy-on-write does nothing), so it is a bug of its own whose fix, `df.loc[mask, "col"] = 0`, changes what the code does; MEM407 leaves it to the author. Nor is a numpy structured array (`data = np.zeros(4, dtype={"names": …})`, then `data[data["age"] < 30]["name"]`), which reads fields the same way but has no `.loc`.',
    whyBadForMemory:
      '`df[mask]` copies the rows where the mask is True, every column of them, with an index of their labels and an array of their positions; `["col"]` then keeps one column of the copy. `df.loc[mask, "col"]` copies that one column of those rows, and the index. Measured with tracemalloc on a 100,000-row frame of 10 numeric and 2 text columns read from a CSV (the example’s orders.csv, 48,771 late orders), the chained form peaks 6,373,237 bytes above the frame on CPython 3.11 with pandas 1.5.3 and `.loc` 2,080,955 bytes (6,423,101 against 2,129,594 on 3.9 with pandas 1.1.5; 5,574,586 against 1,283,816 on 3.13 with pandas 2.2.3, which keeps no int64 copy of the RangeIndex: pandas 1.x makes one, 8 bytes per row of the frame, at the first selection of either form). The peaks differ by 8 × (columns − 1) bytes per matching row, 88 here: 4,291,848 bytes, to 0.05%. The column the chained form keeps is a view of the copy’s block of the columns of its dtype, so a Series kept from it holds that whole block alive: 2,740,238 bytes for the example’s six float64 columns on 3.13, against 790,380 bytes for the Series `.loc` gives (3,539,157 against 1,587,607 on 3.11, each with the 800,000-byte index).',
    example:
      'import pandas as pd\n\norders = pd.read_csv("orders.csv")\nlate_amount = orders[orders["days_late"] > 0]["amount"].sum()',
    useInstead:
      'import pandas as pd\n\norders = pd.read_csv("orders.csv")\nlate_amount = orders.loc[orders["days_late"] > 0, "amount"].sum()',
    fixSafety:
      '`df[mask]["col"]` and `df.loc[mask]["col"]` become `df.loc[mask, "col"]`: the same Series (the same values, dtype, name and index) wherever the mask is a Series on the frame’s index, NaN comparisons and a nullable mask’s NA taken as False by both. The result is no longer a view of a copy of the frame, which nothing can tell from its values (writing into either leaves `df` as it is). Safe under the same conditions as MEM406’s fix: the frame is a name bound only to `pd.read_csv` or `pd.read_table` calls without a `header=` other than an integer or `None`, nothing relabels it, and the mask compares columns only with literals or with each other; unsafe otherwise, since a repeated label or MultiIndex columns make the mask a frame, which `df[…]` applies cell by cell and `.loc` refuses. A named mask (`df[m]["col"]`) is safe when, besides, nothing from its binding to the selection may change the frame or the mask, as MEM406 reads it: both forms align the mask with the frame’s rows as they are then and give the same Series, but where a row came since, `df[m]` raises IndexingError and, with pandas 2.x, `.loc` an AssertionError. No fix when a comment inside the expression would be lost.',
  },
  anchors: [keywordAnchor('[', columnSelection, AFTER_CLOSING_BRACKET)],
  check(selection, context) {
    const keys = selection.childrenForFieldName('subscript');
    const key = keys.length === 1 ? unparenthesized(keys[0]!) : undefined;
    const column = key && stringLiteral(key);
    if (!column || column.bytes || isAssignmentTarget(selection)) return undefined;
    const value = selection.childForFieldName('value');
    const rows = value && maskedRows(unparenthesized(value), context.facts);
    // A numpy structured array reads fields the same way but has no `.loc`.
    if (!rows || holdsNumpyArray(rows.frame, context.facts)) return undefined;
    const named = column.value.length <= MAX_SPELLED ? JSON.stringify(column.value) : undefined;
    return {
      code: mem407.code,
      message: named
        ? `Copies every column of the matching rows to keep ${named}: \`.loc[mask, ${named}]\` copies it alone`
        : 'Copies every column of the matching rows to keep one: `.loc[mask, column]` copies it alone',
      severity: mem407.defaultSeverity,
      scale: frameScale(rows.frame, context),
      start: selection.startIndex,
      end: selection.endIndex,
      ...locFix(selection, rows, key, context),
    };
  },
};

/** From the `[` of `…]["col"]` to its subscript. */
function columnSelection(bracket: Node): Node | undefined {
  const selection = bracket.parent;
  return selection?.type === 'subscript' ? selection : undefined;
}

/** `df.loc[mask, "col"]` in place of the selection. */
function locFix(selection: Node, rows: MaskedRows, column: Node, context: RuleContext): { fix: Fix } | undefined {
  const kept = rows.mask;
  if (!hasNoCommentOutside(selection, kept)) return undefined;
  return {
    fix: {
      title: 'Select the rows and the column at once: .loc[mask, "col"]',
      safety: selectionSafety(rows, context.facts),
      edits: [
        {
          start: selection.startIndex,
          end: selection.endIndex,
          text: `${rows.frame.text}.loc[${kept.text}, ${column.text}]`,
        },
      ],
    },
  };
}
