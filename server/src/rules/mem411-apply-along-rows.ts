import type { Node } from 'web-tree-sitter';
import { stringLiteral, integerLiteral } from '../semantics/literals';
import { unparenthesized } from '../semantics/syntax';
import { perCountSize } from '../sizes/size';
import { calleeAnchors } from './anchors';
import { frameScale } from './frame-scale';
import type { Rule, RuleContext } from './types';

/** What `apply(axis=1)` holds at its peak per row, at least: a float result per row, kept in a dict, then made a Series (measured 178 to 233 B). */
const PEAK_PER_ROW = 180;
/** A column expression's result: one float64 per row. */
const COLUMN_PER_ROW = 8;
/** Receivers whose `apply` is no DataFrame's: a Styler's runs per row for display; group-wise objects' take no axis. */
const OTHER_APPLIES: ReadonlySet<string> = new Set([
  'style',
  'swifter',
  'groupby',
  'rolling',
  'expanding',
  'ewm',
  'resample',
]);
/** Keywords that make the call another operation: rows as arrays (`raw=True`), a Dask frame's partitions (`meta=`). */
const OTHER_KEYWORDS: ReadonlySet<string> = new Set(['raw', 'meta', 'engine']);
/** Longer frame expressions are not spelled in the count. */
const MAX_SPELLED = 24;

export const mem411: Rule = {
  code: 'MEM411',
  name: 'apply-along-rows',
  defaultSeverity: 'warning',
  fixAvailability: 'none',
  summary:
    '`DataFrame.apply(f, axis=1)` keeps a Python result per row, and copies a frame of mixed dtypes with every cell boxed',
  docs: {
    whatItDoes:
      'Flags `df.apply(f, axis=1)` and `df.progress_apply(f, axis=1)` (tqdm’s), with `axis="columns"` or the axis as the second positional argument too. A Series has no axis to apply along, so any receiver is taken for a DataFrame, except a Styler’s (`df.style.apply`), a group-wise object’s (`df.groupby(…).apply`, `.rolling(…)`, `.resample(…)`) and swifter’s. Not flagged: `raw=True` (each row an ndarray, its results gathered by numpy), `engine=` (numba) and `meta=` (a Dask frame, applied one partition at a time).',
    whyBadForMemory:
      '`apply(f, axis=1)` does not build a Series per row (pandas 1.1 to 2.2 swap each row’s values into one Series), but it holds more than the rows: it first takes the frame’s values as one array, which for a frame of mixed dtypes is a new array of their common dtype (`object` as soon as a column holds text, every number then boxed as a Python object), and it keeps every row’s result as a Python object in a dict keyed by the row’s position until it makes the Series of them. A column expression computes the column in one array, 8 bytes a row for float64. Measured with tracemalloc on the example’s orders.csv (100,000 rows, 10 numeric and 2 text columns), `apply` peaks 48,851,660 bytes above the frame on CPython 3.11 with pandas 1.5.3, 488 bytes a row (48,849,281 on 3.13 with pandas 2.2.3; 54,343,169 on 3.9 with pandas 1.1.5), the column expression 1,615,413 bytes (the product and its place in the frame; 1,616,901; 1,657,921) and the `itertuples()` list 9,016,523 bytes (a float object and a pointer per row, and the column made of them). Over a frame of two float64 columns, where no cell is boxed, `apply` still peaks at 18,641,360 bytes, 186 a row (18,640,125; 24,903,275), against 805,921 for the column expression: the results alone cost more than 20 times the column they make. It also costs time: 6 to 13 µs a row, against a few nanoseconds for the column expression (measured on a busy 2-core machine). A function that returns a Series per row (to make several columns) has every one of them kept until the frame of them is made: 235 MB for 100,000 rows of a two-column Series each on 3.11 (320 MB on 3.13), 2 to 3 KB a row.',
    example:
      'import pandas as pd\n\norders = pd.read_csv("orders.csv")\norders["total"] = orders.apply(lambda row: row["price"] * row["quantity"], axis=1)',
    useInstead:
      'import pandas as pd\n\norders = pd.read_csv("orders.csv")\norders["total"] = orders["price"] * orders["quantity"]\n\n# or, when a function of the row is needed:\norders["total"] = [row.price * row.quantity for row in orders.itertuples()]',
    fixSafety:
      'No automatic fix: the function’s body has to be rewritten on columns (`np.where` for a condition, `.str` methods for text, `.dt` for dates), or on the fields of `itertuples()` rows, which are read as `row.price`, not `row["price"]`. Where it returns a Series per row (to make several columns), the column expressions are assigned one by one.',
  },
  anchors: calleeAnchors(['apply', 'progress_apply']),
  check(call, context) {
    const callee = call.childForFieldName('function');
    const frame = callee?.type === 'attribute' ? callee.childForFieldName('object') : null;
    if (!frame || isOtherApply(frame) || !appliesAlongRows(call, context)) return undefined;
    const count = isName(frame) && frame.text.length <= MAX_SPELLED ? `len(${frame.text})` : 'rows of the frame';
    return {
      code: mem411.code,
      message: `≥ ${PEAK_PER_ROW}·n B of per-row results at peak (n = ${count}), ${COLUMN_PER_ROW}·n B as a column expression; or \`itertuples()\``,
      severity: mem411.defaultSeverity,
      holds: perCountSize(0, PEAK_PER_ROW, count, true),
      scale: frameScale(frame, context),
      start: call.startIndex,
      end: call.endIndex,
    };
  },
};

/** `df`, `self.df`: a frame named in few words, which a count can spell. */
function isName(node: Node): boolean {
  if (node.type === 'identifier') return true;
  const object = node.type === 'attribute' ? node.childForFieldName('object') : null;
  return object !== null && isName(object);
}

/** `df.style.apply`, `df.groupby(k).apply`, `df.swifter.apply`: another object's `apply`. */
function isOtherApply(receiver: Node): boolean {
  const node = unparenthesized(receiver);
  const named = node.type === 'call' ? node.childForFieldName('function') : node;
  return named?.type === 'attribute' && OTHER_APPLIES.has(named.childForFieldName('attribute')?.text ?? '');
}

/** `axis=1`, `axis="columns"` or the second positional argument so, and none of the keywords that make it another operation. */
function appliesAlongRows(call: Node, context: RuleContext): boolean {
  const args = context.facts.callArguments(call);
  if (args.some((arg) => arg.type === 'list_splat' || arg.type === 'dictionary_splat')) return false;
  let axis: Node | undefined;
  for (const arg of args) {
    if (arg.type !== 'keyword_argument') continue;
    const name = arg.childForFieldName('name')?.text ?? '';
    if (OTHER_KEYWORDS.has(name) && arg.childForFieldName('value')?.text !== 'False') return false;
    if (name === 'axis') axis = arg.childForFieldName('value') ?? undefined;
  }
  axis ??= args.filter((arg) => arg.type !== 'keyword_argument')[1];
  return axis !== undefined && isRowsAxis(unparenthesized(axis));
}

function isRowsAxis(axis: Node): boolean {
  return integerLiteral(axis) === 1 || stringLiteral(axis)?.value === 'columns';
}
