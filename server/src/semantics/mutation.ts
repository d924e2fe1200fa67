// Could running some code change a value? A syntactic, conservative answer:
// anything it cannot show to be a read counts as a possible change. Rules use
// it to tell a copy made on purpose (the code changes the original while it
// walks the copy) from a copy made out of habit.
import type { Node } from 'web-tree-sitter';
import { chainOf, isMaximalChain, type Chain } from './chains';
import { changesThroughOtherSpelling, isChangedBehindTheCode, reachOf, runsOtherCode } from './reach';
import { changesThrough, runningNodes, type MutationQuestion } from './valueChanges';

/**
 * Whether running the regions may change the value named by `source`, spelled
 * as the regions spell it: assigning or deleting it or one of its items or
 * attributes, rebinding any part of its chain, calling a method that is not
 * known to only look (on it, or on an object it hangs from), passing it to a
 * function that is not known to only look, letting another name or container
 * hold it, or (when `iteratingConsumes`) iterating it. Any spelling counts: an
 * import of the same path (`modules` for `sys.modules`), a local assigned it
 * (`tree` after `tree = node`). So does code that can reach it without being
 * given it: a `yield` or `await`, after which other code runs, unless it is a
 * local no other code can reach; for a module-level value, a call to a function
 * of this file that may change it (or to code the analysis cannot see); for
 * another module's value, any call but the builtins that only look (those two
 * and other spellings only for the question's own regions). Nested function
 * and class bodies don't run, so don't count.
 */
export function mayMutate(regions: readonly Node[], source: Chain, question: MutationQuestion): boolean {
  const reach = question.ownRegions === true && regions[0] ? reachOf(source, regions[0], question.facts) : undefined;
  if (reach && isChangedBehindTheCode(reach)) return true;
  for (const region of regions) {
    for (const node of runningNodes(region)) {
      if (definesName(node, source[0]!)) return true;
      if (reach && runsOtherCode(node, reach, question.facts)) return true;
      if (!isMaximalChain(node)) continue;
      const chain = chainOf(node)!;
      if (changesThrough(node, chain, source, question)) return true;
      if (reach && changesThroughOtherSpelling(node, chain, reach, question)) return true;
    }
  }
  return false;
}

function definesName(node: Node, name: string): boolean {
  if (node.type !== 'function_definition' && node.type !== 'class_definition') return false;
  return node.childForFieldName('name')?.text === name;
}
