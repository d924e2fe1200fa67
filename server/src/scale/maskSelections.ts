// Selections that keep the items where a mask is True: `df[df["a"] > 3]`,
// `df.loc[mask, "col"]`, `arr[arr > 0]`. How many they keep the code does not
// show: one row of a table keyed by the column compared
// (`stores.loc[stores["store_nbr"] == 5, "type"]`), or every row. Like a
// reducing method's result (`head(5)`, `describe()`), such a selection's scale
// is unknown, not the frame's. What the selection itself copies is the frame's
// rows, which MEM406 and MEM407 weigh by the frame.
import type { Node } from 'web-tree-sitter';
import type { DocumentFacts } from '../semantics/facts';
import { singleAssignmentValue } from '../semantics/names';
import { unparenthesized } from '../semantics/syntax';

const COMPARISONS: ReadonlySet<string> = new Set(['<', '>', '<=', '>=', '==', '!=']);
const LOGICAL: ReadonlySet<string> = new Set(['&', '|', '^']);
/** Methods whose result is a bool per item: pandas' and numpy's comparisons and tests, and pandas' `.str` tests. */
const MASK_METHODS: ReadonlySet<string> = new Set([
  'isna',
  'isnull',
  'notna',
  'notnull',
  'isin',
  'between',
  'duplicated',
  'eq',
  'ne',
  'lt',
  'le',
  'gt',
  'ge',
  'contains',
  'startswith',
  'endswith',
  'match',
  'fullmatch',
]);
/** How many names deep a mask is followed (`m = a & b`, `a = df["x"] > 3`). */
const MAX_DEPTH = 4;

/** Whether the subscript's first key (the rows, for `.loc[rows, cols]`) is a mask. */
export function selectsByMask(subscript: Node, facts: DocumentFacts): boolean {
  const key = subscript.childrenForFieldName('subscript')[0];
  return key !== undefined && isMask(key, facts, 0);
}

/** A comparison, a mask method's call, `~`, `&`, `|`, `^` of one, or a name bound once to one. */
function isMask(node: Node, facts: DocumentFacts, depth: number): boolean {
  const mask = unparenthesized(node);
  switch (mask.type) {
    case 'comparison_operator':
      return mask.childrenForFieldName('operators').every((operator) => COMPARISONS.has(operator.text));
    case 'unary_operator': {
      const argument = mask.childForFieldName('argument');
      return mask.childForFieldName('operator')?.type === '~' && argument !== null && isMask(argument, facts, depth);
    }
    case 'binary_operator': {
      if (!LOGICAL.has(mask.childForFieldName('operator')?.text ?? '')) return false;
      const sides = [mask.childForFieldName('left'), mask.childForFieldName('right')];
      return sides.some((side) => side !== null && isMask(side, facts, depth));
    }
    case 'call': {
      const callee = mask.childForFieldName('function');
      return callee?.type === 'attribute' && MASK_METHODS.has(callee.childForFieldName('attribute')?.text ?? '');
    }
    case 'identifier': {
      const value = depth < MAX_DEPTH ? singleAssignmentValue(facts, mask) : undefined;
      return value !== undefined && isMask(value, facts, depth + 1);
    }
    default:
      return false;
  }
}
