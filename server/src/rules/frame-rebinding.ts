// `df = df[["a", "b"]]` as the statement right after `df = pd.read_csv(…)`:
// the frame read lives only until its name is bound again from it, so what
// that statement selects of it is all the code ever uses of the frame.
import type { Node } from 'web-tree-sitter';
import type { DocumentFacts } from '../semantics/facts';
import { containsType, unparenthesized } from '../semantics/syntax';
import { assignedName, runningScope, type NameUses } from '../semantics/uses';

export interface Rebinding {
  /** The statement `df = <value>`. */
  readonly statement: Node;
  /** Its right side, parentheses left out. */
  readonly value: Node;
  /** The reads of the name in the value: the only ones that see the frame read. */
  readonly reads: readonly Node[];
}

const CALLS: ReadonlySet<string> = new Set(['call']);

/**
 * The statement after the one that binds `frame` (in `frame = <read>`), when
 * it binds the same name again from a value that reads it, in the scope the
 * read runs in. Nothing runs between the two bindings but that value, so
 * its reads are the only ones that see the frame read (an exception the
 * value raises aside); unless the value calls something, which might be a
 * nested function that reads the name too.
 */
export function rebindingAfter(frame: Node, uses: NameUses, facts: DocumentFacts): Rebinding | undefined {
  const statement = frame.parent?.parent;
  const next = statement ? nextStatement(statement) : undefined;
  const assignment = next?.namedChildCount === 1 ? next.namedChild(0) : null;
  const value = assignment?.childForFieldName('right');
  const target = value ? assignedName(value) : undefined;
  if (!next || !value || target?.text !== frame.text || !uses.sites.some((site) => site.node.id === target.id))
    return undefined;
  const reads = uses.reads.filter((read) => value.startIndex <= read.startIndex && read.endIndex <= value.endIndex);
  const scope = runningScope(facts, frame);
  if (reads.length === 0 || reads.some((read) => runningScope(facts, read) !== scope)) return undefined;
  const readElsewhere = uses.reads.some((read) => runningScope(facts, read) !== scope);
  if (readElsewhere && containsType(value, CALLS)) return undefined;
  return { statement: next, value: unparenthesized(value), reads };
}

/** The statement after `statement` in its block, comments skipped. */
function nextStatement(statement: Node): Node | undefined {
  let next = statement.nextNamedSibling;
  while (next?.type === 'comment') next = next.nextNamedSibling;
  return next?.type === 'expression_statement' ? next : undefined;
}
