import type { Node } from 'web-tree-sitter';
import { costLead } from '../scale/holdsText';
import { sizeText } from '../sizes/format';
import { CPYTHON } from '../sizes/cpython';
import { listSize } from '../sizes/objects';
import { approximateSize, perCountSize, type Size } from '../sizes/size';
import { calleeAnchors } from './anchors';
import { frameScale } from './frame-scale';
import { type FloatSeries, floatSeries } from './mem408-tolist-of-float-column/floatColumns';
import type { Rule, RuleContext } from './types';

export const mem408: Rule = {
  code: 'MEM408',
  name: 'tolist-of-float-column',
  defaultSeverity: 'warning',
  fixAvailability: 'none',
  summary: 'A float column made a list holds a Python float object per value where the column holds 8 bytes',
  docs: {
    whatItDoes:
      'Flags `s.tolist()`, `s.values.tolist()`, `s.to_numpy().tolist()` and `list(s)` when `s` is a float64 Series the code or the workspace shows: a column (`df["price"]`, `df.price`) of a frame bound once to `pd.read_csv` or `pd.read_table` whose `dtype=` names a float dtype for it (`float64`, `float`, `np.float64`), or whose file the workspace holds and reads as floats; or `x.astype(float)` and its spellings. Not flagged: a column of any other or unknown dtype (an int column’s list holds what its values are, ints from −5 to 256 being shared; a text column’s list holds pointers to the strs the column holds already), and a list of an array (`list(arr)` makes numpy scalars, another cost).',
    whyBadForMemory:
      'A float64 column holds 8 bytes per value in one array. Its list holds an 8-byte pointer per value and a float object per value, 24 bytes each: 32 bytes per value and a 56-byte list, four times the column. Measured with tracemalloc on the example’s orders.csv, 100,000 rows read with `amount` as float64, the list holds 3,199,832 bytes more than the array on CPython 3.11 with pandas 1.5.3 (3,199,808 on 3.9 with pandas 1.1.5, 3,197,600 on 3.13 with pandas 2.2.3), the model’s 56 + 32 × 100,000 = 3,200,056 to 0.1%; the array `.to_numpy()` gives is a view of the frame’s float block, and what its run holds, 3,967 to 13,002 bytes, is the Series pandas caches for the column, which the list’s run holds too. Arithmetic, comparisons, `sum()`, sorting, indexing and the numeric libraries (numpy, matplotlib, scikit-learn) take the array as it is.',
    example:
      'import pandas as pd\n\norders = pd.read_csv("orders.csv", dtype={"amount": "float64"})\namounts = orders["amount"].to_numpy().tolist()',
    useInstead:
      'import pandas as pd\n\norders = pd.read_csv("orders.csv", dtype={"amount": "float64"})\namounts = orders["amount"].to_numpy()',
    fixSafety:
      'No automatic fix: a list and an array differ in what the code can do with them (`append`, `+` concatenates a list and adds to an array, `==` compares a list whole and an array item by item, `json.dumps` takes only the list, and the items are numpy floats in the array). Keeping the array is the advice where what follows takes one; where a list is needed (a JSON payload), convert it as late as possible, in slices if it is large.',
  },
  anchors: calleeAnchors(['tolist', 'list']),
  check(call, context) {
    const series = listedSeries(call, context);
    const float = series && floatSeries(series, context);
    if (!series || !float) return undefined;
    const { holds, column } = sizes(series, float, context);
    return {
      code: mem408.code,
      message: `${costLead(holds, 'Python floats')}, ${sizeText(column)} as a column: keep the array, \`.to_numpy()\``,
      severity: mem408.defaultSeverity,
      holds,
      scale: frameScale(float.frame ?? series, context),
      start: call.startIndex,
      end: call.endIndex,
    };
  },
};

/** The Series a call lists: `s` of `s.tolist()`, `s.values.tolist()`, `s.to_numpy().tolist()` and `list(s)`. */
function listedSeries(call: Node, context: RuleContext): Node | undefined {
  const callee = call.childForFieldName('function');
  const args = context.facts.callArguments(call);
  if (!callee) return undefined;
  if (callee.type === 'identifier') {
    const only = args.length === 1 && args[0]!.type !== 'keyword_argument' ? args[0] : undefined;
    return only && context.facts.qualifiedName(callee) === 'builtins.list' ? only : undefined;
  }
  if (callee.type !== 'attribute' || callee.childForFieldName('attribute')?.text !== 'tolist' || args.length > 0)
    return undefined;
  const receiver = callee.childForFieldName('object');
  return receiver ? (arrayOf(receiver) ?? receiver) : undefined;
}

/** `s` of `s.values` or `s.to_numpy()`: the Series an array is taken of. */
function arrayOf(node: Node): Node | undefined {
  if (node.type === 'attribute' && node.childForFieldName('attribute')?.text === 'values')
    return node.childForFieldName('object') ?? undefined;
  const callee = node.type === 'call' ? node.childForFieldName('function') : null;
  if (callee?.type !== 'attribute' || callee.childForFieldName('attribute')?.text !== 'to_numpy') return undefined;
  return node.childForFieldName('arguments')?.namedChildCount === 0
    ? (callee.childForFieldName('object') ?? undefined)
    : undefined;
}

/** What the list holds (its pointers and floats) and what the column holds: in bytes when the file shows the rows, else per row. */
function sizes(series: Node, float: FloatSeries, context: RuleContext): { holds: Size; column: Size } {
  const layout = CPYTHON[context.pythonVersion];
  const perValue = layout.pointer + layout.float;
  const rows = float.read ? context.dataReads?.estimateOf(float.read, context.facts)?.rows : undefined;
  if (rows !== undefined)
    return {
      holds: approximateSize(listSize(layout, rows) + rows * layout.float),
      column: approximateSize(rows * 8),
    };
  // A count spelled after a long expression would take the message past its length.
  const counted = float.frame ?? series;
  const count = counted.text.length <= 24 ? `len(${counted.text})` : 'values listed';
  return { holds: perCountSize(listSize(layout, 0), perValue, count, true), column: perCountSize(0, 8, count, true) };
}
