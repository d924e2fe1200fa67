// Where a loop keeps a value beyond its pass: `rows.append(value)` or
// `by_key[key] = value`. A pandas Series kept that way stays alive with every
// other one, where a Series dropped each pass costs its time but no memory.
// MEM402 (iterrows rows) and MEM410 (rows read by position) ask this.
import type { Node } from 'web-tree-sitter';
import { callArguments, unparenthesized } from '../semantics/syntax';

/** Longer container expressions are not spelled out in a message. */
const MAX_SPELLED = 30;

/**
 * `<container>.append(value)` or `<container>[key] = value` at `node`, with
 * `isKept` telling the value: how a message names the container.
 */
export function keeperOf(node: Node, isKept: (value: Node) => boolean): string | undefined {
  if (node.type === 'call') {
    const callee = node.childForFieldName('function');
    if (callee?.type !== 'attribute' || callee.childForFieldName('attribute')?.text !== 'append') return undefined;
    const args = callArguments(node);
    return args.length === 1 && isKept(unparenthesized(args[0]!))
      ? spelledContainer(callee.childForFieldName('object'))
      : undefined;
  }
  if (node.type !== 'assignment') return undefined;
  const left = node.childForFieldName('left');
  const right = node.childForFieldName('right');
  return left?.type === 'subscript' && right && isKept(unparenthesized(right))
    ? spelledContainer(left.childForFieldName('value'))
    : undefined;
}

/** Whether the expression is the name, through any parentheses. */
export function isName(node: Node, name: string): boolean {
  const value = unparenthesized(node);
  return value.type === 'identifier' && value.text === name;
}

function spelledContainer(container: Node | null): string {
  return container && container.text.length <= MAX_SPELLED && !container.text.includes('\n')
    ? `\`${container.text}\``
    : 'a container';
}
