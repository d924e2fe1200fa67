// Whether a file read whole is still open where its lines are looped over:
// only then can the loop iterate the file instead.
import type { Node } from 'web-tree-sitter';
import type { DocumentFacts } from '../../semantics/facts';
import { closestAncestor } from '../../semantics/syntax';
import { usesOfName } from '../../semantics/uses';
import { usageOf } from '../../semantics/valueUses';
import { openingsOf } from '../open-files';
import { contains } from './loops';

const WITH_TYPES: ReadonlySet<string> = new Set(['with_statement']);

/**
 * Whether the file is still open when the loop over its lines runs: the loop
 * sits inside the `with` that opened it, and no `file.close()` comes between.
 * Reading the lines first and closing the file before a long loop is a choice
 * iterating the file would undo.
 */
export function staysOpenUntil(file: Node, readCall: Node, loop: Node, facts: DocumentFacts): boolean {
  for (const opening of openingsOf(facts, file) ?? []) {
    const withStatement = closestAncestor(opening.call, WITH_TYPES);
    const header = withStatement?.namedChildren.find((child) => child?.type === 'with_clause');
    if (!withStatement || !header || !contains(header, opening.call)) continue;
    if (contains(withStatement, readCall) && !contains(withStatement, loop)) return false;
  }
  const uses = usesOfName(facts, file);
  if (!uses) return false;
  return !uses.reads.some((read) => {
    const use = usageOf(read, facts);
    return (
      use.kind === 'method' &&
      use.name === 'close' &&
      read.startIndex >= readCall.endIndex &&
      read.endIndex <= loop.startIndex
    );
  });
}
