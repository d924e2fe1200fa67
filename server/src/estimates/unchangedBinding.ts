// Following a name to the list, set or dict it was bound to is only right while
// nothing has changed it: `xs = [1, 2]; xs.append(3); list(xs)` copies three.
import type { Node } from 'web-tree-sitter';
import { statementOf } from '../semantics/loops';
import { mayMutate } from '../semantics/mutation';
import { statementsBetween } from '../semantics/statementsBetween';
import { unparenthesized } from '../semantics/syntax';
import type { EstimateContext } from './types';

/** Expressions that may make a mutable container; str, bytes and tuple displays cannot change. */
const MUTABLE_EXPRESSIONS: ReadonlySet<string> = new Set([
  'list',
  'binary_operator',
  'list_comprehension',
  'call',
  'set',
  'set_comprehension',
  'dictionary',
  'dictionary_comprehension',
]);

/**
 * Whether the container a name was bound to may have changed before it is read
 * here (`xs.append(4)` in between): only a binding in the same block, with
 * nothing between that may change it, is followed.
 */
export function mayHaveChanged(name: Node, bound: Node, context: EstimateContext): boolean {
  if (!MUTABLE_EXPRESSIONS.has(unparenthesized(bound).type)) return false;
  const [binding, use] = [statementOf(bound), statementOf(name)];
  const between = context.facts && binding && use && statementsBetween(binding, use, context.facts.module);
  if (!context.facts || !between) return true;
  // The statements between may be other top-level statements: what they spell of the name is read too.
  context.facts.readsSpellingsOf(name.text);
  return mayMutate(between, [name.text], { facts: context.facts, iteratingConsumes: false });
}

/** The expression `name` was bound to once, when its value is still the one that expression made. */
export function unchangedBinding(name: Node, context: EstimateContext): Node | undefined {
  const bound = context.folder.boundExpression(name);
  return bound && !mayHaveChanged(name, bound, context) ? unparenthesized(bound) : undefined;
}
