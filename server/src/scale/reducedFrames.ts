// A frame made by a reduction (`groupby(…).sum()`, `describe()`, `head(20)`,
// `value_counts()`) holds a row per group or a few rows, whatever the size of
// the frame it came from: the code does not show its size, so its scale is
// unknown rather than the data's. Not so for groups keyed by an identifier
// (`groupby("user_id")`): there is a row per user, customer or order, and
// their number grows with the data.
import type { Node } from 'web-tree-sitter';
import type { DocumentFacts } from '../semantics/facts';
import { bindingsOf } from '../semantics/initialValues';
import { descendants, unparenthesized } from '../semantics/syntax';
import { REDUCING_METHODS } from './dataSources';

/** Methods whose result holds the rows of a frame passed to them as well as the receiver's. */
const JOINING_METHODS: ReadonlySet<string> = new Set(['merge', 'join', 'append', 'combine', 'combine_first']);

/** Reductions to a count of rows the code gives (`head(20)`, `describe()`), whatever the groups. */
const COUNTED_METHODS: ReadonlySet<string> = new Set(['head', 'tail', 'sample', 'nlargest', 'nsmallest', 'describe']);

/** A column name that identifies an entity: `id`, `user_id`, `CustomerID`, `display_id`, `ParcelId`. */
const IDENTIFIER_KEY = /(^|_|[a-z])(id|ID|Id)$/;

/** How many names and calls deep a value is followed: past it, no reduction is claimed. */
const MAX_DEPTH = 8;

/**
 * True when the value comes from a reduction through methods, subscripts and
 * attributes of the result (`agg.reset_index()`, `agg[agg.n > 3]`, `agg.T`)
 * and through names whose every stored value does.
 */
export function holdsReduction(node: Node | null | undefined, facts: DocumentFacts): boolean {
  return reduces(node, facts, new Set());
}

function reduces(node: Node | null | undefined, facts: DocumentFacts, visiting: Set<number>): boolean {
  if (!node || visiting.size >= MAX_DEPTH) return false;
  const value = unparenthesized(node);
  const next = (part: Node | null): boolean => reduces(part, facts, visiting);
  switch (value.type) {
    case 'call': {
      const callee = value.childForFieldName('function');
      if (callee?.type !== 'attribute') return false;
      // A module's function (`pd.merge(agg, df)`) makes new data; a method passes on its receiver's.
      if (facts.qualifiedName(callee) !== undefined) return false;
      const method = callee.childForFieldName('attribute')?.text ?? '';
      if (COUNTED_METHODS.has(method)) return !takesAFraction(value, facts);
      if (REDUCING_METHODS.has(method)) return !keyedByIdentifier(callee.childForFieldName('object'));
      const receiverReduces = next(callee.childForFieldName('object'));
      // A join holds the other frame's rows too.
      if (!receiverReduces || !JOINING_METHODS.has(method)) return receiverReduces;
      const other = facts.callArguments(value).find((arg) => arg.type !== 'keyword_argument');
      return other !== undefined && next(other);
    }
    case 'subscript':
      return next(value.childForFieldName('value'));
    case 'attribute':
      return facts.qualifiedName(value) === undefined && next(value.childForFieldName('object'));
    case 'identifier':
      return storedValuesReduce(value, facts, visiting);
    default:
      return false;
  }
}

/**
 * Every binding of the name stores a reduction. A binding already being
 * followed (`agg = agg.reset_index()` reading its own name) is left to the
 * others to decide; a name whose every binding is being followed reduces nothing.
 */
function storedValuesReduce(name: Node, facts: DocumentFacts, visiting: Set<number>): boolean {
  const found = bindingsOf(facts, name.text, name);
  if (!found) return false;
  let decided = false;
  for (const binding of found.bindings) {
    if (binding.kind === 'augmented') continue;
    if (binding.kind !== 'value') return false;
    const id = binding.value.id;
    if (visiting.has(id)) continue;
    visiting.add(id);
    try {
      if (!reduces(binding.value, facts, visiting)) return false;
    } finally {
      visiting.delete(id);
    }
    decided = true;
  }
  return decided;
}

/** `sample(frac=0.2)` keeps a share of the rows, as many as the data has; `sample(100)` and `head()` a count. */
function takesAFraction(call: Node, facts: DocumentFacts): boolean {
  return facts
    .callArguments(call)
    .some((arg) => arg.type === 'keyword_argument' && arg.childForFieldName('name')?.text === 'frac');
}

/**
 * The chain of receivers before a reduction names an identifier column: in a
 * `groupby(…)` key, or as the column reduced (`df["user_id"].value_counts()`).
 */
function keyedByIdentifier(receiver: Node | null): boolean {
  for (let part = receiver; part; ) {
    part = unparenthesized(part);
    if (part.type === 'call') {
      const callee = part.childForFieldName('function');
      if (callee?.type !== 'attribute') return false;
      if (
        callee.childForFieldName('attribute')?.text === 'groupby' &&
        namesIdentifier(part.childForFieldName('arguments'))
      )
        return true;
      part = callee.childForFieldName('object');
    } else if (part.type === 'subscript') {
      if (namesIdentifier(part.childForFieldName('subscript'))) return true;
      part = part.childForFieldName('value');
    } else if (part.type === 'attribute') {
      if (IDENTIFIER_KEY.test(part.childForFieldName('attribute')?.text ?? '')) return true;
      part = part.childForFieldName('object');
    } else return false;
  }
  return false;
}

/** A string literal under the node names an identifier column. */
function namesIdentifier(node: Node | null): boolean {
  if (!node) return false;
  for (const part of descendants(node))
    if (part.type === 'string_content' && IDENTIFIER_KEY.test(part.text)) return true;
  return false;
}
