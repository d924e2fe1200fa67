// The shapes MEM409 flags: a sparse matrix made dense (`m.toarray()`,
// `m.todense()`, `m.A`) only to read part of it (`[…]`) or reduce it
// (`.sum(…)`, `.mean(…)`), each of which the sparse matrix does itself.
import type { Node } from 'web-tree-sitter';
import { isAssignmentTarget } from '../../semantics/assignmentTargets';
import type { DocumentFacts } from '../../semantics/facts';
import { expressionChildren, isField } from '../../semantics/syntax';

export const DENSIFYING_METHODS: readonly string[] = ['toarray', 'todense'];
/** The spmatrix attribute for `toarray()`. */
export const DENSE_ATTRIBUTE = 'A';
const REDUCTIONS: ReadonlySet<string> = new Set(['sum', 'mean']);

export interface Densified {
  /** The whole expression flagged: the subscript, or the reduction's call. */
  readonly node: Node;
  /** `m.toarray()`, `m.todense()` or `m.A`. */
  readonly dense: Node;
  /** `m`. */
  readonly matrix: Node;
  /** How it is made dense. */
  readonly how: 'toarray' | 'todense' | 'A';
  /** Read in part (`[i]`) or reduced (`.sum(…)`, `.mean(…)`), and the reduction's name. */
  readonly use:
    | { readonly kind: 'index'; readonly keys: readonly Node[] }
    | { readonly kind: 'reduce'; readonly method: string; readonly args: readonly Node[] };
}

/** From the `toarray`/`todense` identifier to the call, or from `A` to the attribute. */
export function denseFromName(identifier: Node): Node | undefined {
  const attribute = identifier.parent;
  if (attribute?.type !== 'attribute' || !isField(attribute, 'attribute', identifier)) return undefined;
  if (identifier.text === DENSE_ATTRIBUTE) return attribute;
  const call = attribute.parent;
  return call?.type === 'call' && isField(call, 'function', attribute) ? call : undefined;
}

/** The densified value and what the code does with it, when it is read in part or reduced. */
export function densified(dense: Node, facts: DocumentFacts): Densified | undefined {
  const attribute = dense.type === 'call' ? dense.childForFieldName('function') : dense;
  const how = attribute?.childForFieldName('attribute')?.text;
  const matrix = attribute?.childForFieldName('object');
  if (!matrix || (how !== 'toarray' && how !== 'todense' && how !== DENSE_ATTRIBUTE)) return undefined;
  const parent = dense.parent;
  if (parent?.type === 'subscript' && isField(parent, 'value', dense) && !isAssignmentTarget(parent)) {
    const keys = parent.childrenForFieldName('subscript').filter((key) => key.type !== 'comment');
    return keys.every(isWholeSlice) ? undefined : { node: parent, dense, matrix, how, use: { kind: 'index', keys } };
  }
  const method =
    parent?.type === 'attribute' && isField(parent, 'object', dense)
      ? parent.childForFieldName('attribute')?.text
      : undefined;
  const call = parent?.parent;
  if (!method || !REDUCTIONS.has(method) || call?.type !== 'call' || !isField(call, 'function', parent!))
    return undefined;
  return { node: call, dense, matrix, how, use: { kind: 'reduce', method, args: facts.callArguments(call) } };
}

/** `:` or `...`: a key that keeps the whole matrix, so indexing first would save nothing. */
function isWholeSlice(key: Node): boolean {
  return key.type === 'ellipsis' || (key.type === 'slice' && expressionChildren(key).length === 0);
}
