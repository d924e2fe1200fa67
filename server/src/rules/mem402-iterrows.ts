import type { ModuleParts } from '../analysis/moduleParts';
import { usageOf } from '../analysis/valueUses';
import { calleeAnchors } from './anchors';
import type { Rule } from './types';

export const mem402: Rule = {
  code: 'MEM402',
  name: 'iterrows',
  defaultSeverity: 'warning',
  fixAvailability: 'none',
  summary: '`DataFrame.iterrows()` in a loop builds a pandas Series for every row',
  docs: {
    whatItDoes:
      'Flags `df.iterrows()` iterated by a `for` loop or a comprehension. `iterrows` is a pandas-only method name, so any receiver is flagged, unless the file defines a function named `iterrows` itself.',
    whyBadForMemory:
      'For every row, `iterrows()` builds a new pandas Series: a Python object wrapping a block manager, an index object and a NumPy array holding a copy of the row. When the columns have different dtypes the row is upcast to one common dtype, often `object`, so every value is boxed as a separate Python object (24 bytes per float, 28 bytes per int on CPython 3.11, 64-bit) and ints may turn into floats. These objects are made and dropped once per row, which churns the allocator and costs far more time than the values themselves; rows kept beyond the loop (`rows.append(row)`) keep all of it alive. `itertuples()` yields one plain tuple per row, 40 + 8·(k + 1) bytes for k columns plus the index (128 bytes for 10 columns), with each column’s own dtype; a vectorised expression over whole columns makes no per-row objects at all.',
    example:
      'total = 0.0\nfor index, row in frame.iterrows():\n    total += row["price"] * row["quantity"]',
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
    return {
      code: mem402.code,
      message:
        '`iterrows()` builds a pandas Series for every row (a copy of the row, upcast to one dtype): `itertuples()` yields plain tuples, and a vectorised expression over whole columns makes no per-row objects',
      severity: mem402.defaultSeverity,
      start: call.startIndex,
      end: call.endIndex,
    };
  },
};

/** A function named `iterrows` in the file may be the method being called. */
function definesIterrows(module: ModuleParts): boolean {
  return module.descendantsOfType('function_definition').some((definition) => definition.childForFieldName('name')?.text === 'iterrows');
}
