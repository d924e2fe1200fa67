// Which binding of a name holds the value a read of it sees, as far as the
// order of the code shows: in a loop, `x = x.to(device)` replaces the item
// the loop bound to `x` before the lines below it read it.
import type { Node } from 'web-tree-sitter';
import type { DocumentFacts } from '../../semantics/facts';
import { bindingsOf, type NameBinding } from '../../semantics/initialValues';
import { alwaysRunsWith, contains, enclosingLoops, statementOf } from '../../semantics/loops';

/**
 * The bindings a read of a name may see. In the innermost loop around the
 * read that binds the name: the last binding before the read, when it runs
 * on every pass that runs the read (a `for` target of a loop around the read
 * counts); none when no binding is shown to reach it (it would be the
 * previous pass's, or depends on a branch). Where no loop around the read
 * binds the name: every binding of it.
 */
export function reachingBindings(read: Node, facts: DocumentFacts): readonly NameBinding[] | undefined {
  const bindings = (bindingsOf(facts, read.text, read)?.bindings ?? []).filter(
    (binding) => binding.kind !== 'annotation',
  );
  if (bindings.length === 0) return undefined;
  for (const loop of enclosingLoops(read)) {
    const inLoop = bindings.filter((binding) => contains(loop, binding.site.node));
    if (inLoop.length === 0) continue;
    const before = inLoop.filter((binding) => precedes(binding.site.node, read));
    const last = before[before.length - 1];
    return last && alwaysRunsWith(last.site.node, read, loop) ? [last] : undefined;
  }
  return bindings;
}

/** The binding the read sees, when it is one in the loop (see reachingBindings). */
export function bindingInLoop(read: Node, loop: Node, facts: DocumentFacts): NameBinding | undefined {
  const reaching = reachingBindings(read, facts);
  const only = reaching?.length === 1 ? reaching[0] : undefined;
  return only && contains(loop, only.site.node) ? only : undefined;
}

/**
 * Whether a binding is done before the read runs: its statement ends before
 * the read, or it is the target of a `for` whose body holds the read. A read
 * in the statement that binds (`x = x.to(device)`) sees the value before.
 */
function precedes(site: Node, read: Node): boolean {
  const statement = statementOf(site);
  if (!statement) return false;
  if (!contains(statement, read)) return statement.endIndex <= read.startIndex;
  if (statement.type !== 'for_statement') return false;
  const target = statement.childForFieldName('left');
  const body = statement.childForFieldName('body');
  return target !== null && body !== null && contains(target, site) && contains(body, read);
}
