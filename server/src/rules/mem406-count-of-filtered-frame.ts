import type { Node } from 'web-tree-sitter';
import { integerLiteral } from '../semantics/literals';
import { isField } from '../semantics/syntax';
import { calleeAnchors, nameAnchors } from './anchors';
import { maskedRows, type MaskedRows } from './boolean-masks';
import { frameScale } from './frame-scale';
import { hasNoCommentOutside, maskOperand, selectionSafety } from './masked-selection-fixes';
import type { Fix, Rule, RuleContext } from './types';

export const mem406: Rule = {
  code: 'MEM406',
  name: 'count-of-filtered-frame',
  defaultSeverity: 'warning',
  fixAvailability: 'sometimes',
  summary: 'Rows of a frame chosen by a mask are copied, every column of them, only to be counted',
  docs: {
    whatItDoes:
      'Flags `len(df[mask])`, `len(df.loc[mask])`, `df[mask].shape[0]` and `df.loc[mask].shape[0]` when the mask is a boolean Series made of the same frame’s columns: a comparison of a column (`df["a"] > 3`, `df.a == "x"`, `df["a"] != df["b"]`), `.isna()`, `.notna()`, `.isnull()`, `.notnull()`, `.isin(…)`, `.between(…)`, `.eq(…)` and the other comparison methods on a column, and `~`, `&`, `|`, `^` of those. The frame is a name (`df`) or an attribute chain (`self.df`). The mask may also be a name bound to such an expression once in the scope, by a statement of its own before the count (`m = df["a"] > 3` then `len(df[m])`); a name bound twice, only after the count, or in another scope is not followed. Not flagged: a key that is not such a mask (`df[["a", "b"]]` selects columns, `df[cols]` may, `df[other["a"] > 3]` aligns another frame’s index, `df[df > 3]` masks cells, `df["a"].str.contains("x")` may hold NaN, which `df[…]` refuses), and chained comparisons (`1 < df["a"] < 3` raises).',
    whyBadForMemory:
      '`df[mask]` copies the rows where the mask is True, every column of them, into a new frame, with an index of their labels, through an array of their positions: 8 bytes per row for each numeric or text column (a text column copies its pointers), 8 for the index and 8 for the positions. `len()` then reads one number and the copy is dropped. `mask.sum()` counts the True values of the mask, which both forms build anyway (1 byte per row). Measured with tracemalloc on a 100,000-row frame of 10 numeric and 2 text columns read from a CSV (the example’s orders.csv, 48,771 late orders), the count through the copy peaks 6,373,243 bytes above the frame on CPython 3.11 with pandas 1.5.3 and `int(mask.sum())` 173,073 bytes: the mask and the sum’s own work (6,423,109 against 209,069 bytes on 3.9 with pandas 1.1.5; 5,574,845 against 173,077 on 3.13 with pandas 2.2.3). What the copy costs is 8 × (columns + 2) bytes per matching row, 112 here: 5,462,352 bytes, and the peaks differ by that to 1.2%. pandas 1.x also makes an int64 array of the frame’s RangeIndex at its first selection and keeps it (806,139 bytes here, 8 per row of the frame): the fix makes none, though any later selection would. A frame of 100 columns costs 816 bytes per matching row.',
    example: 'import pandas as pd\n\norders = pd.read_csv("orders.csv")\nlate = len(orders[orders["days_late"] > 0])',
    useInstead:
      'import pandas as pd\n\norders = pd.read_csv("orders.csv")\nlate = int((orders["days_late"] > 0).sum())',
    fixSafety:
      '`len(df[mask])` becomes `int((mask).sum())` (no parentheses added around a method call): `len` returns an int and `sum()` of a mask a numpy integer, so `int()` keeps the type. The count is the same wherever the mask is a Series on the frame’s index: False and NaN comparisons count as no row in both forms, and so does the NA of a nullable boolean column. The fix is safe when the frame is a name bound only to `pd.read_csv` or `pd.read_table` calls without `header=` other than an integer or `None` (the CSV parser renames a repeated header, so a column label is never repeated and `df["a"]` is one column) that nothing relabels (`df.columns = …`, `df.insert(…)`, `df.rename(…, inplace=True)`), and the mask compares columns only with literals or with each other. Otherwise it is unsafe: a frame with a repeated label or MultiIndex columns makes `df["a"]` a frame, whose mask `df[…]` applies cell by cell (`len` counts every row) while `sum()` gives one count per column and `int()` raises; a name compared with a column could stand for a frame the same way. A named mask (`int(m.sum())`) is safe under one more condition: nothing from the statement that binds it to the count may change the frame or the mask (a method of either not known to only look, a call that could reach them, the count’s whole loop where it stands in one; the binding’s block must hold the count). `len(df[m])` aligns the mask with the frame’s rows as they are then: after `df.drop(…, inplace=True)` it counts the rows left, and `m.sum()` the rows the mask was made of. No fix when a comment inside the expression would be lost, or `int` is not the builtin.',
  },
  anchors: [...calleeAnchors(['len']), ...nameAnchors(['shape'], shapeRow)],
  check(node, context) {
    const counted = node.type === 'call' ? lenArgument(node, context) : shapeReceiver(node);
    const rows = counted && maskedRows(counted, context.facts);
    if (!rows) return undefined;
    return {
      code: mem406.code,
      message: 'Copies every column of the matching rows to count them: `int(mask.sum())` counts them without a copy',
      severity: mem406.defaultSeverity,
      scale: frameScale(rows.frame, context),
      start: node.startIndex,
      end: node.endIndex,
      ...countFix(node, rows, context),
    };
  },
};

/** From `shape` to `….shape[0]`: the subscript the rule checks. */
function shapeRow(identifier: Node): Node | undefined {
  const attribute = identifier.parent;
  if (attribute?.type !== 'attribute' || !isField(attribute, 'attribute', identifier)) return undefined;
  const row = attribute.parent;
  if (row?.type !== 'subscript' || !isField(row, 'value', attribute)) return undefined;
  const keys = row.childrenForFieldName('subscript');
  return keys.length === 1 && integerLiteral(keys[0]!) === 0 ? row : undefined;
}

/** The selection in `selection.shape[0]`. */
function shapeReceiver(row: Node): Node | undefined {
  return row.childForFieldName('value')?.childForFieldName('object') ?? undefined;
}

/** The only argument of the builtin `len`. */
function lenArgument(call: Node, context: RuleContext): Node | undefined {
  const args = context.facts.callArguments(call);
  const only = args.length === 1 ? args[0] : undefined;
  if (only?.type !== 'subscript') return undefined;
  const callee = call.childForFieldName('function');
  return callee && context.facts.qualifiedName(callee) === 'builtins.len' ? only : undefined;
}

/** The count, `int((mask).sum())`, in place of the expression. */
function countFix(counting: Node, rows: MaskedRows, context: RuleContext): { fix: Fix } | undefined {
  if (context.facts.lookup('int', counting) !== undefined || !hasNoCommentOutside(counting, rows.mask))
    return undefined;
  return {
    fix: {
      title: 'Count the mask: int(mask.sum())',
      safety: selectionSafety(rows, context.facts),
      edits: [{ start: counting.startIndex, end: counting.endIndex, text: `int(${maskOperand(rows)}.sum())` }],
    },
  };
}
