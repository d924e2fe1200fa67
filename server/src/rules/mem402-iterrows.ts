import type { Node } from 'web-tree-sitter';
import type { ModuleParts } from '../document/moduleParts';
import { usageOf } from '../semantics/valueUses';
import { calleeAnchors } from './anchors';
import { keptRows } from './mem402-iterrows/kept-rows';
import { hasOneDtype } from './mem402-iterrows/one-dtype-frame';
import { frameScale } from './frame-scale';
import type { Rule } from './types';

const LOOP_TYPES: ReadonlySet<string> = new Set(['for_statement', 'for_in_clause']);

export const mem402: Rule = {
  code: 'MEM402',
  name: 'iterrows',
  defaultSeverity: 'warning',
  fixAvailability: 'none',
  summary: '`DataFrame.iterrows()` in a loop copies a mixed-dtype frame whole and builds a pandas Series per row',
  docs: {
    whatItDoes:
      'Flags `df.iterrows()` iterated by a `for` loop or a comprehension. `iterrows` is a pandas-only method name, so any receiver is flagged, unless the file defines a function named `iterrows` itself. When the loop keeps the rows (`rows.append(row)` or `by_key[key] = row` in its body, with `row` not rebound there, or a list or dict comprehension whose items are the rows), the message says so: then every row’s Series stays alive, not one at a time. A frame the code builds from one numpy array or with a `dtype=` (`pd.DataFrame(np.random.randint(0, 100, (n, 4)))`), and that nothing may have changed between there and the loop, has one dtype: it is not copied, and a loop that keeps no rows is not flagged.',
    whyBadForMemory:
      '`iterrows()` first takes `frame.values`, and holds it until the loop ends. For a frame whose columns have more than one dtype, that is a new array holding the whole frame in one common dtype: float64 for mixed numbers (ints turn into floats), `object` as soon as one column holds text, every number then boxed as a Python object. A frame of a single dtype is not copied. Then, for every row, it builds a pandas Series (a block manager, an index and a view of the row): about 1 KB made and dropped once per row. Measured with tracemalloc on a 100,000-row frame of a float64 `price` and an int64 `quantity` column (1,600,000 bytes of values), the example below raises the peak by 1,607,604 bytes with `iterrows()` on CPython 3.11 with pandas 1.5.3 (1,609,201 on 3.13 with pandas 2.2.3; 2,435,038 on 3.9 with pandas 1.1.5, which also materialises the RangeIndex), by 20,919 bytes (up to 57,651) with `itertuples()`, and by 910,306 bytes (up to 1,765,755: one or two temporary columns) with the vectorised expression. With a third column of text the `iterrows()` copy grows to 6,401,608 bytes on 3.11; with two float64 columns there is none (5,640 bytes; 805,151 on pandas 1.1, the RangeIndex). Rows kept beyond their pass keep their Series: 1,032 bytes per row on 3.11 (876 on 3.9, 1,200 on 3.13), 103 MB for the 100,000 rows, against 132 to 136 bytes per `itertuples()` row. The Series also cost time: the `iterrows()` loop takes tens of times as long as the `itertuples()` one (17 to 48 µs per row against 0.3 to 1.1 µs over runs on CPython 3.9, 3.11 and 3.13 on a busy 2-core machine); the vectorised expression takes a few nanoseconds per row.',
    example: 'total = 0.0\nfor index, row in frame.iterrows():\n    total += row["price"] * row["quantity"]',
    useInstead:
      'total = (frame["price"] * frame["quantity"]).sum()\n\n# or, when a loop is needed:\ntotal = 0.0\nfor row in frame.itertuples():\n    total += row.price * row.quantity',
    fixSafety:
      'No automatic fix: `itertuples()` yields named tuples whose fields are read as `row.price` (or by position), not `row["price"]`; the index comes as `row.Index` rather than a separate loop variable; and column names that are not identifiers are renamed to `_1`, `_2`… Rewriting the loop body is left to the author.',
  },
  anchors: calleeAnchors(['iterrows']),
  check(call, context) {
    const callee = call.childForFieldName('function');
    if (callee?.type !== 'attribute' || callee.childForFieldName('attribute')?.text !== 'iterrows') return undefined;
    if (context.facts.callArguments(call).length > 0) return undefined;
    if (usageOf(call, context.facts).kind !== 'iterated') return undefined;
    context.facts.readsSpellingsOf('iterrows');
    if (definesIterrows(context.facts.module)) return undefined;
    const loop = loopOver(call);
    const keptIn = loop ? keptRows(loop) : undefined;
    // A frame of one dtype is not copied, and a Series made and dropped per row costs time, not memory.
    if (loop && !keptIn && hasOneDtype(callee.childForFieldName('object'), call, loop, context.facts)) return undefined;
    return {
      code: mem402.code,
      message: keptIn
        ? `\`iterrows()\` rows kept in ${keptIn} hold a ~1 KB Series each: keep \`itertuples()\` rows (~150 B) or whole columns`
        : '`iterrows()` copies a mixed-dtype frame whole and builds a ~1 KB Series per row: `itertuples()` does neither',
      severity: mem402.defaultSeverity,
      // A DataFrame's method: data scale, unless its frame comes from a file the workspace shows small.
      scale: frameScale(callee.childForFieldName('object'), context),
      start: call.startIndex,
      end: call.endIndex,
    };
  },
};

/** The `for` statement or comprehension clause iterating the call, through any parentheses. */
function loopOver(call: Node): Node | undefined {
  let value = call;
  while (value.parent?.type === 'parenthesized_expression') value = value.parent;
  const parent = value.parent;
  return parent && LOOP_TYPES.has(parent.type) ? parent : undefined;
}

/** A function named `iterrows` in the file may be the method being called. */
function definesIterrows(module: ModuleParts): boolean {
  return module
    .descendantsOfType('function_definition')
    .some((definition) => definition.childForFieldName('name')?.text === 'iterrows');
}
