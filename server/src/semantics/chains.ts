// Names reached through attribute reads (`d`, `self.items`, `np.random`), the
// unit in which mutation analysis compares what code touches.
import type { Node } from 'web-tree-sitter';
import { isField } from './syntax';

/** The components of a name or attribute chain: `self.items` is ['self', 'items']. */
export type Chain = readonly string[];

/** The chain an expression is, or undefined when it is anything else (a call, a subscript…). */
export function chainOf(node: Node): Chain | undefined {
  if (node.type === 'identifier') return [node.text];
  if (node.type !== 'attribute') return undefined;
  const object = node.childForFieldName('object');
  const attribute = node.childForFieldName('attribute');
  const base = object ? chainOf(object) : undefined;
  return base && attribute ? [...base, attribute.text] : undefined;
}

/** Whether `prefix` is `chain` or an attribute chain leading to it (`self` of `self.items`). */
export function isPrefix(prefix: Chain, chain: Chain): boolean {
  return prefix.length <= chain.length && prefix.every((part, index) => chain[index] === part);
}

/** Whether one chain leads to the other: changing either may change both. */
export function related(a: Chain, b: Chain): boolean {
  return isPrefix(a, b) || isPrefix(b, a);
}

export function sameChain(a: Chain, b: Chain): boolean {
  return a.length === b.length && isPrefix(a, b);
}

/**
 * Whether the node is a whole chain in an expression: not the attribute name of
 * a longer chain, not its object, and not a keyword argument's name.
 */
export function isMaximalChain(node: Node): boolean {
  if (!chainOf(node)) return false;
  const parent = node.parent;
  if (!parent) return true;
  if (parent.type === 'attribute') return !(chainOf(parent) !== undefined || isField(parent, 'attribute', node));
  if (parent.type === 'keyword_argument') return !isField(parent, 'name', node);
  return true;
}
