// A write of one value to a file the code opened, `out.write(data)`: the
// rules on a whole file copied (MEM107) and a whole download written
// (MEM108) ask what `data` holds.
import type { Node } from 'web-tree-sitter';
import type { DocumentFacts } from '../semantics/facts';
import { unparenthesized } from '../semantics/syntax';
import { openingsOf, type FileOpening } from './open-files';

export interface FileWrite {
  /** The `out.write(data)` call. */
  readonly call: Node;
  /** `out`: a name bound only to opened files, or an opener call. */
  readonly file: Node;
  readonly openings: readonly FileOpening[];
  /** `data`, out of any parentheses. */
  readonly data: Node;
}

/** The call as a write of one positional argument to an opened file; undefined for any other call. */
export function fileWrite(call: Node, facts: DocumentFacts): FileWrite | undefined {
  const callee = call.childForFieldName('function');
  if (callee?.type !== 'attribute' || callee.childForFieldName('attribute')?.text !== 'write') return undefined;
  const args = facts.callArguments(call);
  const only = args.length === 1 ? args[0]! : undefined;
  if (!only || only.type === 'keyword_argument' || only.type === 'list_splat' || only.type === 'dictionary_splat')
    return undefined;
  const file = callee.childForFieldName('object');
  const openings = file ? openingsOf(facts, unparenthesized(file)) : undefined;
  return file && openings ? { call, file: unparenthesized(file), openings, data: unparenthesized(only) } : undefined;
}
