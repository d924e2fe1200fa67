// Selections that keep the items where a mask is True: `df[df["a"] > 3]`,
// `df.loc[mask, "col"]`, `arr[arr > 0]`. How many they keep the code does not
// show. DataScales gives them the frame's scale: code that loops over such a
// selection, or concatenates one per pass, handles a share of the rows that
// grows with the data (a corpus's spam messages, one worksite's petitions of
// three million; 4 warnings of MEM201 and MEM204 over the data-science
// corpus). Code that reads one item of one, `list(stores.loc[stores["store_nbr"]
// == 5, "type"])[0]`, looks a row up by its key: there the selection's size is
// unknown, not the frame's (MEM110).
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
/** How many names, subscripts and attributes deep a mask or a selection is followed. */
const MAX_DEPTH = 6;

/**
 * Whether the value is rows a mask keeps, or a part of them: `df[mask]`,
 * `df.loc[mask, "col"]`, `df[mask]["col"].values`, or a name bound once to one.
 */
export function keepsMaskedRows(node: Node, facts: DocumentFacts, depth = 0): boolean {
  const value = unparenthesized(node);
  const key = value.type === 'subscript' ? value.childrenForFieldName('subscript')[0] : undefined;
  if (key !== undefined && isMask(key, facts, 0)) return true;
  const whole = depth < MAX_DEPTH ? wholeOf(value, facts) : undefined;
  return whole !== undefined && keepsMaskedRows(whole, facts, depth + 1);
}

/** What a part is taken from: the value of a subscript, the object of an attribute, the value a name is bound to once. */
function wholeOf(value: Node, facts: DocumentFacts): Node | undefined {
  if (value.type === 'subscript') return value.childForFieldName('value') ?? undefined;
  if (value.type === 'attribute') return value.childForFieldName('object') ?? undefined;
  return value.type === 'identifier' ? singleAssignmentValue(facts, value) : undefined;
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
